// Screening queries. Kysely only; no rules. Child lists take the scope's access filter.
import { sql } from 'kysely';
import type { Scope } from '../../access/scope.ts';
import type { NewRow } from '../../db/types.ts';

// ── scales ─────────────────────────────────────────────────────────────────────────────
export function listScales(scope: Scope) {
  return scope.trx.selectFrom('screeningScales').selectAll().where('archivedAt', 'is', null).orderBy('name').execute();
}

export function findScale(scope: Scope, id: string) {
  return scope.trx.selectFrom('screeningScales').selectAll().where('id', '=', id).executeTakeFirst();
}

export function versionsOf(scope: Scope, scaleIds: readonly string[]) {
  if (scaleIds.length === 0) return Promise.resolve([]);
  return scope.trx.selectFrom('screeningScaleVersions').selectAll().where('scaleId', 'in', scaleIds).orderBy('number').execute();
}

export function latestVersion(scope: Scope, scaleId: string) {
  return scope.trx.selectFrom('screeningScaleVersions').selectAll().where('scaleId', '=', scaleId).orderBy('number', 'desc').limit(1).executeTakeFirst();
}

export function positionsOf(scope: Scope, versionIds: readonly string[]) {
  if (versionIds.length === 0) return Promise.resolve([]);
  return scope.trx.selectFrom('screeningPositions').selectAll().where('scaleVersionId', 'in', versionIds).orderBy('scaleVersionId').orderBy('ordinal').execute();
}

export async function insertScale(scope: Scope, scale: NewRow<'screeningScales'>) {
  await scope.trx.insertInto('screeningScales').values(scale).execute();
}

export async function insertVersion(scope: Scope, version: NewRow<'screeningScaleVersions'>, positions: NewRow<'screeningPositions'>[]) {
  await scope.trx.insertInto('screeningScaleVersions').values(version).execute();
  await scope.trx.insertInto('screeningPositions').values(positions).execute();
}

/**
 * Move the scale's version on only from the one the editor read: the row lock this takes makes
 * a concurrent editor wait and then find the version moved (false → 412), so two editors can
 * never both win on the same version.
 */
