// Organisation queries: districts, institutions, groups, teams. No business rules here.
import { sql } from 'kysely';
import type { Scope } from '../../access/scope.ts';

export function listDistricts(scope: Scope) {
  return scope.trx.selectFrom('districts').selectAll().orderBy('name').execute();
}

export function listInstitutions(scope: Scope) {
  return scope.trx.selectFrom('institutions').selectAll().orderBy('name').execute();
}

export function listGroups(scope: Scope) {
  return scope.trx.selectFrom('groups').selectAll().orderBy('name').execute();
}

export function listTeams(scope: Scope) {
  return scope.trx.selectFrom('teams').selectAll().orderBy('name').execute();
}

/** Current enrolment counts per group and per institution (numbers only, no children). */
export async function enrolmentCounts(scope: Scope) {
  const rows = await scope.trx
    .selectFrom('enrolments')
    .select(['institutionId', 'groupId', sql<number>`count(*)::int`.as('n')])
    .where('validFrom', '<=', scope.today)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', scope.today)]))
    .groupBy(['institutionId', 'groupId'])
    .execute();
  const byGroup = new Map<string, number>();
  const byInstitution = new Map<string, number>();
  for (const r of rows) {
    if (r.groupId) byGroup.set(r.groupId, r.n);
    byInstitution.set(r.institutionId, (byInstitution.get(r.institutionId) ?? 0) + r.n);
  }
  return { byGroup, byInstitution };
}

export async function teamMemberCounts(scope: Scope) {
  const rows = await scope.trx
    .selectFrom('memberships')
    .select(['unitId', sql<number>`count(DISTINCT user_id)::int`.as('n')])
    .where('unitKind', '=', 'team')
    .where('validFrom', '<=', scope.today)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', scope.today)]))
    .groupBy('unitId')
    .execute();
  return new Map(rows.map((r) => [r.unitId, r.n]));
}

export function findById(scope: Scope, table: 'districts' | 'institutions' | 'groups' | 'teams', id: string) {
  return scope.trx.selectFrom(table).select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function unitExists(scope: Scope, kind: 'municipality' | 'district' | 'institution' | 'group' | 'team', id: string) {
  if (kind === 'municipality') return id === scope.municipalityId;
  const table = ({ district: 'districts', institution: 'institutions', group: 'groups', team: 'teams' } as const)[kind];
  return Boolean(await findById(scope, table, id));
}

/** Names of units by id, for presenting memberships and enrolments. */
export async function unitNames(scope: Scope, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = new Map<string, string>();
  if (unique.length === 0) return names;
  for (const table of ['districts', 'institutions', 'teams'] as const) {
    for (const r of await scope.trx.selectFrom(table).select(['id', 'name']).where('id', 'in', unique).execute()) names.set(r.id, r.name);
  }
  const groups = await scope.trx
    .selectFrom('groups as g')
    .innerJoin('institutions as i', 'i.id', 'g.institutionId')
    .select(['g.id', 'g.name', 'i.name as institutionName'])
    .where('g.id', 'in', unique)
    .execute();
  for (const g of groups) names.set(g.id, `${g.institutionName}, ${g.name}`);
  if (unique.includes(scope.municipalityId)) {
    const m = await scope.trx.selectFrom('municipalities').select('name').where('id', '=', scope.municipalityId).executeTakeFirst();
    if (m) names.set(scope.municipalityId, m.name);
  }
  return names;
}
