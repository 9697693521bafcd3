// Samarbejdsguide use cases (S3): search and read (staff: the whole guide; citizens: public
// entries through public-tenant.ts), and editing with version history — every edit is a new
// immutable version, a restore is a new version with old content, and each is audited in
// the same transaction. The handleguide's use cases are in handleguide-service.ts.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.ts';
import { withScope, type DataContext, type Scope } from '../../access/scope.ts';
import { fieldProblems, normaliseContent, restoreNote, sameEntryContent, type EntryContent, type GuideKind } from '../../domain/guide-entry.ts';
import { normaliseQuery, tsQueryText } from '../../domain/guide-search.ts';
import { slugify, uniqueSlug } from '../../domain/guide-slug.ts';
import { AppError } from '../../errors.ts';
import { uniqueOr409 } from '../shared/versioned.ts';
import { mayEditGuide, mayReadEntry } from './policy.ts';
import { fieldsOf, presentEntry, presentListItem, presentPublicEntry, presentPublicListItem, presentVersionSummary } from './presenter.ts';
import { withPublicTenant } from './public-tenant.ts';
import * as repo from './repo.ts';
import type * as s from './schema.ts';
import { guideTx, type GuideTx } from './tables.ts';

const FIRST_NOTE = 'Oprettet';

const notFound = () => new AppError('guide.entry_not_found', 404);

/** The entry, if the actor may see it; another municipality's or a hidden one is the same 404. */
async function readableEntry(scope: Scope, id: string) {
  scope.require('org.read', { resourceType: 'guide_entry', resourceId: id });
  const entry = await repo.findEntry(guideTx(scope), id);
  if (!entry || !mayReadEntry(scope.actor, entry)) throw notFound();
  return entry;
}

/** The entry to change at the version the editor saw. */
async function editableEntry(scope: Scope, id: string, expectedVersion: number) {
  scope.require('guide.edit', { resourceType: 'guide_entry', resourceId: id });
  const entry = await repo.findEntry(guideTx(scope), id);
  if (!entry) throw notFound();
  if (entry.version !== expectedVersion) throw new AppError('version.mismatch', 412);
  return entry;
}

function checkedContent(kind: GuideKind, input: EntryContent): EntryContent {
  const problems = fieldProblems(kind, input.fields);
  if (problems.length) throw new AppError('guide.fields_invalid', 422, problems);
  return normaliseContent(kind, input);
}

const currentContent = (e: repo.EntryWithCurrent): EntryContent => ({ title: e.title, summary: e.summary, body: e.body, fields: fieldsOf(e.kind, e.fields) });

/**
 * Move the head to a new number first (the row lock makes a concurrent edit at the same
 * version wait, then fail with 412), then add the immutable version.
 */
async function appendVersion(scope: Scope, entry: repo.EntryWithCurrent, content: EntryContent, changeNote: string, restoredFrom: number | null) {
  const tx = guideTx(scope);
  const number = entry.currentNumber + 1;
  if (!(await repo.updateEntryHead(tx, entry.id, entry.version, { currentNumber: number, updatedAt: scope.now }))) throw new AppError('version.mismatch', 412);
  await repo.insertEntryVersion(tx, entry.id, content, { number, editedBy: scope.actor.userId, editedAt: scope.now, changeNote, restoredFrom });
  scope.audit({ action: 'update', resourceType: 'guide_entry', resourceId: entry.id, details: { number, kind: entry.kind, ...(restoredFrom ? { restoredFrom } : {}) } });
  return { id: entry.id, slug: entry.slug, version: entry.version + 1, number };
}

// ── reading ────────────────────────────────────────────────────────────────────────────
async function search(tx: GuideTx, query: { q?: string; kind?: GuideKind }, opts: { publicOnly: boolean; archived: 'active' | 'archived' | 'all' }) {
  const q = normaliseQuery(query.q);
  const rows = await repo.listEntries(tx, { tsQuery: tsQueryText(q), kind: query.kind, ...opts });
  return { q, rows };
}

export function listEntries(ctx: DataContext, actor: Actor, query: z.infer<typeof s.entryListQuery>) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('org.read', { resourceType: 'guide_entry' });
    if (query.archived !== 'active' && !mayEditGuide(actor)) scope.deny({ resourceType: 'guide_entry' }, new AppError('access.denied', 403));
    const { q, rows } = await search(guideTx(scope), query, { publicOnly: false, archived: query.archived });
    return { q, total: rows.length, items: rows.map(presentListItem) };
  });
}

export function getEntry(ctx: DataContext, actor: Actor, id: string) {
  return withScope(ctx, actor, async (scope) => presentEntry(await readableEntry(scope, id)));
}

export function getEntryBySlug(ctx: DataContext, actor: Actor, slug: string) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('org.read', { resourceType: 'guide_entry' });
    const entry = await repo.findEntryBySlug(guideTx(scope), slug);
    if (!entry || !mayReadEntry(actor, entry)) throw notFound();
    return presentEntry(entry);
  });
}

export function listEntryVersions(ctx: DataContext, actor: Actor, id: string) {
  return withScope(ctx, actor, async (scope) => {
    const entry = await readableEntry(scope, id);
    const versions = await repo.entryVersions(guideTx(scope), id);
    return { items: versions.map((v) => presentVersionSummary(v, entry.currentNumber)) };
  });
}

