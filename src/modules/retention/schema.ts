// The retention API (docs/adr/0006): the municipality's retention settings (years per kind of
// record, within fixed bounds), a preview of what the next run would do, and runs.
import { z } from 'zod';
import { RETENTION_BOUNDS, RETENTION_KEYS, type RetentionKey } from '../../domain/retention.ts';
import { uuid } from '../shared/schema.ts';

const years = (key: RetentionKey) => z.number().int().min(RETENTION_BOUNDS[key].min).max(RETENTION_BOUNDS[key].max);
const yearsQuery = (key: RetentionKey) => z.coerce.number().int().min(RETENTION_BOUNDS[key].min).max(RETENTION_BOUNDS[key].max).optional();

const fields = Object.fromEntries(RETENTION_KEYS.map((k) => [k, years(k)])) as { [K in RetentionKey]: ReturnType<typeof years> };

/** Years to keep each kind of record (all required, whole years within the bounds). */
export const retentionSettings = z.object(fields).strict();

const bound = z.object({ min: z.number().int(), max: z.number().int() });

/** What a run did (or a preview would do): numbers only, never names or CPR. */
export const retentionCounts = z.object({
  screeningRatings: z.number().int(),
  stafetlogs: z.number().int(),
  consents: z.number().int(),
  childrenAnonymised: z.number().int(),
  custodyHoldersDeleted: z.number().int(),
  auditEvents: z.number().int(),
});

export const retentionRun = z.object({
  id: uuid,
  /** The nightly job or someone's "run now". */
  trigger: z.enum(['job', 'manual']),
  startedAt: z.string(),
  finishedAt: z.string(),
  counts: retentionCounts,
});

export const retentionSettingsOut = z.object({
  settings: z.object(fields),
  version: z.number().int(),
  defaults: z.object(fields),
  bounds: z.object({
    screeningYears: bound,
    stafetlogYears: bound,
    consentYears: bound,
    childYears: bound,
    auditYears: bound,
  }),
  /** The latest 10 runs, newest first. */
  runs: z.array(retentionRun),
});

/** Unsaved settings to preview; a missing key uses the saved value. */
export const previewQuery = z.object(Object.fromEntries(RETENTION_KEYS.map((k) => [k, yearsQuery(k)])) as { [K in RetentionKey]: ReturnType<typeof yearsQuery> }).strict();

export const previewOut = z.object({
  /** The Copenhagen day the preview is computed for (today). */
  asOf: z.string(),
  counts: retentionCounts,
});

export type RetentionSettingsBody = z.infer<typeof retentionSettings>;
export type RetentionSettingsOut = z.infer<typeof retentionSettingsOut>;
export type RetentionCounts = z.infer<typeof retentionCounts>;
export type RetentionRun = z.infer<typeof retentionRun>;
export type PreviewQuery = z.infer<typeof previewQuery>;
export type PreviewOut = z.infer<typeof previewOut>;
