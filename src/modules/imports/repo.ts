// Import queries: the runs themselves, the reference data the rows are checked against, and
// the organisation and staff writes of an applied run. Kysely only; no rules here.
import { sql } from 'kysely';
import type { Scope } from '../../access/scope.ts';
import type { UnitKind } from '../../domain/roles.ts';
import type { ReportRow } from './report.ts';
import type { EnrolmentRefs, InstitutionOp, OrgRefs, StaffOp, StaffRefs } from './validate.ts';

type RunStatus = 'running' | 'applied' | 'rejected' | 'validated' | 'failed';

export function insertRun(scope: Scope, run: { id: string; kind: string; fileName: string | null; rowsTotal: number }) {
  return scope.trx
    .insertInto('importRuns')
    .values({
      municipalityId: scope.municipalityId,
      id: run.id,
      kind: run.kind,
      fileName: run.fileName,
      status: 'running',
      rowsTotal: run.rowsTotal,
      report: JSON.stringify([]),
      createdBy: scope.actor.userId,
      createdAt: scope.now,
      finishedAt: null,
    })
    .execute();
}

export function finishRun(
  scope: Scope,
  id: string,
  end: { status: Exclude<RunStatus, 'running'>; rowsTotal: number; rowsOk: number; rowsFailed: number; report: ReportRow[] },
) {
  return scope.trx
    .updateTable('importRuns')
    .set({
      status: end.status,
      rowsTotal: end.rowsTotal,
      rowsOk: end.rowsOk,
      rowsFailed: end.rowsFailed,
      report: JSON.stringify(end.report),
      finishedAt: scope.now,
    })
    .where('id', '=', id)
    .execute();
}

export function findRun(scope: Scope, id: string) {
  return scope.trx.selectFrom('importRuns').selectAll().where('id', '=', id).executeTakeFirst();
}

const summaryColumns = ['id', 'kind', 'fileName', 'status', 'rowsTotal', 'rowsOk', 'rowsFailed', 'createdAt', 'finishedAt'] as const;

export async function listRuns(scope: Scope, page: number, pageSize: number) {
  const total = (await scope.trx.selectFrom('importRuns').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
  const items = await scope.trx
    .selectFrom('importRuns')
    .select(summaryColumns)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items, total };
}

/** Runs still 'running' that no process can be working on any more (the server restarted). */
export function staleRunIds(scope: Scope, startedBefore: Date) {
  return scope.trx
    .selectFrom('importRuns')
    .select(['id', 'kind', 'rowsTotal'])
    .where('status', '=', 'running')
    .where('createdAt', '<', startedBefore)
    .execute();
}

// ── reference data ──────────────────────────────────────────────────────────────────────

/** The organisation is small (hundreds of units): load it whole, archived units included (their names are taken). */
export async function orgRefs(scope: Scope): Promise<OrgRefs> {
  const archived = <T extends { archivedAt: Date | null }>(rows: T[]) =>
    rows.map(({ archivedAt, ...rest }) => ({ ...rest, archived: archivedAt !== null }));
  return {
    municipalityId: scope.municipalityId,
    districts: archived(await scope.trx.selectFrom('districts').select(['id', 'name', 'archivedAt']).execute()),
    institutions: archived(
      await scope.trx.selectFrom('institutions').select(['id', 'name', 'type', 'districtId', 'archivedAt']).execute(),
    ),
    groups: archived(await scope.trx.selectFrom('groups').select(['id', 'name', 'institutionId', 'archivedAt']).execute()),
    teams: archived(await scope.trx.selectFrom('teams').select(['id', 'name', 'archivedAt']).execute()),
  };
}

