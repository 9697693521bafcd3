import { z } from 'zod';
import { INSTITUTION_TYPES } from '../../domain/roles.ts';

const name = z.string().trim().min(1).max(200);
export { created, idParams } from '../shared/schema.ts';

export const districtCreate = z.object({ name }).strict();
export const districtUpdate = z.object({ name: name.optional(), archived: z.boolean().optional() }).strict();

export const institutionCreate = z
  .object({ name, type: z.enum(INSTITUTION_TYPES), districtId: z.string().uuid().nullable().default(null) })
  .strict();
export const institutionUpdate = z
  .object({
    name: name.optional(),
    type: z.enum(INSTITUTION_TYPES).optional(),
    districtId: z.string().uuid().nullable().optional(),
    archived: z.boolean().optional(),
  })
  .strict();

export const groupCreate = z.object({ institutionId: z.string().uuid(), name }).strict();
export const groupUpdate = z.object({ name: name.optional(), archived: z.boolean().optional() }).strict();

export const TEAM_KINDS = ['district_team', 'tvaerfagligt_team', 'case_team'] as const;
export const teamCreate = z
  .object({
    name,
    kind: z.enum(TEAM_KINDS),
    districtId: z.string().uuid().nullable().default(null),
    institutionId: z.string().uuid().nullable().default(null),
  })
  .strict();
export const teamUpdate = z
  .object({
    name: name.optional(),
    districtId: z.string().uuid().nullable().optional(),
    institutionId: z.string().uuid().nullable().optional(),
    archived: z.boolean().optional(),
  })
  .strict();

const base = { id: z.string().uuid(), name: z.string(), version: z.number().int(), archived: z.boolean() };
export const districtOut = z.object(base);
export const groupOut = z.object({ ...base, institutionId: z.string().uuid(), childCount: z.number().int() });
export const institutionOut = z.object({
  ...base,
  type: z.string(),
  districtId: z.string().uuid().nullable(),
  groups: z.array(groupOut),
  childCount: z.number().int(),
});
export const teamOut = z.object({
  ...base,
  kind: z.string(),
  districtId: z.string().uuid().nullable(),
  institutionId: z.string().uuid().nullable(),
  memberCount: z.number().int(),
});
export const orgTree = z.object({
  districts: z.array(districtOut.extend({ institutions: z.array(institutionOut) })),
  unassigned: z.array(institutionOut),
  teams: z.array(teamOut),
});
