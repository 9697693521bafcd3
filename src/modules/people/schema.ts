import { z } from 'zod';
import { cpr, day, personName, uuid } from '../shared/schema.ts';
export { created, idParams } from '../shared/schema.ts';

export const enrolmentParams = z.object({ id: uuid, enrolmentId: uuid }).strict();

export const childrenQuery = z
  .object({
    groupId: uuid.optional(),
    institutionId: uuid.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

/** Search by name or CPR: a POST body, because a CPR must never appear in a URL. */
export const childrenSearch = z
  .object({
    q: z.string().trim().min(2).max(100),
    page: z.number().int().min(1).max(10_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(50),
  })
  .strict();

export const revealCprBody = z.object({ purpose: z.string().trim().min(3).max(300) }).strict();

export const custodyHolderInput = z
  .object({
    cpr,
    firstName: personName,
    lastName: personName,
    relation: z.enum(['mor', 'far', 'plejeforaelder', 'vaerge', 'anden']),
    hasCustody: z.boolean(),
    phone: z.string().trim().max(40).nullable().default(null),
    email: z.string().trim().email().max(200).nullable().default(null),
  })
  .strict();

export const enrolmentCreate = z
  .object({ institutionId: uuid, groupId: uuid.nullable().default(null), validFrom: day })
  .strict();

export const enrolmentEnd = z.object({ validTo: day }).strict();

export const childCreate = z
  .object({
    cpr,
    firstName: personName,
    lastName: personName,
    birthDate: day,
    custodyHolders: z.array(custodyHolderInput).max(6).default([]),
    enrolment: enrolmentCreate.optional(),
  })
  .strict();

export const childLookup = z.object({ cpr }).strict();

const placement = z.object({
  enrolmentId: uuid,
  institutionId: uuid,
  institutionName: z.string(),
  institutionType: z.string(),
  groupId: uuid.nullable(),
  groupName: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  current: z.boolean(),
});

export const childListItem = z.object({
  id: uuid,
  firstName: z.string(),
  lastName: z.string(),
  cprMasked: z.string(),
  birthDate: z.string(),
  age: z.number().int(),
  placements: z.array(placement),
});

export const childrenPage = z.object({
  items: z.array(childListItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const childDetail = childListItem.extend({
  version: z.number().int(),
  custodyHolders: z.array(
    z.object({
      id: uuid,
      firstName: z.string(),
      lastName: z.string(),
      cprMasked: z.string(),
      relation: z.string(),
      hasCustody: z.boolean(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      validFrom: z.string(),
      validTo: z.string().nullable(),
    }),
  ),
  enrolments: z.array(placement),
  accessReasons: z.array(z.string()),
});

export const childAdminView = z.object({
  id: uuid,
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string(),
  cprMasked: z.string(),
  enrolments: z.array(placement),
});
