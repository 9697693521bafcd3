// The administration pages (S1): organisation, staff, children and enrolments, CSV import,
// retention (how long data is kept).
// Contract with the shell (web/src/router.tsx): adminRoutes(parent) returns TanStack Router
// code-based routes under the authenticated layout route. Each page is shown only with its
// permission (the server enforces the same).
import { createRoute, type AnyRoute } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { Permission } from '../../api/types.ts';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import './admin.css';
import { ChildrenAdminPage } from './children/ChildrenAdminPage.tsx';
import { ImportPage } from './import/ImportPage.tsx';
import { OrganisationPage } from './organisation/OrganisationPage.tsx';
import { RetentionPage } from './retention/RetentionPage.tsx';
import { screeningAdminPages } from './screening/index.tsx';
import { StaffDetailPage } from './staff/StaffDetailPage.tsx';
import { StaffListPage } from './staff/StaffListPage.tsx';

function guarded(permission: Permission, page: () => ReactNode) {
  return function Guarded() {
    return <RequirePermission permission={permission}>{page()}</RequirePermission>;
  };
}

export function adminRoutes(parent: AnyRoute): AnyRoute[] {
  const route = (path: string, permission: Permission, page: () => ReactNode) =>
    createRoute({ getParentRoute: () => parent, path, component: guarded(permission, page) }) as unknown as AnyRoute;
  return [
    route('/admin/organisation', 'org.manage', () => <OrganisationPage />),
    route('/admin/medarbejdere', 'staff.manage', () => <StaffListPage />),
    route('/admin/medarbejdere/$userId', 'staff.manage', () => <StaffDetailPage />),
    route('/admin/boern', 'children.manage', () => <ChildrenAdminPage />),
    route('/admin/import', 'import.run', () => <ImportPage />),
    ...screeningAdminPages.map(([path, page]) => route(path, 'screening.manage', page)),
    route('/admin/opbevaring', 'retention.manage', () => <RetentionPage />),
  ];
}
