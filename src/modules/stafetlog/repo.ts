// Stafetlog queries. Kysely only; no rules. Row-level security keeps every query inside the
// actor's municipality; joins still name municipality_id so the keys stay Citus-ready.
// A participant's access ends when its disclosure ends (consent withdrawn or expired): the
// consent module ends the disclosure, and we read that here instead of copying it.
import type { Scope } from '../../access/scope.ts';
import type { NewRow, Row } from '../../db/types.ts';

export type LogRow = Row<'stafetlogs'>;

// ── the log ────────────────────────────────────────────────────────────────────────────
export function findLog(scope: Scope, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = scope.trx.selectFrom('stafetlogs').selectAll().where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The stafetholders of those of these logs that are open (who is told a consent runs out). */
export function holdersOfOpenLogs(scope: Scope, logIds: readonly string[]) {
  if (logIds.length === 0) return Promise.resolve([]);
  return scope.trx.selectFrom('stafetlogs').select(['id', 'holderUserId']).where('id', 'in', logIds).where('status', '=', 'open').execute();
}

export function logsOfChild(scope: Scope, childId: string) {
  return scope.trx.selectFrom('stafetlogs').selectAll().where('childId', '=', childId).orderBy('openedAt', 'desc').orderBy('id').execute();
}

export function openLogOfChild(scope: Scope, childId: string) {
  return scope.trx.selectFrom('stafetlogs').selectAll().where('childId', '=', childId).where('status', '=', 'open').executeTakeFirst();
}

export async function insertLog(scope: Scope, row: NewRow<'stafetlogs'>) {
  await scope.trx.insertInto('stafetlogs').values(row).execute();
}

/** Versioned change of the log head: false when the version moved on (or the row is gone). */
export async function updateLog(scope: Scope, id: string, expectedVersion: number, changes: Partial<NewRow<'stafetlogs'>>) {
  const res = await scope.trx
    .updateTable('stafetlogs')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Change the head after asHolder has moved its version (the row is locked). */
export async function setLog(scope: Scope, id: string, changes: Partial<NewRow<'stafetlogs'>>) {
  await scope.trx.updateTable('stafetlogs').set(changes).where('id', '=', id).execute();
}

export function findChild(scope: Scope, childId: string) {
  return scope.trx.selectFrom('children').select(['id', 'firstName', 'lastName', 'birthDate']).where('id', '=', childId).executeTakeFirst();
}

export function findUser(scope: Scope, userId: string) {
  return scope.trx.selectFrom('users').select(['id', 'displayName', 'profession', 'deactivatedAt']).where('id', '=', userId).executeTakeFirst();
}

export function findInstitution(scope: Scope, id: string) {
  return scope.trx.selectFrom('institutions').select(['id', 'name', 'archivedAt']).where('id', '=', id).executeTakeFirst();
}

export async function concernLabels(scope: Scope): Promise<{ labels: string[]; version: number } | null> {
  const row = await scope.trx.selectFrom('stafetlogSettings').select(['concernLabels', 'version']).executeTakeFirst();
  return row ? { labels: row.concernLabels, version: row.version } : null;
}

export async function insertSettings(scope: Scope, labels: string[]) {
  const res = await scope.trx
    .insertInto('stafetlogSettings')
    .values({ municipalityId: scope.municipalityId, concernLabels: labels })
    .onConflict((oc) => oc.column('municipalityId').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function updateSettings(scope: Scope, expectedVersion: number, labels: string[]) {
  const res = await scope.trx
    .updateTable('stafetlogSettings')
    .set((eb) => ({ concernLabels: labels, version: eb('version', '+', 1) }))
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ── participants ───────────────────────────────────────────────────────────────────────
/** Participants with their disclosure's state: a participant is active until left or the disclosure ended. */
export function participantsOf(scope: Scope, logIds: readonly string[]) {
  if (logIds.length === 0) return Promise.resolve([]);
  return scope.trx
    .selectFrom('stafetlogParticipants as p')
    .innerJoin('users as u', (j) => j.onRef('u.municipalityId', '=', 'p.municipalityId').onRef('u.id', '=', 'p.userId'))
    .leftJoin('disclosures as d', (j) => j.onRef('d.municipalityId', '=', 'p.municipalityId').onRef('d.id', '=', 'p.disclosureId'))
    .select([
      'p.id',
      'p.logId',
      'p.userId',
      'p.part',
      'p.childRelationId',
      'p.disclosureId',
      'p.joinedAt',
      'p.leftAt',
      'p.leftReason',
      'u.displayName as name',
      'u.profession',
      'd.consentId',
      'd.legalBasis',
      'd.endedAt as disclosureEndedAt',
      'd.endedReason as disclosureEndedReason',
    ])
    .where('p.logId', 'in', logIds)
    .orderBy('p.joinedAt')
    .orderBy('p.id')
    .execute();
}
export type ParticipantRow = Awaited<ReturnType<typeof participantsOf>>[number];

export async function insertParticipant(scope: Scope, row: NewRow<'stafetlogParticipants'>) {
  await scope.trx.insertInto('stafetlogParticipants').values(row).execute();
}

export async function updateParticipant(scope: Scope, id: string, changes: Partial<NewRow<'stafetlogParticipants'>>) {
  await scope.trx.updateTable('stafetlogParticipants').set(changes).where('id', '=', id).execute();
}

/** A consent withdrawn or expired: the participations resting on that disclosure end. */
export async function leaveByDisclosure(scope: Scope, disclosureId: string, reason: 'consent_withdrawn' | 'consent_expired') {
  await scope.trx.updateTable('stafetlogParticipants').set({ leftAt: scope.now, leftReason: reason }).where('disclosureId', '=', disclosureId).where('leftAt', 'is', null).execute();
}

// ── child relations that are ours (the opener's participation: nothing crossed) ─────────────
export async function insertRelation(scope: Scope, row: NewRow<'childRelations'>) {
  await scope.trx.insertInto('childRelations').values(row).execute();
}

export async function endRelation(scope: Scope, id: string, reason: string) {
  await scope.trx.updateTable('childRelations').set({ endedAt: scope.now, endedReason: reason }).where('id', '=', id).where('endedAt', 'is', null).execute();
}

// ── appended items ─────────────────────────────────────────────────────────────────────
export function levelsOf(scope: Scope, logIds: readonly string[]) {
  if (logIds.length === 0) return Promise.resolve([]);
  return scope.trx.selectFrom('stafetlogConcernLevels').selectAll().where('logId', 'in', logIds).orderBy('statedAt').orderBy('id').execute();
}

export async function insertLevel(scope: Scope, row: NewRow<'stafetlogConcernLevels'>) {
  await scope.trx.insertInto('stafetlogConcernLevels').values(row).execute();
}

export function entriesOf(scope: Scope, logId: string) {
  return scope.trx.selectFrom('stafetlogEntries').selectAll().where('logId', '=', logId).orderBy('createdAt').orderBy('id').execute();
}

export function findEntry(scope: Scope, logId: string, id: string) {
  return scope.trx.selectFrom('stafetlogEntries').select(['id']).where('logId', '=', logId).where('id', '=', id).executeTakeFirst();
}

export async function insertEntry(scope: Scope, row: NewRow<'stafetlogEntries'>) {
  await scope.trx.insertInto('stafetlogEntries').values(row).execute();
}

export function goalsOf(scope: Scope, logIds: readonly string[]) {
  if (logIds.length === 0) return Promise.resolve([]);
  return scope.trx.selectFrom('stafetlogGoals').selectAll().where('logId', 'in', logIds).orderBy('createdAt').orderBy('id').execute();
}

export function findGoal(scope: Scope, logId: string, id: string) {
  return scope.trx.selectFrom('stafetlogGoals').selectAll().where('logId', '=', logId).where('id', '=', id).executeTakeFirst();
}

export async function insertGoal(scope: Scope, row: NewRow<'stafetlogGoals'>) {
  await scope.trx.insertInto('stafetlogGoals').values(row).execute();
}

/** Versioned item update: false when stale. Items are always addressed within their log. */
export async function updateItem(
  scope: Scope,
  table: 'stafetlogGoals' | 'stafetlogActions' | 'stafetlogEvaluations',
  logId: string,
  id: string,
  expectedVersion: number,
  changes: Record<string, unknown>,
) {
  const res = await scope.trx
    .updateTable(table)
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }) as never)
    .where('logId', '=', logId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function actionsOf(scope: Scope, logIds: readonly string[]) {
  if (logIds.length === 0) return Promise.resolve([]);
  return scope.trx
    .selectFrom('stafetlogActions as a')
    .leftJoin('users as u', (j) => j.onRef('u.municipalityId', '=', 'a.municipalityId').onRef('u.id', '=', 'a.ownerUserId'))
    .selectAll('a')
    .select('u.displayName as ownerName')
    .where('a.logId', 'in', logIds)
    .orderBy('a.dueDate')
    .orderBy('a.createdAt')
    .orderBy('a.id')
    .execute();
}

export function findAction(scope: Scope, logId: string, id: string) {
  return scope.trx.selectFrom('stafetlogActions').selectAll().where('logId', '=', logId).where('id', '=', id).executeTakeFirst();
}

export async function insertAction(scope: Scope, row: NewRow<'stafetlogActions'>) {
  await scope.trx.insertInto('stafetlogActions').values(row).execute();
}

export function evaluationsOf(scope: Scope, logIds: readonly string[]) {
  if (logIds.length === 0) return Promise.resolve([]);
  return scope.trx
    .selectFrom('stafetlogEvaluations as v')
    .leftJoin('stafetlogEntries as e', (j) => j.onRef('e.municipalityId', '=', 'v.municipalityId').onRef('e.id', '=', 'v.entryId'))
    .selectAll('v')
    .select('e.body as summary')
    .where('v.logId', 'in', logIds)
    .orderBy('v.dueDate')
    .orderBy('v.id')
    .execute();
}

export function findEvaluation(scope: Scope, logId: string, id: string) {
  return scope.trx.selectFrom('stafetlogEvaluations').selectAll().where('logId', '=', logId).where('id', '=', id).executeTakeFirst();
}

export async function insertEvaluation(scope: Scope, row: NewRow<'stafetlogEvaluations'>) {
  await scope.trx.insertInto('stafetlogEvaluations').values(row).execute();
}

/** Document metadata only: the content is read on download. */
export function documentsOf(scope: Scope, logId: string) {
  return scope.trx
    .selectFrom('stafetlogDocuments')
    .select(['id', 'fileName', 'mediaType', 'sizeBytes', 'uploadedByKind', 'uploadedByName', 'createdAt'])
    .where('logId', '=', logId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export function findDocument(scope: Scope, logId: string, id: string) {
  return scope.trx.selectFrom('stafetlogDocuments').select(['id', 'fileName', 'mediaType', 'content']).where('logId', '=', logId).where('id', '=', id).executeTakeFirst();
}

export async function insertDocument(scope: Scope, row: NewRow<'stafetlogDocuments'>) {
  await scope.trx.insertInto('stafetlogDocuments').values(row).execute();
}

// ── relays ─────────────────────────────────────────────────────────────────────────────
const relayColumns = [
  'r.id',
  'r.logId',
  'r.fromUserId',
  'r.toUserId',
  'r.toInstitutionId',
  'r.message',
  'r.consentId',
  'r.legalBasis',
  'r.status',
  'r.createdAt',
  'r.answeredAt',
  'r.answerNote',
  'r.version',
  'fu.displayName as fromName',
  'tu.displayName as toUserName',
  'ti.name as toInstitutionName',
] as const;

export function relayQuery(scope: Scope) {
  return scope.trx
    .selectFrom('stafetlogRelays as r')
    .innerJoin('users as fu', (j) => j.onRef('fu.municipalityId', '=', 'r.municipalityId').onRef('fu.id', '=', 'r.fromUserId'))
    .leftJoin('users as tu', (j) => j.onRef('tu.municipalityId', '=', 'r.municipalityId').onRef('tu.id', '=', 'r.toUserId'))
    .leftJoin('institutions as ti', (j) => j.onRef('ti.municipalityId', '=', 'r.municipalityId').onRef('ti.id', '=', 'r.toInstitutionId'))
    .select(relayColumns);
}

export function relaysOf(scope: Scope, logId: string) {
  return relayQuery(scope).where('r.logId', '=', logId).orderBy('r.createdAt').orderBy('r.id').execute();
}
export type RelayRow = Awaited<ReturnType<typeof relaysOf>>[number];

export function findRelay(scope: Scope, id: string) {
  return relayQuery(scope).where('r.id', '=', id).executeTakeFirst();
}

export async function insertRelay(scope: Scope, row: NewRow<'stafetlogRelays'>) {
  await scope.trx.insertInto('stafetlogRelays').values(row).execute();
}

/** Answer a pending relay; false when it was answered (or cancelled) meanwhile. */
export async function answerRelay(scope: Scope, id: string, changes: { status: 'accepted' | 'declined' | 'cancelled'; answerNote: string | null }) {
  const res = await scope.trx
    .updateTable('stafetlogRelays')
    .set((eb) => ({ ...changes, answeredAt: scope.now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function pendingRelaysOf(scope: Scope, logId: string) {
  return scope.trx.selectFrom('stafetlogRelays').select(['id']).where('logId', '=', logId).where('status', '=', 'pending').execute();
}

/** The disclosure a relay rests on (made with source_id = the relay's id). */
export function relayDisclosure(scope: Scope, relayId: string) {
  return scope.trx
    .selectFrom('disclosures')
    .select(['id', 'consentId', 'legalBasis', 'childRelationId', 'endedAt'])
    .where('sourceId', '=', relayId)
    .where('kind', '=', 'stafetlog_relay')
    .orderBy('disclosedAt', 'desc')
    .executeTakeFirst();
}

/** The institutions where the user is leder today (they answer relays to the institution). */
export async function ledInstitutions(scope: Scope, userId: string): Promise<string[]> {
  const rows = await scope.trx
    .selectFrom('memberships')
    .select('unitId')
    .where('userId', '=', userId)
    .where('role', '=', 'leder')
    .where('unitKind', '=', 'institution')
    .where('validFrom', '<=', scope.today)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', scope.today)]))
    .execute();
  return rows.map((r) => r.unitId);
}

/** Current leders of an institution (a relay to the institution is announced to them). */
export async function institutionLeaders(scope: Scope, institutionId: string): Promise<string[]> {
  const rows = await scope.trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', (j) => j.onRef('u.municipalityId', '=', 'm.municipalityId').onRef('u.id', '=', 'm.userId'))
    .select('m.userId')
    .distinct()
    .where('m.role', '=', 'leder')
    .where('m.unitKind', '=', 'institution')
    .where('m.unitId', '=', institutionId)
    .where('u.deactivatedAt', 'is', null)
    .where('m.validFrom', '<=', scope.today)
    .where((eb) => eb.or([eb('m.validTo', 'is', null), eb('m.validTo', '>=', scope.today)]))
    .execute();
  return rows.map((r) => r.userId);
}

// ── transfers ──────────────────────────────────────────────────────────────────────────
export async function insertTransfer(scope: Scope, row: NewRow<'childTransfers'>) {
  await scope.trx.insertInto('childTransfers').values(row).execute();
}

/** The log's transfers with who registered them, oldest first. */
export function transfersOf(scope: Scope, logId: string) {
  return scope.trx
    .selectFrom('childTransfers as t')
    .innerJoin('users as u', (j) => j.onRef('u.municipalityId', '=', 't.municipalityId').onRef('u.id', '=', 't.createdBy'))
    .select(['t.id', 't.toMunicipalityCode', 't.toMunicipalityName', 't.consentId', 't.legalBasis', 't.summary', 't.createdBy', 't.createdAt', 'u.displayName as createdByName'])
    .where('t.logId', '=', logId)
    .orderBy('t.createdAt')
    .orderBy('t.id')
    .execute();
}
export type TransferRow = Awaited<ReturnType<typeof transfersOf>>[number];
