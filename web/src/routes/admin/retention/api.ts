// The retention page's view of the API (src/modules/retention; types inferred from its zod
// schemas, type-only: nothing from src/ reaches the bundle): the settings with their
// defaults, bounds and the latest runs; a preview of what a run would remove today with
// given values; a run started by hand.
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../api/client.ts';
import type * as rs from '../../../../../src/modules/retention/schema.ts';
import { RETENTION_KEYS, type RetentionKey } from '../../../../../src/domain/retention.ts';

/** The five settings, in the order the page shows them (the server's order). */
export { RETENTION_KEYS, type RetentionKey };
export type RetentionValues = z.infer<typeof rs.retentionSettings>;
export type RetentionCounts = z.infer<typeof rs.retentionCounts>;
export type CountKey = keyof RetentionCounts;
export type RetentionRun = z.infer<typeof rs.retentionRun>;
export type RetentionSettings = z.infer<typeof rs.retentionSettingsOut>;
export type RetentionPreview = z.infer<typeof rs.previewOut>;

/** What a run removes, in the order the page shows it. */
export const COUNT_KEYS: readonly CountKey[] = ['screeningRatings', 'stafetlogs', 'consents', 'childrenAnonymised', 'custodyHoldersDeleted', 'auditEvents'];

export const retentionKeys = {
  all: ['admin', 'retention'] as const,
  settings: ['admin', 'retention', 'settings'] as const,
  preview: (values: RetentionValues) => ['admin', 'retention', 'preview', values] as const,
};

export const settingsQuery = queryOptions({
  queryKey: retentionKeys.settings,
  queryFn: ({ signal }) => api.get<RetentionSettings>('/api/retention/settings', { signal }),
  staleTime: 0,
});

export const previewQuery = (values: RetentionValues) =>
  queryOptions({
    queryKey: retentionKeys.preview(values),
    queryFn: ({ signal }) => api.get<RetentionPreview>('/api/retention/preview', { signal, query: { ...values } }),
    staleTime: 30_000,
  });

export const saveSettings = (values: RetentionValues, version: number) => api.put<RetentionSettings>('/api/retention/settings', values, { version });

export const startRun = () => api.post<RetentionRun>('/api/retention/runs');

/** The entered values, when every one is a whole number within its bounds; else null. */
export function validValues(values: Record<RetentionKey, string>, bounds: RetentionSettings['bounds']): RetentionValues | null {
  const out = {} as RetentionValues;
  for (const k of RETENTION_KEYS) {
    const n = Number(values[k]);
    if (values[k].trim() === '' || !Number.isInteger(n) || n < bounds[k].min || n > bounds[k].max) return null;
    out[k] = n;
  }
  return out;
}
