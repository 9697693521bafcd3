// Guide queries. Kysely only; no rules. Every function takes a GuideTx: a transaction already
// inside the tenant (a scope, or the public read-only transaction), so RLS applies.
import { sql } from 'kysely';
import type { GuideKind } from '../../domain/guide-entry.ts';
import { MARK_START, MARK_STOP } from '../../domain/guide-search.ts';
import type { GuideTx } from './tables.ts';

/** Upper bound of a list: a municipality's guide holds tens to a few hundred entries. */
export const LIST_LIMIT = 500;

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

// ── entries ────────────────────────────────────────────────────────────────────────────
function entriesWithCurrent(tx: GuideTx) {
  return tx.trx
    .selectFrom('guideEntries as e')
    .innerJoin('guideEntryVersions as v', (j) =>
      j.onRef('v.municipalityId', '=', 'e.municipalityId').onRef('v.entryId', '=', 'e.id').onRef('v.number', '=', 'e.currentNumber'),
    )
    .leftJoin('users as u', (j) => j.onRef('u.municipalityId', '=', 'v.municipalityId').onRef('u.id', '=', 'v.editedBy'))
    .select([
      'e.id',
      'e.slug',
      'e.kind',
      'e.isPublic',
      'e.currentNumber',
      'e.archivedAt',
      'e.version',
      'e.createdAt',
      'v.title',
      'v.summary',
      'v.body',
      'v.fields',
      'v.editedAt',
      'v.changeNote',
      'v.restoredFrom',
      'u.displayName as editedByName',
    ]);
}

export type EntryWithCurrent = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

export interface EntryFilter {
  /** to_tsquery text (domain/guide-search.ts), or null for every entry. */
  tsQuery: string | null;
  kind?: GuideKind;
  publicOnly: boolean;
  archived: 'active' | 'archived' | 'all';
}

/** Current versions, ranked by the Danish search when there is a query, else by kind and title. */
export function listEntries(tx: GuideTx, f: EntryFilter) {
  const query = f.tsQuery ? sql`to_tsquery('danish', ${f.tsQuery})` : null;
  let q = entriesWithCurrent(tx).select([
    query ? sql<number>`ts_rank_cd(v.search, ${query})`.as('rank') : sql<number>`0`.as('rank'),
    query
      ? sql<string>`ts_headline('danish', v.summary || E'\n' || v.body || E'\n' || coalesce((SELECT string_agg(value, E'\n') FROM jsonb_each_text(v.fields)), ''), ${query}, ${HEADLINE_OPTIONS})`.as(
          'headline',
        )
      : sql<string | null>`NULL::text`.as('headline'),
  ]);
  if (query) q = q.where(sql<boolean>`v.search @@ ${query}`);
  if (f.kind) q = q.where('e.kind', '=', f.kind);
  if (f.publicOnly) q = q.where('e.isPublic', '=', true);
  if (f.archived === 'active') q = q.where('e.archivedAt', 'is', null);
  if (f.archived === 'archived') q = q.where('e.archivedAt', 'is not', null);
  q = query ? q.orderBy('rank', 'desc').orderBy('v.title') : q.orderBy('e.kind').orderBy('v.title');
  return q.limit(LIST_LIMIT).execute();
}

export function findEntry(tx: GuideTx, id: string) {
  return entriesWithCurrent(tx).where('e.id', '=', id).executeTakeFirst();
}

export function findEntryBySlug(tx: GuideTx, slug: string) {
  return entriesWithCurrent(tx).where('e.slug', '=', slug).executeTakeFirst();
}

/** Slugs in use that start with `base` (for picking the next free one). */
export async function slugsLike(tx: GuideTx, base: string): Promise<Set<string>> {
  const rows = await tx.trx.selectFrom('guideEntries').select('slug').where('slug', 'like', `${base.replace(/[\\%_]/g, '\\$&')}%`).execute();
  return new Set(rows.map((r) => r.slug));
}

/** Current title, slug and kind of the given entries that are not archived (handleguide links). */
export function linkableEntries(tx: GuideTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return entriesWithCurrent(tx).where('e.id', 'in', ids).where('e.archivedAt', 'is', null).execute();
}

export interface EntryHeadInsert {
  id: string;
  slug: string;
  kind: GuideKind;
  isPublic: boolean;
  now: Date;
}

export interface VersionInsert {
  number: number;
  editedBy: string | null;
  editedAt: Date;
  changeNote: string;
  restoredFrom: number | null;
}

export interface EntryContentRow {
  title: string;
  summary: string;
  body: string;
  fields: Record<string, string>;
}

export async function insertEntry(tx: GuideTx, head: EntryHeadInsert, content: EntryContentRow, v: VersionInsert) {
  await tx.trx
    .insertInto('guideEntries')
    .values({ municipalityId: tx.municipalityId, id: head.id, slug: head.slug, kind: head.kind, isPublic: head.isPublic, currentNumber: v.number, archivedAt: null, updatedAt: head.now })
    .execute();
  await insertEntryVersion(tx, head.id, content, v);
}

export async function insertEntryVersion(tx: GuideTx, entryId: string, c: EntryContentRow, v: VersionInsert) {
  await tx.trx
    .insertInto('guideEntryVersions')
    .values({ municipalityId: tx.municipalityId, entryId, ...c, fields: JSON.stringify(c.fields), ...v })
    .execute();
}

