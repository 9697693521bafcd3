import { z } from 'zod';
import { PROFESSIONS, ROLES } from '../../domain/roles.ts';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.ts';
import { day } from '../shared/schema.ts';
export { created, idParams } from '../shared/schema.ts';

export const membershipParams = z.object({ id: z.string().uuid(), membershipId: z.string().uuid() }).strict();
const password = z.string().min(MIN_PASSWORD_LENGTH).max(200);

export const staffQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export const staffCreate = z
  .object({
    username: z.string().trim().toLowerCase().regex(/^[a-z0-9._@-]{2,100}$/),
    displayName: z.string().trim().min(1).max(200),
    email: z.string().trim().email().max(200).nullable().default(null),
    profession: z.enum(PROFESSIONS),
    password: password.optional(),
    ssoSubject: z.string().trim().min(1).max(200).nullable().default(null),
  })
  .strict();

export const staffUpdate = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    email: z.string().trim().email().max(200).nullable().optional(),
    profession: z.enum(PROFESSIONS).optional(),
    ssoSubject: z.string().trim().min(1).max(200).nullable().optional(),
    password: password.optional(),
    deactivated: z.boolean().optional(),
  })
  .strict();

export const membershipCreate = z
  .object({
    role: z.enum(ROLES),
    unitKind: z.enum(['municipality', 'district', 'institution', 'group', 'team']),
    unitId: z.string().uuid(),
    validFrom: day,
    validTo: day.nullable().default(null),
  })
  .strict();

export const membershipEnd = z.object({ validTo: day }).strict();

export const membershipOut = z.object({
  id: z.string().uuid(),
  role: z.string(),
  unitKind: z.string(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  current: z.boolean(),
});

export const staffOut = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  profession: z.string(),
  ssoSubject: z.string().nullable(),
  hasPassword: z.boolean(),
  blocked: z.boolean(),
  deactivated: z.boolean(),
  version: z.number().int(),
});

export const staffDetail = staffOut.extend({ memberships: z.array(membershipOut) });
export const staffPage = z.object({ items: z.array(staffOut), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
