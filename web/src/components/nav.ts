// The main navigation, by permission from GET /api/auth/me. The first item the user may
// see is their landing page ("/" redirects there): a professional lands on Mine børn, an
// administrator on Organisation, the DPO on Logning.
import type { Me, Permission } from '../api/types.ts';

export interface NavItem {
  to: string;
  /** i18n key of the label. */
  labelKey: string;
  permission: Permission;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/boern', labelKey: 'nav.children', permission: 'children.list' },
  { to: '/trivsel', labelKey: 'screening.title', permission: 'screening.rate' },
  { to: '/stafetlog', labelKey: 'stafetlog:nav', permission: 'stafetlog.work' },
  { to: '/admin/organisation', labelKey: 'nav.organisation', permission: 'org.manage' },
  { to: '/admin/medarbejdere', labelKey: 'nav.staff', permission: 'staff.manage' },
  { to: '/admin/boern', labelKey: 'nav.childrenAdmin', permission: 'children.manage' },
  { to: '/admin/import', labelKey: 'nav.import', permission: 'import.run' },
  { to: '/admin/trivsel', labelKey: 'admin:screeningAdmin.nav', permission: 'screening.manage' },
  { to: '/admin/guide', labelKey: 'guide:nav', permission: 'guide.edit' },
  { to: '/admin/samtykke', labelKey: 'stafetlog:settings.nav', permission: 'consent.manage' },
  { to: '/trivsel/overblik', labelKey: 'screening.overview.nav', permission: 'screening.progress' },
  { to: '/logning', labelKey: 'nav.audit', permission: 'audit.read' },
  { to: '/admin/opbevaring', labelKey: 'retention.nav', permission: 'retention.manage' },
];

export function navItemsFor(me: Pick<Me, 'permissions'>): NavItem[] {
  return NAV_ITEMS.filter((i) => me.permissions.includes(i.permission));
}

export function landingPath(me: Pick<Me, 'permissions'>): string | null {
  return navItemsFor(me)[0]?.to ?? null;
}
