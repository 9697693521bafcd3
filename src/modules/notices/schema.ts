import { z } from 'zod';
import { uuid } from '../shared/schema.ts';
export { idParams } from '../shared/schema.ts';

export const listQuery = z
  .object({
    unreadOnly: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict();

export const notice = z.object({
  id: uuid,
  kind: z.string(),
  /** Counts, dates and names of rounds: filled into the kind's text by the web app. */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const noticeList = z.object({ items: z.array(notice), unread: z.number().int() });
export const readAllOut = z.object({ marked: z.number().int() });
