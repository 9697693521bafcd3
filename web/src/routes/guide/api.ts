// The guide pages' view of the API: types inferred from the server's zod schemas (type-only
// imports: nothing from src/modules reaches the bundle through this file), query keys and
// the fetchers shared by several pages.
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import type * as s from '../../../../src/modules/guide/schema.ts';

export type GuideKind = z.infer<typeof s.guideKind>;
export type EntryList = z.infer<typeof s.entryList>;
export type EntryListItem = EntryList['items'][number];
export type EntryDetail = z.infer<typeof s.entryDetail>;
export type EntryCreate = z.input<typeof s.entryCreate>;
export type EntryVersionCreate = z.input<typeof s.entryVersionCreate>;
export type VersionList = z.infer<typeof s.versionList>;
export type VersionSummary = VersionList['items'][number];
export type EntryVersionDetail = z.infer<typeof s.entryVersionDetail>;
export type Created = z.infer<typeof s.created>;
export type PublicEntryList = z.infer<typeof s.publicEntryList>;
export type PublicEntryDetail = z.infer<typeof s.publicEntryDetail>;
export type Segment = NonNullable<EntryListItem['snippet']>[number];
export type HandleguideDetail = z.infer<typeof s.handleguideDetail>;
export type HandleguideVersionDetail = z.infer<typeof s.handleguideVersionDetail>;
export type HandleguideOverview = z.infer<typeof s.handleguideOverview>;
export type HandleguideCreate = z.input<typeof s.handleguideCreate>;
export type HandleguideForPosition = z.infer<typeof s.handleguideForPosition>;
export type NextStepCatalogue = z.infer<typeof s.nextStepCatalogueOut>;

export const guideKeys = {
  all: ['guide'] as const,
  entries: (scope: string, q: string, kind: string, archived = 'active') => ['guide', 'entries', scope, q, kind, archived] as const,
  /** The /guide page's list (staff or public, already shaped for the page). */
  page: (source: string, q: string, kind: string) => ['guide', 'page', source, q, kind] as const,
  entry: (id: string) => ['guide', 'entry', id] as const,
  slug: (scope: string, slug: string) => ['guide', 'slug', scope, slug] as const,
  versions: (id: string) => ['guide', 'entry', id, 'versions'] as const,
  version: (id: string, n: number) => ['guide', 'entry', id, 'versions', n] as const,
  overview: ['guide', 'handleguides'] as const,
  handleguide: (id: string) => ['guide', 'handleguide', id] as const,
  handleguideVersions: (id: string) => ['guide', 'handleguide', id, 'versions'] as const,
  forPosition: (positionId: string, childId: string | null) => ['guide', 'position', positionId, childId] as const,
  catalogue: ['guide', 'next-steps'] as const,
};

export const entryQuery = (id: string) =>
  queryOptions({ queryKey: guideKeys.entry(id), queryFn: ({ signal }) => api.get<EntryDetail>(`/api/guide/entries/${id}`, { signal }), staleTime: 0 });

export const versionsQuery = (id: string) =>
  queryOptions({ queryKey: guideKeys.versions(id), queryFn: ({ signal }) => api.get<VersionList>(`/api/guide/entries/${id}/versions`, { signal }), staleTime: 0 });

export const overviewQuery = queryOptions({
  queryKey: guideKeys.overview,
  queryFn: ({ signal }) => api.get<HandleguideOverview>('/api/guide/handleguides', { signal }),
  staleTime: 0,
});

export const catalogueQuery = queryOptions({
  queryKey: guideKeys.catalogue,
  queryFn: ({ signal }) => api.get<NextStepCatalogue>('/api/guide/next-steps', { signal }),
  staleTime: 5 * 60_000,
});

/** Every current entry (for choosing links in the handleguide editor). */
export const allEntriesQuery = queryOptions({
  queryKey: guideKeys.entries('staff', '', '', 'active'),
  queryFn: ({ signal }) => api.get<EntryList>('/api/guide/entries', { signal }),
  staleTime: 0,
});
