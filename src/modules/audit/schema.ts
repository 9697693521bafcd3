import { z } from 'zod';
import { cpr, day, uuid } from '../shared/schema.ts';
export { idParams } from '../shared/schema.ts';

export const eventsQuery = z
  .object({
    childId: uuid.optional(),
    userId: uuid.optional(),
    action: z.string().max(40).optional(),
    from: day.optional(),
    to: day.optional(),
    /** Keyset paging: events with seq below this. */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const auditEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorKind: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  childId: z.string().nullable(),
  searchTerm: z.string().nullable(),
  purpose: z.string().nullable(),
  outcome: z.string(),
});

export const eventsPage = z.object({ items: z.array(auditEvent), nextBefore: z.number().int().nullable() });
export const extract = z.object({
  child: z.object({ id: uuid, firstName: z.string(), lastName: z.string(), cprMasked: z.string() }),
  items: z.array(auditEvent),
});
export const verifyResult = z.object({ ok: z.boolean(), checked: z.number().int(), brokenAtSeq: z.number().int().nullable() });
export const childLookup = z.object({ cpr }).strict();
export const childLookupResult = z.object({ id: uuid, firstName: z.string(), lastName: z.string(), cprMasked: z.string() });
