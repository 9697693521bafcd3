// Guide rows as the API shows them: never a raw row. The public shapes leave out everything
// internal (ids, editors' names, change notes, the public flag).
import { KIND_FIELDS, type GuideKind } from '../../domain/guide-entry.ts';
import { headlineSegments } from '../../domain/guide-search.ts';
import type { EntryWithCurrent, HandleguideWithCurrent } from './repo.ts';

export const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

type ListRow = EntryWithCurrent & { headline: string | null };

/** Fields as stored (jsonb, which sorts its keys), read back in the kind's order. */
export function fieldsOf(kind: GuideKind, raw: unknown): Record<string, string> {
  const obj = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown> | null;
  if (!obj || typeof obj !== 'object') return {};
  const out: Record<string, string> = {};
  for (const key of KIND_FIELDS[kind]) {
    const v = obj[key];
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

export function presentListItem(r: ListRow) {
  return {
    id: r.id,
    slug: r.slug,
    kind: r.kind,
    isPublic: r.isPublic,
    archived: r.archivedAt !== null,
    title: r.title,
    summary: r.summary,
    snippet: r.headline ? headlineSegments(r.headline) : null,
    number: r.currentNumber,
    version: r.version,
    editedAt: iso(r.editedAt),
  };
}

export function presentPublicListItem(r: ListRow) {
  return { slug: r.slug, kind: r.kind, title: r.title, summary: r.summary, snippet: r.headline ? headlineSegments(r.headline) : null, updatedAt: iso(r.editedAt) };
}

export function presentEntry(r: EntryWithCurrent) {
  return {
    id: r.id,
    slug: r.slug,
    kind: r.kind,
    isPublic: r.isPublic,
    archived: r.archivedAt !== null,
    archivedAt: r.archivedAt ? iso(r.archivedAt) : null,
    version: r.version,
    number: r.currentNumber,
    title: r.title,
    summary: r.summary,
    body: r.body,
    fields: fieldsOf(r.kind, r.fields),
    editedBy: r.editedByName,
    editedAt: iso(r.editedAt),
    changeNote: r.changeNote,
    restoredFrom: r.restoredFrom,
    createdAt: iso(r.createdAt),
  };
}

export function presentPublicEntry(r: EntryWithCurrent, municipality: { code: string; name: string }) {
  return {
    municipality: { code: municipality.code, name: municipality.name },
    slug: r.slug,
    kind: r.kind,
    title: r.title,
    summary: r.summary,
    body: r.body,
    fields: fieldsOf(r.kind, r.fields),
    updatedAt: iso(r.editedAt),
  };
}

interface VersionRow {
  number: number;
  title: string;
  editedAt: Date;
  changeNote: string;
  restoredFrom: number | null;
  editedByName: string | null;
}

export function presentVersionSummary(v: VersionRow, currentNumber: number) {
  return {
    number: v.number,
    title: v.title,
    editedBy: v.editedByName,
    editedAt: iso(v.editedAt),
    changeNote: v.changeNote,
    restoredFrom: v.restoredFrom,
    current: v.number === currentNumber,
  };
}

export interface LinkedEntry {
  id: string;
  slug: string;
  kind: EntryWithCurrent['kind'];
  title: string;
  summary: string;
}

/** The guide with its linked entries in the editor's order (archived ones have dropped out). */
export function presentHandleguide(h: HandleguideWithCurrent, linked: readonly LinkedEntry[]) {
  const byId = new Map(linked.map((e) => [e.id, e]));
  return {
    id: h.id,
    scaleId: h.scaleId,
    ordinal: h.ordinal,
    version: h.version,
    number: h.currentNumber,
    title: h.title,
    whatToDo: h.whatToDo,
    steps: h.steps,
    entries: h.entryIds.flatMap((id) => {
      const e = byId.get(id);
      return e ? [{ id: e.id, slug: e.slug, kind: e.kind, title: e.title, summary: e.summary }] : [];
    }),
    entryIds: h.entryIds,
    nextStepIds: h.nextStepIds,
    editedBy: h.editedByName,
    editedAt: iso(h.editedAt),
    changeNote: h.changeNote,
    restoredFrom: h.restoredFrom,
  };
}
