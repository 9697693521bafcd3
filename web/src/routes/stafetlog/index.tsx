// The stafetlog and consent pages for professionals (S4, S14). Contract with the shell
// (web/src/router.tsx): stafetlogAppRoutes(appRoute) returns the pages under the app layout:
//   /stafetlog           Mine stafetlogs                       (stafetlog.work)
//   /stafetlog/$logId    the whole log                         (stafetlog.work; the server decides access)
//   /admin/samtykke      consent rules and concern labels     (consent.manage)
// The child page's panels are StafetlogPanel.tsx and ConsentPanel.tsx (imported by
// routes/children/ChildPage.tsx).
import { createRoute, type AnyRoute } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { Permission } from '../../api/types.ts';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { LogPage } from './LogPage.tsx';
import { MinePage } from './MinePage.tsx';
import { SettingsPage } from './SettingsPage.tsx';
import '../admin/admin.css';
import './stafetlog.css';

function guarded(permission: Permission, page: () => ReactNode) {
  return function Guarded() {
    return <RequirePermission permission={permission}>{page()}</RequirePermission>;
  };
}

export function stafetlogAppRoutes(parent: AnyRoute): AnyRoute[] {
  const route = (path: string, permission: Permission, page: () => ReactNode) =>
    createRoute({ getParentRoute: () => parent, path, component: guarded(permission, page) }) as unknown as AnyRoute;
  return [
    route('/stafetlog', 'stafetlog.work', () => <MinePage />),
    route('/stafetlog/$logId', 'stafetlog.work', () => <LogPage />),
    route('/admin/samtykke', 'consent.manage', () => <SettingsPage />),
  ];
}
