// Response shapes of the screening overviews, inferred from the server's zod schemas (type-only).
import type { z } from 'zod';
import type { distributionOut, institutionOverviewOut, listedChildOut, overviewOut } from '../../../../src/modules/screening/overview-schema.ts';

export type Overview = z.infer<typeof overviewOut>;
export type InstitutionOverview = z.infer<typeof institutionOverviewOut>;
export type Distribution = z.infer<typeof distributionOut>;
export type OverviewUnit = Overview['districts'][number];
export type OverviewInstitution = Overview['institutions'][number];
export type OverviewRound = NonNullable<Overview['round']>;
export type ListedChild = z.infer<typeof listedChildOut>;
