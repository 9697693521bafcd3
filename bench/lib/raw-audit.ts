// The raw-SQL side of the baselines: the tenant set as src/access/scope.ts sets it, and the
// audit append of src/access/audit.ts (head row locked, rows hash-chained, head updated),
// written straight against `pg`.
import pg from 'pg';
import { auditHash, GENESIS_HASH } from '../../src/domain/audit-chain.ts';

const AUDIT_COLUMNS = ['municipality_id', 'seq', 'id', 'at', 'actor_kind', 'actor_user_id', 'actor_name', 'actor_role', 'action', 'resource_type', 'resource_id', 'child_id', 'search_term', 'purpose', 'outcome', 'details', 'request_id', 'prev_hash', 'hash'];

export type RawAuditRow = Omit<Parameters<typeof auditHash>[1], 'seq'>;

export function valuesList(rows: readonly unknown[][]): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const text = rows.map((r) => `(${r.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`).join(', ');
  return { text, params };
}

export async function enterTenant(c: pg.PoolClient, municipalityId: string): Promise<void> {
  await c.query(`SELECT set_config('app.municipality_id', $1, true), set_config('role', 'tidlig_app', true)`, [municipalityId]);
}

export async function appendAuditRaw(c: pg.PoolClient, municipalityId: string, rows: readonly RawAuditRow[]): Promise<void> {
  // As src/access/audit.ts: one statement locks and reads the head, one writes rows and head.
  const head = (
    await c.query<{ seq: string; hash: string }>(
      `INSERT INTO audit_heads (municipality_id, seq, hash) VALUES ($1, 0, $2)
       ON CONFLICT (municipality_id) DO UPDATE SET seq = audit_heads.seq RETURNING seq, hash`,
      [municipalityId, GENESIS_HASH],
    )
  ).rows[0]!;
  let seq = Number(head.seq);
  let prev = head.hash;
  const chained = rows.map((row) => {
    seq += 1;
    const hash = auditHash(prev, { ...row, seq });
    const out = [row.municipalityId, seq, row.id, row.at, row.actorKind, row.actorUserId, row.actorName, row.actorRole, row.action, row.resourceType, row.resourceId, row.childId, row.searchTerm, row.purpose, row.outcome, row.details ? JSON.stringify(row.details) : null, row.requestId, prev, hash];
    prev = hash;
    return out;
  });
  const v = valuesList(chained);
  v.params.push(seq, prev, municipalityId);
  const n = v.params.length;
  await c.query(
    `WITH appended AS (INSERT INTO audit_events (${AUDIT_COLUMNS.join(', ')}) VALUES ${v.text} RETURNING seq)
     UPDATE audit_heads SET seq = $${n - 2}, hash = $${n - 1} WHERE municipality_id = $${n}`,
    v.params,
  );
}

/** One transaction on a client of its own, scoped to the municipality as withScope does it. */
export async function inTenantTransaction<T>(pool: pg.Pool, municipalityId: string, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await enterTenant(c, municipalityId);
    const out = await work(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  } finally {
    c.release();
  }
}
