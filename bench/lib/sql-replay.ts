// "The same queries through `pg`": a baseline that cannot drift from the code. A service call
// runs once in-process on a recording connection; its statements (with their parameters) are
// kept and later replayed straight through `pg`, with the audit append done afresh each time
// (a replayed audit row would collide with the chain). What the HTTP side adds on top is then
// exactly the server's own work: session, CSRF, routing, validation, serialisation.
import type pg from 'pg';
import { openDatabase, type Database } from '../../src/db/connect.ts';
import { appendAuditRaw, type RawAuditRow } from './raw-audit.ts';

export interface Statement {
  text: string;
  values: unknown[];
}

export interface RecordingDatabase {
  db: Database;
  /** Run fn and return the statements it sent (one call at a time). */
  record<T>(fn: () => Promise<T>): Promise<{ result: T; statements: Statement[] }>;
  close(): Promise<void>;
}

export async function recordingDatabase(url: string): Promise<RecordingDatabase> {
  const db = await openDatabase({ url, poolSize: 1 });
  let current: Statement[] | null = null;
  const wrapped = new WeakSet<object>();
  db.pool.on('acquire', (client: pg.PoolClient) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (text: unknown, values?: unknown) => Promise<unknown>;
    (client as unknown as { query: typeof query }).query = (text, values) => {
      if (current && typeof text === 'string') current.push({ text, values: Array.isArray(values) ? values : [] });
      return query(text, values);
    };
  });
  return {
    db,
    async record(fn) {
      current = [];
      try {
        const result = await fn();
        return { result, statements: current };
      } finally {
        current = null;
      }
    },
    close: () => db.close(),
  };
}

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback)\b/i;
const AUDIT_STATEMENT = /"audit_(heads|events)"/;

/** The recorded transaction without its begin/commit and its audit statements (replaced on replay). */
export function replayable(statements: readonly Statement[]): Statement[] {
  return statements.filter((s) => !TRANSACTION_CONTROL.test(s.text) && !AUDIT_STATEMENT.test(s.text));
}

/** Replay one recorded transaction on its own client, then the fresh audit append, in one transaction. */
export async function replay(pool: pg.Pool, statements: readonly Statement[], municipalityId: string, audit: readonly RawAuditRow[]): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    for (const s of statements) await c.query(s.text, s.values);
    await appendAuditRaw(c, municipalityId, audit);
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  } finally {
    c.release();
  }
}
