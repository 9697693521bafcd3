// The role model: what each role may do, and which roles reach children through their unit.
// Source: domain.md §1 (areas and roles), S1, S14 (access follows the relation to the child).

export const ROLES = [
  'fagperson', // pædagog, lærer, dagplejer, sundhedsplejerske, PPR … in a group or institution
  'leder', // leader of an institution (owns its tværfagligt team)
  'distriktsfacilitator', // coordinator of a district: aggregates, not individuals
  'myndighedsraadgiver', // case worker at the authority
  'teamleder', // team leader at the authority
  'myndighedsleder',
  'forebyggende_raadgiver', // preventive social worker (udfører / forebyggende enhed)
  'familiebehandler',
  'admin', // municipality administrator: organisation, staff, imports — no child records
  'dpo', // data-protection officer: the audit trail
] as const;
export type Role = (typeof ROLES)[number];

export const PROFESSIONS = [
  'paedagog',
  'laerer',
  'dagplejer',
  'sundhedsplejerske',
  'ppr_psykolog',
  'tale_hoerekonsulent',
  'ergo_fysioterapeut',
  'ssp_medarbejder',
  'trivselsmedarbejder',
  'socialraadgiver',
  'familiebehandler',
  'leder',
  'administrativ',
  'anden',
] as const;
export type Profession = (typeof PROFESSIONS)[number];

export const INSTITUTION_TYPES = [
  'sundhedspleje',
  'dagpleje',
  'vuggestue',
  'boernehave',
  'integreret',
  'skole',
  'sfo',
  'klub',
  'ppr',
  'myndighed',
  'forebyggende_enhed',
  'udfoerer',
] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'staff.manage',
  'import.run',
  'audit.read',
  'children.list', // "my children": children reached through the actor's relations
  'children.manage', // register children, custody holders and enrolments (no reading of records)
  'screening.rate', // rate the children of the groups the actor works in (S2)
  'screening.lead', // an institution leader's part: every group, late ratings after the close
  'screening.progress', // counts and distributions for the actor's units — never individuals outside them
  'screening.manage', // scales, rounds, the handleguide
  'guide.edit', // the samarbejdsguide and the handleguide texts (S3)
  'stafetlog.work', // open a stafetlog for a child one works with, take part, relay (S4)
  'consent.register', // register a consent given on paper, with an attestation (S14)
  'consent.manage', // the municipality's consent, stafetlog and portal settings
  'retention.manage', // retention settings, preview and runs (deletion and anonymisation, docs/adr/0006)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_BASE: Permission[] = ['org.read'];
const CHILD_WORK: Permission[] = [...STAFF_BASE, 'children.list', 'stafetlog.work', 'consent.register'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  fagperson: [...CHILD_WORK, 'screening.rate'],
  leder: [...CHILD_WORK, 'screening.rate', 'screening.lead', 'screening.progress'],
  distriktsfacilitator: [...STAFF_BASE, 'screening.progress'],
  myndighedsraadgiver: CHILD_WORK,
  teamleder: CHILD_WORK,
  myndighedsleder: CHILD_WORK,
  forebyggende_raadgiver: CHILD_WORK,
  familiebehandler: CHILD_WORK,
  admin: [...STAFF_BASE, 'org.manage', 'staff.manage', 'import.run', 'children.manage', 'screening.manage', 'screening.progress', 'guide.edit', 'consent.manage', 'retention.manage'],
  dpo: [...STAFF_BASE, 'audit.read', 'retention.manage'],
};

/** Roles that see the children currently enrolled in the group or institution they hold the role in. */
export const UNIT_CHILD_ROLES: readonly Role[] = ['fagperson', 'leder'];

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export type UnitKind = 'municipality' | 'district' | 'institution' | 'group' | 'team';

/** Where each role can be held: a pædagog in a group, a leader in an institution, a facilitator in a district … */
export const ROLE_UNITS: Record<Role, readonly UnitKind[]> = {
  fagperson: ['group', 'institution', 'team'],
  leder: ['institution', 'district', 'team'],
  distriktsfacilitator: ['district'],
  myndighedsraadgiver: ['team', 'institution'],
  teamleder: ['team', 'institution'],
  myndighedsleder: ['institution', 'municipality'],
  forebyggende_raadgiver: ['team', 'institution', 'district'],
  familiebehandler: ['team', 'institution'],
  admin: ['municipality'],
  dpo: ['municipality'],
};

export function roleFitsUnit(role: Role, unitKind: UnitKind): boolean {
  return ROLE_UNITS[role].includes(unitKind);
}
