// The screening set-up pages' view of the API (src/modules/screening): types inferred from the
// server's zod schemas (type-only: nothing from src/ reaches the bundle through this file),
// query keys and the queries the pages share.
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../api/client.ts';
import type * as sc from '../../../../../src/modules/screening/schema.ts';

export type Scale = z.infer<typeof sc.scaleOut>;
export type ScaleVersion = Scale['versions'][number];
export type Position = ScaleVersion['positions'][number];
export type ScaleList = z.infer<typeof sc.scalesOut>;
export type PositionInput = z.input<typeof sc.positionInput>;
export type ScaleCreate = z.input<typeof sc.scaleCreate>;
export type ScaleVersionCreate = z.input<typeof sc.scaleVersionCreate>;
export type Round = z.infer<typeof sc.roundOut>;
export type RoundPlan = z.infer<typeof sc.roundPlanOut>;
export type RoundPlans = z.infer<typeof sc.roundPlansOut>;
export type RoundCreate = z.input<typeof sc.roundCreate>;
export type RoundUpdate = z.input<typeof sc.roundUpdate>;
export type Progress = z.infer<typeof sc.progressOut>;
export type Coverage = Progress['total'];
export type Created = z.infer<typeof sc.created>;

export const ROUNDS_PAGE_SIZE = 25;

export const screeningAdminKeys = {
  all: ['admin', 'screening'] as const,
  scales: ['admin', 'screening', 'scales'] as const,
  rounds: ['admin', 'screening', 'rounds'] as const,
  roundsPage: (page: number) => ['admin', 'screening', 'rounds', page] as const,
  progress: (id: string) => ['admin', 'screening', 'progress', id] as const,
};

export const scalesQuery = queryOptions({
  queryKey: screeningAdminKeys.scales,
  queryFn: ({ signal }) => api.get<ScaleList>('/api/screening/scales', { signal }),
  staleTime: 10_000,
});

export const roundsPageQuery = (page: number) =>
  queryOptions({
    queryKey: screeningAdminKeys.roundsPage(page),
    queryFn: ({ signal }) => api.get<RoundPlans>('/api/screening/setup/rounds', { signal, query: { page, pageSize: ROUNDS_PAGE_SIZE } }),
    staleTime: 0,
  });

export const progressQuery = (roundId: string) =>
  queryOptions({
    queryKey: screeningAdminKeys.progress(roundId),
    queryFn: ({ signal }) => api.get<Progress>(`/api/screening/rounds/${roundId}/progress`, { signal }),
    staleTime: 0,
  });

/** The newest version of a scale (versions come oldest first). */
export function latestVersion(scale: Scale): ScaleVersion | undefined {
  return scale.versions[scale.versions.length - 1];
}

/** The scale and version number a round's scale version belongs to. */
export function scaleOfVersion(scales: readonly Scale[], versionId: string): { scale: Scale; version: ScaleVersion } | undefined {
  for (const scale of scales) {
    const version = scale.versions.find((v) => v.id === versionId);
    if (version) return { scale, version };
  }
  return undefined;
}
