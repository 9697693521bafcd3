// The samarbejdsguide and handleguide pages (S3). Contract with the shell (web/src/router.tsx):
//   guidePublicRoutes(publicRoute) — /guide and /guide/$slug under the public layout (no log-in);
//   guideAppRoutes(appRoute)       — the editor pages under /admin/guide, shown with `guide.edit`
//                                    (the server enforces the same).
// The rating page's panel is HandleguidePanel.tsx (imported by routes/screening/GroupRatingPage.tsx).
import { createRoute, type AnyRoute } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { CreateEntryPage, EditEntryPage } from './admin/EntryEditPage.tsx';
import { EntriesAdminPage } from './admin/EntriesAdminPage.tsx';
import { EntryVersionPage } from './admin/EntryVersionPage.tsx';
import { HandleguideAdminPage } from './admin/HandleguideAdminPage.tsx';
import { HandleguideEditPage } from './admin/HandleguideEditPage.tsx';
import { EntryPage } from './EntryPage.tsx';
import { GuidePage } from './GuidePage.tsx';
import { validateEntrySearch, validateGuideSearch } from './search.ts';
import '../admin/admin.css';
import './guide.css';

export function guidePublicRoutes(parent: AnyRoute): AnyRoute[] {
  return [
    createRoute({ getParentRoute: () => parent, path: '/guide', validateSearch: validateGuideSearch, component: GuidePage }) as unknown as AnyRoute,
    createRoute({ getParentRoute: () => parent, path: '/guide/$slug', validateSearch: validateEntrySearch, component: EntryPage }) as unknown as AnyRoute,
  ];
}

function editor(page: () => ReactNode) {
  return function GuideEditor() {
    return <RequirePermission permission="guide.edit">{page()}</RequirePermission>;
  };
}

export function guideAppRoutes(parent: AnyRoute): AnyRoute[] {
  const route = (path: string, page: () => ReactNode) => createRoute({ getParentRoute: () => parent, path, component: editor(page) }) as unknown as AnyRoute;
  return [
    route('/admin/guide', () => <EntriesAdminPage />),
    route('/admin/guide/ny', () => <CreateEntryPage />),
    route('/admin/guide/handleguide', () => <HandleguideAdminPage />),
    route('/admin/guide/handleguide/$scaleId/$ordinal', () => <HandleguideEditPage />),
    route('/admin/guide/$entryId', () => <EditEntryPage />),
    route('/admin/guide/$entryId/versioner/$number', () => <EntryVersionPage />),
  ];
}
