// Request and response schemas for the guide: strict bodies (unknown fields refused); the same
// schemas make the OpenAPI document and the web's types.
import { z } from 'zod';
import { GUIDE_KINDS, LIMITS } from '../../domain/guide-entry.ts';
import { HANDLEGUIDE_LIMITS } from '../../domain/guide-handleguide.ts';
import { cleanText, QUERY_MAX } from '../../domain/guide-search.ts';
import { isValidSlug, SLUG_MAX } from '../../domain/guide-slug.ts';
import { uuid } from '../shared/schema.ts';
export { idParams } from '../shared/schema.ts';

/** Text as typed, without control characters (they would break snippets), trimmed. */
const text = (max: number) => z.string().transform(cleanText).pipe(z.string().trim().max(max));
const requiredText = (max: number) => z.string().transform(cleanText).pipe(z.string().trim().min(1).max(max));

export const guideKind = z.enum(GUIDE_KINDS);
const slug = z.string().trim().max(SLUG_MAX).refine(isValidSlug, { message: 'Små bogstaver a–z, tal og enkelte bindestreger (2–80 tegn)' });
const changeNote = requiredText(LIMITS.changeNote);

const entryContentFields = {
  title: requiredText(LIMITS.title),
  summary: text(LIMITS.summary).default(''),
  body: text(LIMITS.body).default(''),
  // which keys a kind allows is checked in the service (domain/guide-entry.ts), with field paths
  fields: z.record(z.string().max(40), text(LIMITS.field)).default({}),
};

export const entryCreate = z
  .object({
    kind: guideKind,
    slug: slug.optional(),
    isPublic: z.boolean().default(false),
    ...entryContentFields,
    changeNote: changeNote.optional(),
  })
  .strict();

/** A new content version (If-Match: the entry's version). */
export const entryVersionCreate = z.object({ ...entryContentFields, changeNote }).strict();

export const entryPatch = z
  .object({ isPublic: z.boolean().optional(), archived: z.boolean().optional() })
  .strict()
  .refine((p) => p.isPublic !== undefined || p.archived !== undefined, { message: 'Angiv isPublic eller archived' });

export const restoreBody = z.object({ changeNote: changeNote.optional() }).strict();

export const entryListQuery = z
  .object({
    q: z.string().max(QUERY_MAX * 2).optional(),
    kind: guideKind.optional(),
    archived: z.enum(['active', 'archived', 'all']).default('active'),
  })
  .strict();

export const publicListQuery = z.object({ q: z.string().max(QUERY_MAX * 2).optional(), kind: guideKind.optional() }).strict();

export const versionParams = z.object({ id: uuid, number: z.coerce.number().int().min(1).max(100_000) }).strict();
export const slugParams = z.object({ slug: z.string().max(SLUG_MAX) }).strict();
const municipalityCode = z.string().regex(/^[0-9]{3}$/, { message: 'Kommunekoden er tre cifre' });
export const publicParams = z.object({ code: municipalityCode }).strict();
export const publicEntryParams = z.object({ code: municipalityCode, slug: z.string().max(SLUG_MAX) }).strict();

// ── handleguide ────────────────────────────────────────────────────────────────────────
const handleguideContentFields = {
  title: requiredText(HANDLEGUIDE_LIMITS.title),
  whatToDo: text(HANDLEGUIDE_LIMITS.whatToDo).default(''),
  steps: z.array(text(HANDLEGUIDE_LIMITS.step)).max(HANDLEGUIDE_LIMITS.steps).default([]),
  entryIds: z.array(uuid).max(HANDLEGUIDE_LIMITS.entries).default([]),
  nextStepIds: z.array(z.string().max(80)).max(HANDLEGUIDE_LIMITS.nextSteps).default([]),
};

export const handleguideCreate = z
  .object({ scaleId: uuid, ordinal: z.number().int().min(1).max(10), ...handleguideContentFields, changeNote: changeNote.optional() })
  .strict();

export const handleguideVersionCreate = z.object({ ...handleguideContentFields, changeNote }).strict();

export const handleguideListQuery = z.object({ scaleId: uuid.optional() }).strict();
export const positionParams = z.object({ positionId: uuid }).strict();
export const positionQuery = z.object({ childId: uuid.optional() }).strict();