export async function bumpScaleVersion(scope: Scope, scaleId: string, expectedVersion: number): Promise<boolean> {
  const result = await scope.trx
    .updateTable('screeningScales')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', scaleId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ── rounds ─────────────────────────────────────────────────────────────────────────────
export function findRound(scope: Scope, id: string) {
  return scope.trx.selectFrom('screeningRounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listRounds(scope: Scope, filter: { institutionTypes?: readonly string[]; openOn?: string } = {}) {
  let q = scope.trx.selectFrom('screeningRounds').selectAll();
  if (filter.institutionTypes) {
    if (filter.institutionTypes.length === 0) return Promise.resolve([]);
    q = q.where(sql<boolean>`institution_types && ${sql.val([...filter.institutionTypes])}::text[]`);
  }
  if (filter.openOn) q = q.where('opensOn', '<=', filter.openOn);
  return q.orderBy('opensOn', 'desc').orderBy('name').limit(200).execute();
}

export async function insertRound(scope: Scope, round: NewRow<'screeningRounds'>) {
  await scope.trx.insertInto('screeningRounds').values(round).execute();
}

/** Versioned update: true when the row at that version was changed. */
export async function updateRound(scope: Scope, id: string, expectedVersion: number, changes: Partial<NewRow<'screeningRounds'>>) {
  const res = await scope.trx
    .updateTable('screeningRounds')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function roundHasRatings(scope: Scope, roundId: string) {
  return Boolean(await scope.trx.selectFrom('screeningRatings').select('id').where('roundId', '=', roundId).limit(1).executeTakeFirst());
}

/** One page of all the municipality's rounds (planned, open and closed), newest window first, with the scale each uses. */
export function roundPlansPage(scope: Scope, page: { limit: number; offset: number }) {
  return scope.trx
    .selectFrom('screeningRounds as r')
    .innerJoin('screeningScaleVersions as v', (j) => j.onRef('v.municipalityId', '=', 'r.municipalityId').onRef('v.id', '=', 'r.scaleVersionId'))
    .innerJoin('screeningScales as s', (j) => j.onRef('s.municipalityId', '=', 'v.municipalityId').onRef('s.id', '=', 'v.scaleId'))
    .selectAll('r')
    .select(['s.id as scaleId', 's.name as scaleName', 'v.number as scaleVersionNumber'])
    .select((eb) => eb.exists(eb.selectFrom('screeningRatings as x').select('x.id').whereRef('x.municipalityId', '=', 'r.municipalityId').whereRef('x.roundId', '=', 'r.id')).as('hasRatings'))
    .orderBy('r.opensOn', 'desc')
    .orderBy('r.name')
    .orderBy('r.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countRounds(scope: Scope) {
  const row = await scope.trx.selectFrom('screeningRounds').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

// ── organisation (read-only lookups for screening) ─────────────────────────────────────
export function findGroup(scope: Scope, id: string) {
  return scope.trx
    .selectFrom('groups as g')
    .innerJoin('institutions as i', (j) => j.onRef('i.municipalityId', '=', 'g.municipalityId').onRef('i.id', '=', 'g.institutionId'))
    .select(['g.id', 'g.name', 'g.institutionId', 'i.name as institutionName', 'i.type as institutionType', 'i.districtId'])
    .where('g.id', '=', id)
    .where('g.archivedAt', 'is', null)
    .executeTakeFirst();
}

export function groupsWithInstitutions(scope: Scope, filter: { groupIds?: readonly string[]; institutionIds?: readonly string[]; institutionTypes?: readonly string[] }) {
  let q = scope.trx
    .selectFrom('groups as g')
    .innerJoin('institutions as i', (j) => j.onRef('i.municipalityId', '=', 'g.municipalityId').onRef('i.id', '=', 'g.institutionId'))
    .select(['g.id', 'g.name', 'g.institutionId', 'i.name as institutionName', 'i.type as institutionType', 'i.districtId'])
    .where('g.archivedAt', 'is', null)
    .where('i.archivedAt', 'is', null);
  if (filter.groupIds || filter.institutionIds) {
    const g = filter.groupIds ?? [];
    const i = filter.institutionIds ?? [];
    if (g.length + i.length === 0) return Promise.resolve([]);
    q = q.where((eb) => eb.or([...(g.length ? [eb('g.id', 'in', g)] : []), ...(i.length ? [eb('g.institutionId', 'in', i)] : [])]));
  }
  if (filter.institutionTypes) q = q.where('i.type', 'in', filter.institutionTypes.length ? filter.institutionTypes : ['-']);
  return q.orderBy('i.name').orderBy('g.name').execute();
}

export function institutionsInDistricts(scope: Scope, districtIds: readonly string[]) {
  if (districtIds.length === 0) return Promise.resolve([]);
  return scope.trx.selectFrom('institutions').select('id').where('districtId', 'in', districtIds).execute();
}

// ── children and ratings ───────────────────────────────────────────────────────────────
/** Children enrolled in the group on the day that the actor may see now (hot: snapshot in repo.snapshot.sql). */
export function groupChildren(scope: Scope, groupId: string, day: string) {
  return groupChildrenQuery(scope, groupId, day).execute();
}

export function groupChildrenQuery(scope: Scope, groupId: string, day: string) {
  return scope.trx
    .selectFrom('children as c')
    .innerJoin('enrolments as e', (j) => j.onRef('e.municipalityId', '=', 'c.municipalityId').onRef('e.childId', '=', 'c.id'))
    .select(['c.id', 'c.firstName', 'c.lastName', 'c.birthDate'])
    .distinct()
    .where('e.groupId', '=', groupId)
    .where('e.validFrom', '<=', day)
    .where((eb) => eb.or([eb('e.validTo', 'is', null), eb('e.validTo', '>=', day)]))
    .where('c.id', 'in', scope.childAccess())
    .orderBy('c.lastName')
    .orderBy('c.firstName')
    .orderBy('c.id');
}

/** Children enrolled on the day in each of these groups (counts for progress; no access filter, no names). */
export function enrolledByGroup(scope: Scope, groupIds: readonly string[], day: string) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return scope.trx
    .selectFrom('enrolments')
    .select(['groupId', 'childId'])
    .distinct()
    .where('groupId', 'in', groupIds)
    .where('validFrom', '<=', day)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', day)]))
    .$narrowType<{ groupId: string }>()
    .execute();
}

/** Every rating row (all kinds, corrected ones too) of these children in the round, with the rater's name. */
export function ratingsInRound(scope: Scope, roundId: string, childIds: readonly string[]) {
  if (childIds.length === 0) return Promise.resolve([]);
  return ratingsInRoundQuery(scope, roundId, childIds).execute();
}

export function ratingsInRoundQuery(scope: Scope, roundId: string, childIds: readonly string[]) {
  return scope.trx
    .selectFrom('screeningRatings as r')
    .innerJoin('users as u', (j) => j.onRef('u.municipalityId', '=', 'r.municipalityId').onRef('u.id', '=', 'r.raterUserId'))
    .selectAll('r')
    .select('u.displayName as raterName')
    .where('r.roundId', '=', roundId)
    .where('r.childId', 'in', childIds)
    .orderBy('r.createdAt');
}

/** Rating rows (kind, position, chain) of a round, for counting only; all of the round when no children are named. */
export function ratingStatesInRound(scope: Scope, roundId: string, childIds?: readonly string[]) {
  if (childIds && childIds.length === 0) return Promise.resolve([]);
  let q = scope.trx.selectFrom('screeningRatings').select(['id', 'childId', 'raterUserId', 'kind', 'positionId', 'correctsId']).where('roundId', '=', roundId);
  if (childIds) q = q.where('childId', 'in', childIds);
  return q.execute();
}

/** A child's ratings across every round and institution, with names for the timeline. */
export function childRatings(scope: Scope, childId: string) {
  return scope.trx
    .selectFrom('screeningRatings as r')
    .innerJoin('users as u', (j) => j.onRef('u.municipalityId', '=', 'r.municipalityId').onRef('u.id', '=', 'r.raterUserId'))
    .innerJoin('groups as g', (j) => j.onRef('g.municipalityId', '=', 'r.municipalityId').onRef('g.id', '=', 'r.groupId'))
    .innerJoin('institutions as i', (j) => j.onRef('i.municipalityId', '=', 'r.municipalityId').onRef('i.id', '=', 'r.institutionId'))
    .selectAll('r')
    .select(['u.displayName as raterName', 'g.name as groupName', 'i.name as institutionName'])
    .where('r.childId', '=', childId)
    .orderBy('r.createdAt')
    .execute();
}

export function roundsByIds(scope: Scope, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return scope.trx.selectFrom('screeningRounds').selectAll().where('id', 'in', ids).execute();
}

export async function insertRatings(scope: Scope, rows: NewRow<'screeningRatings'>[]) {
  if (rows.length) await scope.trx.insertInto('screeningRatings').values(rows).execute();
}