/** Versioned change of an entry's head: true when the row at that version was changed. */
export async function updateEntryHead(
  tx: GuideTx,
  id: string,
  expectedVersion: number,
  changes: { currentNumber?: number; isPublic?: boolean; archivedAt?: Date | null; updatedAt: Date },
): Promise<boolean> {
  const res = await tx.trx
    .updateTable('guideEntries')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function entryVersions(tx: GuideTx, entryId: string) {
  return tx.trx
    .selectFrom('guideEntryVersions as v')
    .leftJoin('users as u', (j) => j.onRef('u.municipalityId', '=', 'v.municipalityId').onRef('u.id', '=', 'v.editedBy'))
    .select(['v.number', 'v.title', 'v.editedAt', 'v.changeNote', 'v.restoredFrom', 'u.displayName as editedByName'])
    .where('v.entryId', '=', entryId)
    .orderBy('v.number', 'desc')
    .execute();
}

export function entryVersion(tx: GuideTx, entryId: string, number: number) {
  return tx.trx
    .selectFrom('guideEntryVersions as v')
    .leftJoin('users as u', (j) => j.onRef('u.municipalityId', '=', 'v.municipalityId').onRef('u.id', '=', 'v.editedBy'))
    .select(['v.number', 'v.title', 'v.summary', 'v.body', 'v.fields', 'v.editedAt', 'v.changeNote', 'v.restoredFrom', 'u.displayName as editedByName'])
    .where('v.entryId', '=', entryId)
    .where('v.number', '=', number)
    .executeTakeFirst();
}

// ── handleguides ───────────────────────────────────────────────────────────────────────
function handleguidesWithCurrent(tx: GuideTx) {
  return tx.trx
    .selectFrom('guideHandleguides as h')
    .innerJoin('guideHandleguideVersions as v', (j) =>
      j.onRef('v.municipalityId', '=', 'h.municipalityId').onRef('v.handleguideId', '=', 'h.id').onRef('v.number', '=', 'h.currentNumber'),
    )
    .leftJoin('users as u', (j) => j.onRef('u.municipalityId', '=', 'v.municipalityId').onRef('u.id', '=', 'v.editedBy'))
    .select([
      'h.id',
      'h.scaleId',
      'h.ordinal',
      'h.currentNumber',
      'h.version',
      'v.title',
      'v.whatToDo',
      'v.steps',
      'v.entryIds',
      'v.nextStepIds',
      'v.editedAt',
      'v.changeNote',
      'v.restoredFrom',
      'u.displayName as editedByName',
    ]);
}

export type HandleguideWithCurrent = NonNullable<Awaited<ReturnType<typeof findHandleguide>>>;

export function findHandleguide(tx: GuideTx, id: string) {
  return handleguidesWithCurrent(tx).where('h.id', '=', id).executeTakeFirst();
}

export function findHandleguideFor(tx: GuideTx, scaleId: string, ordinal: number) {
  return handleguidesWithCurrent(tx).where('h.scaleId', '=', scaleId).where('h.ordinal', '=', ordinal).executeTakeFirst();
}

export function handleguidesOfScales(tx: GuideTx, scaleIds: readonly string[]) {
  if (scaleIds.length === 0) return Promise.resolve([]);
  return handleguidesWithCurrent(tx).where('h.scaleId', 'in', scaleIds).orderBy('h.scaleId').orderBy('h.ordinal').execute();
}

export interface HandleguideContentRow {
  title: string;
  whatToDo: string;
  steps: string[];
  entryIds: string[];
  nextStepIds: string[];
}

export async function insertHandleguide(tx: GuideTx, head: { id: string; scaleId: string; ordinal: number; now: Date }, c: HandleguideContentRow, v: VersionInsert) {
  await tx.trx
    .insertInto('guideHandleguides')
    .values({ municipalityId: tx.municipalityId, id: head.id, scaleId: head.scaleId, ordinal: head.ordinal, currentNumber: v.number, updatedAt: head.now })
    .execute();
  await insertHandleguideVersion(tx, head.id, c, v);
}

export async function insertHandleguideVersion(tx: GuideTx, handleguideId: string, c: HandleguideContentRow, v: VersionInsert) {
  await tx.trx
    .insertInto('guideHandleguideVersions')
    .values({ municipalityId: tx.municipalityId, handleguideId, ...c, ...v })
    .execute();
}

export async function updateHandleguideHead(tx: GuideTx, id: string, expectedVersion: number, changes: { currentNumber: number; updatedAt: Date }): Promise<boolean> {
  const res = await tx.trx
    .updateTable('guideHandleguides')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function handleguideVersions(tx: GuideTx, handleguideId: string) {
  return tx.trx
    .selectFrom('guideHandleguideVersions as v')
    .leftJoin('users as u', (j) => j.onRef('u.municipalityId', '=', 'v.municipalityId').onRef('u.id', '=', 'v.editedBy'))
    .select(['v.number', 'v.title', 'v.editedAt', 'v.changeNote', 'v.restoredFrom', 'u.displayName as editedByName'])
    .where('v.handleguideId', '=', handleguideId)
    .orderBy('v.number', 'desc')
    .execute();
}

export function handleguideVersion(tx: GuideTx, handleguideId: string, number: number) {
  return tx.trx
    .selectFrom('guideHandleguideVersions as v')
    .leftJoin('users as u', (j) => j.onRef('u.municipalityId', '=', 'v.municipalityId').onRef('u.id', '=', 'v.editedBy'))
    .select(['v.number', 'v.title', 'v.whatToDo', 'v.steps', 'v.entryIds', 'v.nextStepIds', 'v.editedAt', 'v.changeNote', 'v.restoredFrom', 'u.displayName as editedByName'])
    .where('v.handleguideId', '=', handleguideId)
    .where('v.number', '=', number)
    .executeTakeFirst();
}
