// Consent queries (Kysely on the scoped transaction; row-level security keeps them in the
// actor's municipality). No rules here: the service decides, src/domain/consent.ts evaluates.
import type { Scope } from '../../access/scope.ts';
import type { DisclosureKind, NewRow } from '../../db/types.ts';
import type { ConsentRecipient } from '../../domain/consent.ts';


export function findChild(scope: Scope, childId: string) {
  return scope.trx.selectFrom('children').select(['id', 'birthDate']).where('id', '=', childId).executeTakeFirst();
}

export function findSettings(scope: Scope) {
  return scope.trx.selectFrom('consentSettings').selectAll().where('municipalityId', '=', scope.municipalityId).executeTakeFirst();
}

export async function insertSettings(scope: Scope, values: Omit<NewRow<'consentSettings'>, 'municipalityId'>) {
  await scope.trx
    .insertInto('consentSettings')
    .values({ ...values, municipalityId: scope.municipalityId })
    .execute();
}

/** Update at the expected version; false when no row matched (stale or missing). */
export async function updateSettings(scope: Scope, expectedVersion: number, changes: Omit<NewRow<'consentSettings'>, 'municipalityId' | 'version'>) {
  const result = await scope.trx
    .updateTable('consentSettings')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('municipalityId', '=', scope.municipalityId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every custody row of the child (all periods: the domain picks who holds custody on a day). */
export function custodyOf(scope: Scope, childId: string) {
  return scope.trx
    .selectFrom('childCustody as cc')
    .innerJoin('custodyHolders as h', (j) => j.onRef('h.municipalityId', '=', 'cc.municipalityId').onRef('h.id', '=', 'cc.custodyHolderId'))
    .select(['cc.custodyHolderId', 'h.firstName', 'h.lastName', 'cc.relation', 'cc.hasCustody', 'cc.validFrom', 'cc.validTo'])
    .where('cc.childId', '=', childId)
    .orderBy('cc.validFrom')
    .execute();
}

export type CustodyRow = Awaited<ReturnType<typeof custodyOf>>[number];

/**
 * A child's consents. With `usableOn`, only those not withdrawn and not over by that day, share-
 * locked: a withdrawal committing meanwhile waits for the disclosure relying on it (and then
 * ends it too), or, if first, hides the consent from this query.
 */
export function consentsOf(scope: Scope, childId: string, filter: { purpose?: string; usableOn?: string } = {}) {
  let q = scope.trx.selectFrom('consents').selectAll().where('childId', '=', childId);
  if (filter.purpose) q = q.where('purpose', '=', filter.purpose as never);
  if (filter.usableOn) q = q.where('withdrawnAt', 'is', null).where('validTo', '>=', filter.usableOn).forShare();
  return q.orderBy('createdAt', 'desc').orderBy('id').execute();
}

export type ConsentRow = Awaited<ReturnType<typeof consentsOf>>[number];

/** One consent; `lock` takes the row lock so two withdrawals or signatures run one after the other. */
export function findConsent(scope: Scope, id: string, lock = false) {
  const q = scope.trx.selectFrom('consents').selectAll().where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export function signaturesOf(scope: Scope, consentIds: readonly string[]) {
  if (consentIds.length === 0) return Promise.resolve([]);
  return scope.trx
    .selectFrom('consentSignatures as s')
    .innerJoin('custodyHolders as h', (j) => j.onRef('h.municipalityId', '=', 's.municipalityId').onRef('h.id', '=', 's.custodyHolderId'))
    .select(['s.consentId', 's.custodyHolderId', 's.method', 's.signedAt', 'h.firstName', 'h.lastName'])
    .where('s.consentId', 'in', consentIds)
    .orderBy('s.signedAt')
    .orderBy('h.firstName')
    .orderBy('h.lastName')
    .execute();
}

export type SignatureRow = Awaited<ReturnType<typeof signaturesOf>>[number];

export async function insertConsent(scope: Scope, row: Omit<NewRow<'consents'>, 'municipalityId' | 'recipients'> & { recipients: ConsentRecipient[] }) {
  await scope.trx
    .insertInto('consents')
    .values({ ...row, municipalityId: scope.municipalityId, recipients: JSON.stringify(row.recipients) })
    .execute();
}

export async function insertSignatures(scope: Scope, rows: { consentId: string; custodyHolderId: string; method: 'mitid' | 'paper' | 'demo' }[]) {
  if (rows.length === 0) return;
  await scope.trx
    .insertInto('consentSignatures')
    .values(rows.map((r) => ({ ...r, municipalityId: scope.municipalityId, signedAt: scope.now })))
    .execute();
}

/** Record the withdrawal once: false when it was already withdrawn. */
export async function markWithdrawn(scope: Scope, id: string, by: { kind: 'staff' | 'citizen'; id: string; name: string }, reason: string | null) {
  const result = await scope.trx
    .updateTable('consents')
    .set({ withdrawnAt: scope.now, withdrawnByKind: by.kind, withdrawnById: by.id, withdrawnByName: by.name, withdrawnReason: reason })
    .where('id', '=', id)
    .where('withdrawnAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ── parties ──────────────────────────────────────────────────────────────────────────────

export function findUser(scope: Scope, userId: string) {
  return scope.trx.selectFrom('users').select(['id', 'displayName', 'deactivatedAt']).where('id', '=', userId).executeTakeFirst();
}

/** The user's memberships valid today, with the institution a group belongs to. */
export function membershipsToday(scope: Scope, userId: string) {
  const today = scope.today;
  return scope.trx
    .selectFrom('memberships as m')
    .leftJoin('groups as g', (j) => j.onRef('g.municipalityId', '=', 'm.municipalityId').onRef('g.id', '=', 'm.unitId').on('m.unitKind', '=', 'group'))
    .select(['m.role', 'm.unitKind', 'm.unitId', 'g.institutionId as groupInstitutionId'])
    .where('m.userId', '=', userId)
    .where('m.validFrom', '<=', today)
    .where((eb) => eb.or([eb('m.validTo', 'is', null), eb('m.validTo', '>=', today)]))
    .execute();
}

export function namesOf(scope: Scope, table: 'users' | 'institutions' | 'teams', ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve(new Map<string, string>());
  const query =
    table === 'users'
      ? scope.trx.selectFrom('users').select(['id', 'displayName as name']).where('id', 'in', ids).where('deactivatedAt', 'is', null)
      : scope.trx.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).where('archivedAt', 'is', null);
  return query.execute().then((rows) => new Map(rows.map((r) => [r.id, r.name])));
}

// ── disclosures ──────────────────────────────────────────────────────────────────────────

export async function insertDisclosure(scope: Scope, row: Omit<NewRow<'disclosures'>, 'municipalityId'>) {
  await scope.trx
    .insertInto('disclosures')
    .values({ ...row, municipalityId: scope.municipalityId })
    .execute();
}

export async function insertRelation(scope: Scope, row: Omit<NewRow<'childRelations'>, 'municipalityId'>) {
  await scope.trx
    .insertInto('childRelations')
    .values({ ...row, municipalityId: scope.municipalityId })
    .execute();
}

export function findDisclosure(scope: Scope, id: string) {
  return scope.trx.selectFrom('disclosures').selectAll().where('id', '=', id).executeTakeFirst();
}

export function disclosuresByIds(scope: Scope, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return scope.trx
    .selectFrom('disclosures')
    .select(['id', 'childId', 'consentId', 'legalBasis', 'childRelationId', 'endedAt', 'endedReason'])
    .where('id', 'in', ids)
    .execute();
}

type EndReason = 'consent_withdrawn' | 'consent_expired' | 'removed' | 'closed';

/**
 * End open disclosures and the relations they gave, in one statement each. Returns the ended
 * disclosures (those already ended are left as they were: an end is recorded once).
 */
export async function endDisclosures(scope: Scope, where: { ids?: readonly string[]; consentIds?: readonly string[] }, reason: EndReason) {
  if ((where.ids?.length ?? 0) === 0 && (where.consentIds?.length ?? 0) === 0) return [];
  let q = scope.trx.updateTable('disclosures').set({ endedAt: scope.now, endedReason: reason }).where('endedAt', 'is', null);
  if (where.ids?.length) q = q.where('id', 'in', where.ids);
  if (where.consentIds?.length) q = q.where('consentId', 'in', where.consentIds);
  const ended = await q.returning(['id', 'childId', 'consentId', 'childRelationId', 'kind', 'sourceId']).execute();
  const relationIds = ended.map((d) => d.childRelationId).filter((id): id is string => id !== null);
  if (relationIds.length) {
    await scope.trx
      .updateTable('childRelations')
      .set({ endedAt: scope.now, endedReason: reason })
      .where('id', 'in', relationIds)
      .where('endedAt', 'is', null)
      .execute();
  }
  return ended;
}

/** Consents that ended by time before `today` and still have open disclosures relying on them. */
export function expiredWithOpenDisclosures(scope: Scope, today: string) {
  return scope.trx
    .selectFrom('consents as c')
    .innerJoin('disclosures as d', (j) => j.onRef('d.municipalityId', '=', 'c.municipalityId').onRef('d.consentId', '=', 'c.id'))
    .select('c.id')
    .distinct()
    .where('c.validTo', '<', today)
    .where('d.endedAt', 'is', null)
    .execute()
    .then((rows) => rows.map((r) => r.id));
}

/** Open disclosures resting on live consents whose last day falls in [from, to] (for reminders). */
export function expiringWithOpenDisclosures(scope: Scope, from: string, to: string) {
  return scope.trx
    .selectFrom('consents as c')
    .innerJoin('disclosures as d', (j) => j.onRef('d.municipalityId', '=', 'c.municipalityId').onRef('d.consentId', '=', 'c.id'))
    .select(['d.id', 'd.consentId', 'd.childId', 'd.kind', 'd.sourceId', 'd.disclosedBy', 'c.validTo'])
    .where('c.validTo', '>=', from)
    .where('c.validTo', '<=', to)
    .where('c.withdrawnAt', 'is', null)
    .where('d.endedAt', 'is', null)
    .orderBy('d.disclosedAt')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, consentId: r.consentId! })));
}

/** An open disclosure of this kind to this recipient resting on this consent. */
export function openDisclosure(scope: Scope, q: { childId: string; kind: DisclosureKind; recipientId: string; consentId: string }) {
  return scope.trx
    .selectFrom('disclosures')
    .select(['id', 'childRelationId'])
    .where('childId', '=', q.childId)
    .where('kind', '=', q.kind)
    .where('recipientId', '=', q.recipientId)
    .where('consentId', '=', q.consentId)
    .where('endedAt', 'is', null)
    .executeTakeFirst();
}
