// Shows the page only to users with the permission; others get the "no access" page.
// (The server enforces the same rule; this only avoids showing a page that cannot work.)
//   <RequirePermission permission="audit.read"><AuditPage /></RequirePermission>
import type { ReactNode } from 'react';
import { useMe } from '../api/session.ts';
import type { Permission } from '../api/types.ts';
import { NoAccessPage } from './PageStates.tsx';

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useMe();
  return me.permissions.includes(permission) ? <>{children}</> : <NoAccessPage />;
}
