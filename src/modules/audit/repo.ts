import type { Scope } from '../../access/scope.ts';
import { addDays } from '../../domain/calendar.ts';

export interface EventFilter {
  childId?: string;
  userId?: string;
  action?: string;
  from?: string;
  to?: string;
  before?: number;
  limit: number;
}

const COLUMNS = [
  'seq',
  'at',
  'actorKind',
  'actorUserId',
  'actorName',
  'actorRole',
  'action',
  'resourceType',
  'resourceId',
  'childId',
  'searchTerm',
  'purpose',
  'outcome',
] as const;

export function events(scope: Scope, f: EventFilter) {
  let q = scope.trx.selectFrom('auditEvents').select(COLUMNS);
  if (f.childId) q = q.where('childId', '=', f.childId);
  if (f.userId) q = q.where('actorUserId', '=', f.userId);
  if (f.action) q = q.where('action', '=', f.action);
  // Days are Copenhagen days; a day's end is the next day's start.
  if (f.from) q = q.where('at', '>=', new Date(`${f.from}T00:00:00+01:00`));
  if (f.to) q = q.where('at', '<', new Date(`${addDays(f.to, 1)}T00:00:00+01:00`));
  if (f.before) q = q.where('seq', '<', f.before);
  return q.orderBy('seq', 'desc').limit(f.limit).execute();
}

/** The whole chain in order, in pages, for verification. */
export async function* chain(scope: Scope, pageSize = 5000) {
  let after = 0;
  for (;;) {
    const rows = await scope.trx
      .selectFrom('auditEvents')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    for (const r of rows) yield r;
    after = rows[rows.length - 1]!.seq;
  }
}
