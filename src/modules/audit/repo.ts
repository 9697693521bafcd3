import type { Transaction } from 'kysely';
import type { Scope } from '../../access/scope.ts';
import type { DB } from '../../db/types.ts';
import { ChainVerifier, type VerifyResult } from '../../domain/audit-chain.ts';
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

/** Where the chain starts after retention cut its oldest rows (docs/adr/0006); none before. */
export function chainAnchor(trx: Transaction<DB>, municipalityId: string) {
  return trx.selectFrom('auditAnchors').select(['seq', 'hash']).where('municipalityId', '=', municipalityId).executeTakeFirst();
}

/**
 * Verify a municipality's chain from its anchor (or the genesis hash) to its head, in pages.
 * Filtered by municipality as well as by row-level security: the CLI may run as a superuser,
 * who bypasses it, and the chains would otherwise mix.
 */
export async function verifyChainOf(trx: Transaction<DB>, municipalityId: string, pageSize = 5000): Promise<VerifyResult & { anchorSeq?: number }> {
  const anchor = await chainAnchor(trx, municipalityId);
  const verifier = new ChainVerifier(anchor?.hash, anchor?.seq);
  let after = anchor?.seq ?? 0;
  for (;;) {
    const rows = await trx.selectFrom('auditEvents').selectAll().where('municipalityId', '=', municipalityId).where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    if (rows.length === 0 || !rows.every((r) => verifier.push({ ...r, details: r.details ?? null }))) break;
    after = rows[rows.length - 1]!.seq;
  }
  const head = await trx.selectFrom('auditHeads').select('seq').where('municipalityId', '=', municipalityId).executeTakeFirst();
  return { ...verifier.result(head?.seq ?? 0), anchorSeq: anchor?.seq };
}
