import type { Scope } from '../../access/scope.ts';
import type { NewRow } from '../../db/types.ts';

export function listForUser(scope: Scope, userId: string, opts: { unreadOnly: boolean; limit: number }) {
  let q = scope.trx
    .selectFrom('notices')
    .select(['id', 'kind', 'params', 'link', 'createdAt', 'readAt'])
    .where('municipalityId', '=', scope.municipalityId)
    .where('userId', '=', userId);
  if (opts.unreadOnly) q = q.where('readAt', 'is', null);
  return q.orderBy('createdAt', 'desc').orderBy('id').limit(opts.limit).execute();
}

export async function unreadCount(scope: Scope, userId: string): Promise<number> {
  const row = await scope.trx
    .selectFrom('notices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('municipalityId', '=', scope.municipalityId)
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Mark read; only the user's own notices, and a second mark keeps the first time. */
export async function markRead(scope: Scope, userId: string, id: string | null): Promise<number> {
  let q = scope.trx
    .updateTable('notices')
    .set({ readAt: scope.now })
    .where('municipalityId', '=', scope.municipalityId)
    .where('userId', '=', userId)
    .where('readAt', 'is', null);
  if (id) q = q.where('id', '=', id);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function exists(scope: Scope, userId: string, id: string): Promise<boolean> {
  const row = await scope.trx
    .selectFrom('notices')
    .select('id')
    .where('municipalityId', '=', scope.municipalityId)
    .where('userId', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** Insert; a notice already delivered (same user and key) is skipped. Returns how many are new. */
export async function insertNew(scope: Scope, rows: NewRow<'notices'>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await scope.trx
    .insertInto('notices')
    .values(rows.map((r) => ({ ...r, params: JSON.stringify(r.params) })))
    .onConflict((oc) => oc.columns(['municipalityId', 'userId', 'dedupeKey']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}