// ── responses ──────────────────────────────────────────────────────────────────────────
export const created = z.object({ id: uuid, slug: z.string().optional(), version: z.number().int(), number: z.number().int() });
const iso = z.string();
const label = z.object({ da: z.string(), en: z.string() });
const segments = z.array(z.object({ text: z.string(), match: z.boolean() }));

export const entryListItem = z.object({
  id: uuid,
  slug: z.string(),
  kind: guideKind,
  isPublic: z.boolean(),
  archived: z.boolean(),
  title: z.string(),
  summary: z.string(),
  snippet: segments.nullable(),
  number: z.number().int(),
  version: z.number().int(),
  editedAt: iso,
});
export const entryList = z.object({ q: z.string().nullable(), total: z.number().int(), items: z.array(entryListItem) });

export const entryDetail = z.object({
  id: uuid,
  slug: z.string(),
  kind: guideKind,
  isPublic: z.boolean(),
  archived: z.boolean(),
  archivedAt: iso.nullable(),
  version: z.number().int(),
  number: z.number().int(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  fields: z.record(z.string(), z.string()),
  editedBy: z.string().nullable(),
  editedAt: iso,
  changeNote: z.string(),
  restoredFrom: z.number().int().nullable(),
  createdAt: iso,
});

const versionSummary = z.object({
  number: z.number().int(),
  title: z.string(),
  editedBy: z.string().nullable(),
  editedAt: iso,
  changeNote: z.string(),
  restoredFrom: z.number().int().nullable(),
  current: z.boolean(),
});
export const versionList = z.object({ items: z.array(versionSummary) });

export const entryVersionDetail = versionSummary.extend({ summary: z.string(), body: z.string(), fields: z.record(z.string(), z.string()) });

export const publicMunicipality = z.object({ code: z.string(), name: z.string() });
export const publicEntryListItem = z.object({
  slug: z.string(),
  kind: guideKind,
  title: z.string(),
  summary: z.string(),
  snippet: segments.nullable(),
  updatedAt: iso,
});
export const publicEntryList = z.object({ municipality: publicMunicipality, q: z.string().nullable(), total: z.number().int(), items: z.array(publicEntryListItem) });
export const publicEntryDetail = z.object({
  municipality: publicMunicipality,
  slug: z.string(),
  kind: guideKind,
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  fields: z.record(z.string(), z.string()),
  updatedAt: iso,
});

const linkedEntry = z.object({ id: uuid, slug: z.string(), kind: guideKind, title: z.string(), summary: z.string() });

export const handleguideDetail = z.object({
  id: uuid,
  scaleId: uuid,
  ordinal: z.number().int(),
  version: z.number().int(),
  number: z.number().int(),
  title: z.string(),
  whatToDo: z.string(),
  steps: z.array(z.string()),
  entries: z.array(linkedEntry),
  entryIds: z.array(uuid),
  nextStepIds: z.array(z.string()),
  editedBy: z.string().nullable(),
  editedAt: iso,
  changeNote: z.string(),
  restoredFrom: z.number().int().nullable(),
});

export const handleguideVersionDetail = versionSummary.extend({
  whatToDo: z.string(),
  steps: z.array(z.string()),
  entryIds: z.array(uuid),
  nextStepIds: z.array(z.string()),
});

const positionOut = z.object({ id: uuid, ordinal: z.number().int(), label: z.string(), colour: z.string(), meaning: z.string(), isConcern: z.boolean() });

export const handleguideOverview = z.object({
  scales: z.array(
    z.object({
      id: uuid,
      name: z.string(),
      versionNumber: z.number().int(),
      positions: z.array(
        z.object({
          position: positionOut,
          guide: z.object({ id: uuid, title: z.string(), number: z.number().int(), version: z.number().int(), editedAt: iso }).nullable(),
        }),
      ),
    }),
  ),
});

export const nextStepCatalogueOut = z.object({
  items: z.array(z.object({ id: z.string(), module: z.string(), label, description: label, forEachEntry: guideKind.nullable() })),
});

/** What the rating page shows when a child is given a position. */
export const handleguideForPosition = z.object({
  position: positionOut,
  guide: handleguideDetail.omit({ entryIds: true, nextStepIds: true }).nullable(),
  nextSteps: z.array(z.object({ id: z.string(), label, href: z.string() })),
});
