// The parents' portal (S15) under /borger: its own layout and session. Contract with the shell:
//   portalRoutes(rootRoute) — every /borger page, outside the staff app layout.
//   /borger/log-ind                    what the portal is; MitID, or the marked demo log-in
//   /borger                            my children
//   /borger/barn/$childId              the child: logs, goals and actions, dates, consents
//   /borger/barn/$childId/indsigt      who has read or changed the child's data
//   /borger/stafetlog/$logId           the whole log; own words, own level, a proposed goal
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { createRoute, Outlet, redirect, type AnyRoute } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ApiError } from '../../api/client.ts';
import { portalMeQuery } from '../../api/portal.ts';
import { ErrorPage, NotFoundPage } from '../../components/PageStates.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { AccessLogPage } from './AccessLogPage.tsx';
import { ChildPage } from './ChildPage.tsx';
import { ChildrenPage } from './ChildrenPage.tsx';
import { LogPage } from './LogPage.tsx';
import { PortalLoginPage, validatePortalLoginSearch } from './LoginPage.tsx';
import { PortalShell } from './PortalShell.tsx';
import './portal.css';

function PublicLayout() {
  return (
    <PortalShell>
      <Outlet />
    </PortalShell>
  );
}

function AppLayout() {
  // Loaded by beforeLoad; the query keeps it fresh when "stay logged in" asks again.
  const me = useQuery(portalMeQuery).data;
  return (
    <PortalShell me={me}>
      <Outlet />
    </PortalShell>
  );
}

export function portalRoutes(root: AnyRoute): AnyRoute[] {
  const publicRoute = createRoute({ getParentRoute: () => root, id: 'portal-public', component: PublicLayout });
  const login = createRoute({
    getParentRoute: () => publicRoute,
    path: '/borger/log-ind',
    validateSearch: validatePortalLoginSearch,
    component: PortalLoginPage,
  });

  const appRoute = createRoute({
    getParentRoute: () => root,
    id: 'portal-app',
    beforeLoad: async ({ context }) => {
      const { queryClient } = context as { queryClient: QueryClient };
      try {
        await queryClient.ensureQueryData(portalMeQuery);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          throw redirect({ to: '/borger/log-ind', search: { besked: e.code === 'auth.session_expired' ? 'udloebet' : undefined } });
        }
        throw e;
      }
    },
    pendingComponent: () => <Loading />,
    errorComponent: ({ error, reset }) => (
      <PortalShell>
        <ErrorPage error={error} onRetry={reset} />
      </PortalShell>
    ),
    notFoundComponent: () => <NotFoundPage />,
    component: AppLayout,
  });
  const route = (path: string, component: () => ReactNode) => createRoute({ getParentRoute: () => appRoute, path, component });

  return [
    publicRoute.addChildren([login]) as unknown as AnyRoute,
    appRoute.addChildren([
      route('/borger', ChildrenPage),
      route('/borger/barn/$childId', ChildPage),
      route('/borger/barn/$childId/indsigt', AccessLogPage),
      route('/borger/stafetlog/$logId', LogPage),
    ]) as unknown as AnyRoute,
  ];
}