/** Run a set-based lookup over a long list of keys, 1,000 at a time. */
async function inChunks<K, T>(keys: readonly K[], fn: (chunk: K[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(keys)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += 1000) out.push(...(await fn(unique.slice(i, i + 1000))));
  return out;
}

export async function staffRefs(scope: Scope, usernames: string[], ssoSubjects: string[]): Promise<StaffRefs> {
  const org = await orgRefs(scope);
  const byName = await inChunks(usernames, (chunk) =>
    scope.trx.selectFrom('users').select(['id', 'username', 'ssoSubject']).where('username', 'in', chunk).execute(),
  );
  const bySso = await inChunks(ssoSubjects, (chunk) =>
    scope.trx.selectFrom('users').select(['id', 'username', 'ssoSubject']).where('ssoSubject', 'in', chunk).execute(),
  );
  const users = [...new Map([...byName, ...bySso].map((u) => [u.id, u])).values()];
  const memberships = await inChunks(
    byName.map((u) => u.id),
    (chunk) =>
      scope.trx
        .selectFrom('memberships')
        .select(['userId', 'role', 'unitKind', 'unitId', 'validFrom', 'validTo'])
        .where('userId', 'in', chunk)
        .execute(),
  );
  return { ...org, users, memberships };
}

export async function existingCprs(scope: Scope, table: 'children' | 'custodyHolders', cprs: string[]): Promise<Set<string>> {
  const rows = await inChunks(cprs, (chunk) => scope.trx.selectFrom(table).select('cpr').where('cpr', 'in', chunk).execute());
  return new Set(rows.map((r) => r.cpr));
}

export async function enrolmentRefs(scope: Scope, cprs: string[]): Promise<EnrolmentRefs> {
  const org = await orgRefs(scope);
  const children = await inChunks(cprs, (chunk) => scope.trx.selectFrom('children').select(['id', 'cpr']).where('cpr', 'in', chunk).execute());
  const enrolments = await inChunks(
    children.map((c) => c.id),
    (chunk) =>
      scope.trx
        .selectFrom('enrolments as e')
        .innerJoin('institutions as i', (j) => j.onRef('i.municipalityId', '=', 'e.municipalityId').onRef('i.id', '=', 'e.institutionId'))
        .select(['e.id', 'e.childId', 'e.institutionId', 'e.groupId', 'e.validFrom', 'e.validTo', 'i.type'])
        .where('e.childId', 'in', chunk)
        .execute(),
  );
  return { institutions: org.institutions, groups: org.groups, children, enrolments };
}

// ── writes of an applied run (organisation and staff; children go through the people service) ──

export async function applyInstitution(scope: Scope, op: InstitutionOp): Promise<void> {
  const m = scope.municipalityId;
  if (op.district) {
    await scope.trx.insertInto('districts').values({ municipalityId: m, id: op.district.id, name: op.district.name, archivedAt: null }).execute();
  }
  const i = op.institution;
  if (i.mode === 'create') {
    await scope.trx
      .insertInto('institutions')
      .values({ municipalityId: m, id: i.id, name: i.name, type: i.type, districtId: i.districtId, externalRef: null, archivedAt: null })
      .execute();
  } else if (i.mode === 'update') {
    await scope.trx
      .updateTable('institutions')
      .set((eb) => ({ type: i.type, districtId: i.districtId, version: eb('version', '+', 1) }))
      .where('id', '=', i.id)
      .execute();
  }
  if (op.groups.length) {
    await scope.trx
      .insertInto('groups')
      .values(op.groups.map((g) => ({ municipalityId: m, id: g.id, institutionId: i.id, name: g.name, archivedAt: null })))
      .execute();
  }
}

export async function applyStaff(scope: Scope, op: StaffOp): Promise<void> {
  const m = scope.municipalityId;
  if (op.user) {
    await scope.trx
      .insertInto('users')
      .values({ municipalityId: m, ...op.user, passwordHash: null, blockedAt: null, deactivatedAt: null })
      .execute();
  }
  await scope.trx
    .insertInto('memberships')
    .values({
      municipalityId: m,
      id: op.membership.id,
      userId: op.userId,
      role: op.membership.role,
      unitKind: op.membership.unitKind as UnitKind,
      unitId: op.membership.unitId,
      validFrom: op.membership.validFrom,
      validTo: null,
    })
    .execute();
}

export function closeEnrolment(scope: Scope, id: string, validTo: string) {
  return scope.trx.updateTable('enrolments').set({ validTo }).where('id', '=', id).execute();
}
