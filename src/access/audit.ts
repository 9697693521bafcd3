// Writes audit rows in the caller's transaction, chained per municipality (docs/adr/0003).
// The head row is locked FOR UPDATE only at flush, just before commit, so the chain
// serialises commits of audited transactions for the shortest possible time.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { auditHash, GENESIS_HASH, type ChainedAuditFields } from '../domain/audit-chain.ts';
import { maskSearchTerm } from '../domain/cpr.ts';
import { auditRole, type Actor } from './actor.ts';

export type AuditAction =
  | 'read'
  | 'list'
  | 'search'
  | 'create'
  | 'update'
  | 'delete'
  | 'reveal_cpr'
  | 'import'
  | 'export'
  | 'login'
  | 'logout'
  | 'login_failed'
  | 'account_blocked'
  | 'account_unblocked'
  | 'access_denied';

export interface AuditInput {
  action: AuditAction;
  resourceType: string;
  resourceId?: string | null;
  childId?: string | null;
  /** Free-text search: CPR-like parts are masked before storage. */
  searchTerm?: string | null;
  purpose?: string | null;
  outcome?: 'allowed' | 'denied' | 'failed';
  /** Never personal data: ids, counts, field names. */
  details?: Record<string, unknown> | null;
  /** Log-in events happen before there is an actor: name the user they concern. */
  asUser?: { id: string; name: string };
}

export function toAuditRow(actor: Actor, input: AuditInput, at: Date): Omit<ChainedAuditFields, 'seq'> {
  return {
    municipalityId: actor.municipalityId,
    id: randomUUID(),
    at,
    actorKind: input.asUser ? 'staff' : actor.kind,
    actorUserId: input.asUser?.id ?? actor.userId,
    actorName: input.asUser?.name ?? actor.displayName,
    actorRole: auditRole(actor),
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId ?? null,
    childId: input.childId ?? null,
    searchTerm: input.searchTerm ? maskSearchTerm(input.searchTerm) : null,
    purpose: input.purpose ?? actor.reason ?? null,
    outcome: input.outcome ?? 'allowed',
    details: input.details ?? null,
    requestId: actor.requestId,
  };
}

/** Append rows to the municipality's chain inside trx. Throws (failing the request) if anything fails. */
export async function appendAudit(
  trx: Transaction<DB>,
  municipalityId: string,
  rows: Omit<ChainedAuditFields, 'seq'>[],
): Promise<void> {
  if (rows.length === 0) return;
  // Every audited request of a municipality queues on its chain head from here to COMMIT, so the
  // lock is held for as few round trips as possible (bench/child-page.ts): one statement takes
  // the lock and reads the head (an upsert: also creates the head of a new chain), one writes
  // the rows and moves the head.
  const head = await trx
    .insertInto('auditHeads')
    .values({ municipalityId, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('municipalityId').doUpdateSet((eb) => ({ seq: eb.ref('auditHeads.seq') })))
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  let seq = head.seq;
  let prev = head.hash;
  const chained = rows.map((row) => {
    seq += 1;
    const full = { ...row, seq };
    const hash = auditHash(prev, full);
    const out = { ...full, prevHash: prev, hash, details: full.details ? JSON.stringify(full.details) : null };
    prev = hash;
    return out;
  });
  const last = Math.floor((chained.length - 1) / 500) * 500;
  for (let i = 0; i < last; i += 500) {
    await trx.insertInto('auditEvents').values(chained.slice(i, i + 500)).execute();
  }
  await trx
    .with('appended', (db) => db.insertInto('auditEvents').values(chained.slice(last)).returning('seq'))
    .updateTable('auditHeads')
    .set({ seq, hash: prev })
    .where('municipalityId', '=', municipalityId)
    .execute();
}
