// Rows → the portal's API shapes. Never a raw row, never a CPR.
import type { AccessLogRow, PortalChild } from './schema.ts';

const KINDS = ['staff', 'citizen', 'system', 'anonymous'] as const;
type Kind = (typeof KINDS)[number];

export function presentChild(c: { id: string; firstName: string; lastName: string; birthDate: string }): PortalChild {
  return { id: c.id, firstName: c.firstName, lastName: c.lastName, birthDate: c.birthDate };
}

/**
 * One line of the access extract. A professional is named only when the municipality shows
 * names to parents; their role and profession are always shown. Custody holders are named (the
 * parents know each other); jobs appear as the system.
 */
export function presentAccessRow(
  r: {
    at: Date;
    actorKind: string;
    actorName: string | null;
    actorRole: string | null;
    action: string;
    resourceType: string;
    purpose: string | null;
    profession: string | null;
  },
  showStaffNames: boolean,
): AccessLogRow {
  const kind: Kind = (KINDS as readonly string[]).includes(r.actorKind) ? (r.actorKind as Kind) : 'anonymous';
  const name = kind === 'citizen' || (kind === 'staff' && showStaffNames) ? r.actorName : null;
  return {
    at: r.at.toISOString(),
    who: { name, role: r.actorRole, profession: kind === 'staff' ? r.profession : null, kind },
    action: r.action,
    resourceType: r.resourceType,
    purpose: r.purpose,
  };
}
