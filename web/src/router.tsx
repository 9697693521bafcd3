// Routes (TanStack Router, code-based).
//   root
//   ├─ public layout:  /login, /tilgaengelighed
//   └─ app layout (authenticated; loads /api/auth/me, 401 → /login)
//        /, /boern, /boern/$childId, /logning, /beskeder, and adminRoutes(appRoute) from routes/admin
//   └─ portalRoutes(rootRoute): the parents' portal under /borger, its own layout and session
// The admin pages hang under `appRoute` so they get the shell, the session and useMe().
import type { QueryClient } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, Outlet, redirect, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { ApiError, setUnauthorizedHandler } from './api/client.ts';
import { queryClient } from './api/queryClient.ts';
import { meQuery, useMe } from './api/session.ts';
import { AppShell, leaveToLogin, PublicShell } from './components/Layout.tsx';
import { landingPath } from './components/nav.ts';
import { ErrorPage, NotFoundPage } from './components/PageStates.tsx';
import { focusMain } from './components/SkipLink.tsx';
import { Loading } from './components/Spinner.tsx';
import { AccessibilityPage } from './routes/accessibility/AccessibilityPage.tsx';
import { adminRoutes } from './routes/admin/index.tsx';
import { AuditPage, validateAuditSearch } from './routes/audit/AuditPage.tsx';
import { ChildPage } from './routes/children/ChildPage.tsx';
import { ChildrenPage } from './routes/children/ChildrenPage.tsx';
import { HomePage } from './routes/home/HomePage.tsx';
import { LoginPage, validateLoginSearch } from './routes/login/LoginPage.tsx';
import { screeningRoutes } from './routes/screening/index.tsx';
import { guideAppRoutes, guidePublicRoutes } from './routes/guide/index.tsx';
import { NoticesPage } from './routes/notices/NoticesPage.tsx';
import { stafetlogAppRoutes } from './routes/stafetlog/index.tsx';
import { portalRoutes } from './routes/portal/index.tsx';

export interface RouterContext {
  queryClient: QueryClient;
}

/** Move focus to <main> after each client-side navigation (not on first load), so screen
 *  readers and keyboard users start at the new page's content. */
function RouteFocus() {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    focusMain();
  }, [pathname]);
  return null;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: () => (
    <>
      <RouteFocus />
      <Outlet />
    </>
  ),
  notFoundComponent: () => (
    <PublicShell>
      <NotFoundPage />
    </PublicShell>
  ),
});

// ---- public pages -------------------------------------------------------------------------

function PublicLayout() {
  // Show the user in the header when someone logged in opens a public page (not on the
  // log-in page itself, where the answer would only be a 401).
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const me = useQuery({ ...meQuery, retry: false, enabled: pathname !== '/login' }).data;
  return (
    <PublicShell me={me}>
      <Outlet />
    </PublicShell>
  );
}

const publicRoute = createRoute({ getParentRoute: () => rootRoute, id: 'public', component: PublicLayout });

export const loginRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/login',
  validateSearch: validateLoginSearch,
  component: LoginPage,
});

const accessibilityRoute = createRoute({ getParentRoute: () => publicRoute, path: '/tilgaengelighed', component: AccessibilityPage });

// ---- authenticated pages ------------------------------------------------------------------

function AppLayout() {
  const me = useMe();
  return (
    <AppShell me={me}>
      <Outlet />
    </AppShell>
  );
}

export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(meQuery);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        const notice = e.code === 'auth.session_expired' ? ('session_expired' as const) : undefined;
        throw redirect({ to: '/login', search: { redirect: location.pathname === '/' ? undefined : location.pathname, notice } });
      }
      // A parent's session may not use the staff API: a parent who opens a staff page belongs in the portal.
      if (e instanceof ApiError && e.status === 403) throw redirect({ href: '/borger' });
      throw e;
    }
  },
  pendingComponent: () => <Loading />,
  errorComponent: ({ error, reset }) => (
    <PublicShell>
      <ErrorPage error={error} onRetry={reset} />
    </PublicShell>
  ),
  component: AppLayout,
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    const me = context.queryClient.getQueryData(meQuery.queryKey);
    const to = me ? landingPath(me) : null;
    if (to) throw redirect({ to, replace: true });
  },
  component: HomePage,
});

export const childrenRoute = createRoute({ getParentRoute: () => appRoute, path: '/boern', component: ChildrenPage });

export const childRoute = createRoute({ getParentRoute: () => appRoute, path: '/boern/$childId', component: ChildPage });

export const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/logning',
  validateSearch: validateAuditSearch,
  component: AuditPage,
});

export const noticesRoute = createRoute({ getParentRoute: () => appRoute, path: '/beskeder', component: NoticesPage });

const routeTree = rootRoute.addChildren([
  publicRoute.addChildren([loginRoute, accessibilityRoute, ...guidePublicRoutes(publicRoute)]),
  appRoute.addChildren([
    homeRoute,
    childrenRoute,
    childRoute,
    auditRoute,
    noticesRoute,
    ...adminRoutes(appRoute),
    ...screeningRoutes(appRoute),
    ...guideAppRoutes(appRoute),
    ...stafetlogAppRoutes(appRoute),
  ]),
  ...portalRoutes(rootRoute),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: false,
  defaultPendingMs: 300,
  defaultErrorComponent: ({ error, reset }) => <ErrorPage error={error} onRetry={reset} />,
  defaultNotFoundComponent: () => <NotFoundPage />,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

// Any 401 from the API outside the log-in form: leave to the log-in page (a full load, so no
// cached personal data survives), with the Danish notice when the session expired.
setUnauthorizedHandler((error) => {
  const current = router.state.location.pathname;
  if (current === '/login') return;
  if (error.code === 'auth.session_expired') leaveToLogin('session_expired', current);
  else void router.navigate({ to: '/login', search: { redirect: current === '/' ? undefined : current } });
});
