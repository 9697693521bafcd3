// "The same queries through `pg`": a baseline that cannot drift from the code. A request is
// served once in-process (app.inject) on a recording connection; every statement it sends —
// the session's transaction and the route's — is kept with its parameters and later replayed
// straight through `pg`, transaction by transaction, with the audit append done afresh each
// time (a replayed audit row would collide with the chain). What the HTTP side adds on top is
// then exactly the server's own work: HTTP, routing, validation, query building, serialisation.
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

const BEGIN = /^\s*begin\b/i;
const END = /^\s*(commit|rollback)\b/i;
const AUDIT_STATEMENT = /"audit_(heads|events)"/;

/** One recorded transaction: its statements without begin/commit and without the audit append. */
export interface RecordedTransaction {
  statements: Statement[];
  /** Whether it appended audit rows (replaced by a fresh append on replay). */
  audited: boolean;
}

/** Split what was sent into its transactions, in order (a statement outside one is its own). */
export function transactionsOf(statements: readonly Statement[]): RecordedTransaction[] {
  const out: RecordedTransaction[] = [];
  let open: RecordedTransaction | null = null;
  for (const s of statements) {
    if (BEGIN.test(s.text)) {
      open = { statements: [], audited: false };
      out.push(open);
    } else if (END.test(s.text)) {
      open = null;
    } else if (AUDIT_STATEMENT.test(s.text)) {
      (open ?? out[out.length - 1]!).audited = true;
    } else if (open) {
      open.statements.push(s);
    } else {
      out.push({ statements: [s], audited: false });
    }
  }
  return out;
}

/** Replay recorded transactions on one client, each in its own transaction, with a fresh audit append where there was one. */
export async function replay(pool: pg.Pool, transactions: readonly RecordedTransaction[], municipalityId: string, audit: readonly RawAuditRow[]): Promise<void> {
  const c = await pool.connect();
  try {
    for (const t of transactions) {
      await c.query('BEGIN');
      try {
        for (const s of t.statements) await c.query(s.text, s.values);
        if (t.audited) await appendAuditRaw(c, municipalityId, audit);
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    c.release();
  }
}