export function getEntryVersion(ctx: DataContext, actor: Actor, id: string, number: number) {
  return withScope(ctx, actor, async (scope) => {
    const entry = await readableEntry(scope, id);
    const v = await repo.entryVersion(guideTx(scope), id, number);
    if (!v) throw new AppError('guide.version_not_found', 404);
    return { ...presentVersionSummary(v, entry.currentNumber), summary: v.summary, body: v.body, fields: fieldsOf(entry.kind, v.fields) };
  });
}

// ── the public part (no session) ───────────────────────────────────────────────────────
export function publicList(ctx: DataContext, code: string, query: z.infer<typeof s.publicListQuery>) {
  return withPublicTenant(ctx, code, async (tx, municipality) => {
    const { q, rows } = await search(tx, query, { publicOnly: true, archived: 'active' });
    return { municipality: { code: municipality.code, name: municipality.name }, q, total: rows.length, items: rows.map(presentPublicListItem) };
  });
}

export function publicEntry(ctx: DataContext, code: string, slug: string) {
  return withPublicTenant(ctx, code, async (tx, municipality) => {
    const entry = await repo.findEntryBySlug(tx, slug);
    if (!entry || !mayReadEntry(null, entry)) throw notFound();
    return presentPublicEntry(entry, municipality);
  });
}

// ── editing ────────────────────────────────────────────────────────────────────────────
/** `opts.id`: a fixed id for the demo seed (deterministic ids); the API always makes a new one. */
export function createEntry(ctx: DataContext, actor: Actor, input: z.infer<typeof s.entryCreate>, opts: { id?: string } = {}) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('guide.edit', { resourceType: 'guide_entry' });
    const tx = guideTx(scope);
    const content = checkedContent(input.kind, input);
    const base = slugify(content.title);
    const slug = input.slug ?? uniqueSlug(base, await repo.slugsLike(tx, base));
    const id = opts.id ?? randomUUID();
    const v = { number: 1, editedBy: actor.userId, editedAt: scope.now, changeNote: input.changeNote ?? FIRST_NOTE, restoredFrom: null };
    await uniqueOr409(() => repo.insertEntry(tx, { id, slug, kind: input.kind, isPublic: input.isPublic, now: scope.now }, content, v), 'guide.slug_taken');
    scope.audit({ action: 'create', resourceType: 'guide_entry', resourceId: id, details: { kind: input.kind, isPublic: input.isPublic, number: 1 } });
    return { id, slug, version: 1, number: 1 };
  });
}

/** A new content version; the entry's `version` must be the one the editor saw (If-Match). */
export function addEntryVersion(ctx: DataContext, actor: Actor, id: string, expectedVersion: number, input: z.infer<typeof s.entryVersionCreate>) {
  return withScope(ctx, actor, async (scope) => {
    const entry = await editableEntry(scope, id, expectedVersion);
    if (entry.archivedAt) throw new AppError('guide.entry_archived', 409);
    const content = checkedContent(entry.kind, input);
    if (sameEntryContent(content, currentContent(entry))) throw new AppError('guide.unchanged', 422);
    return appendVersion(scope, entry, content, input.changeNote, null);
  });
}

/** Restore = a new version carrying an old version's content (history is never rewritten). */
export function restoreEntryVersion(ctx: DataContext, actor: Actor, id: string, number: number, expectedVersion: number, input: z.infer<typeof s.restoreBody>) {
  return withScope(ctx, actor, async (scope) => {
    const entry = await editableEntry(scope, id, expectedVersion);
    if (entry.archivedAt) throw new AppError('guide.entry_archived', 409);
    const old = await repo.entryVersion(guideTx(scope), id, number);
    if (!old) throw new AppError('guide.version_not_found', 404);
    const content = normaliseContent(entry.kind, { title: old.title, summary: old.summary, body: old.body, fields: fieldsOf(entry.kind, old.fields) });
    if (sameEntryContent(content, currentContent(entry))) throw new AppError('guide.unchanged', 422);
    return appendVersion(scope, entry, content, input.changeNote ?? restoreNote(number), number);
  });
}

/** Public or internal, archived or not: the head only, no new content version. */
export function updateEntrySettings(ctx: DataContext, actor: Actor, id: string, expectedVersion: number, input: z.infer<typeof s.entryPatch>) {
  return withScope(ctx, actor, async (scope) => {
    const entry = await editableEntry(scope, id, expectedVersion);
    const changes = {
      updatedAt: scope.now,
      ...(input.isPublic !== undefined ? { isPublic: input.isPublic } : {}),
      ...(input.archived !== undefined ? { archivedAt: input.archived ? (entry.archivedAt ?? scope.now) : null } : {}),
    };
    if (!(await repo.updateEntryHead(guideTx(scope), id, expectedVersion, changes))) throw new AppError('version.mismatch', 412);
    scope.audit({ action: 'update', resourceType: 'guide_entry', resourceId: id, details: { isPublic: input.isPublic, archived: input.archived } });
    return { id, slug: entry.slug, version: entry.version + 1, number: entry.currentNumber };
  });
}
