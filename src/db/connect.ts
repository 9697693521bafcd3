// One way to open the database: embedded PGlite (default) or PostgreSQL (DATABASE_URL).
import fs from 'node:fs';
import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import type { DB } from './types.ts';

export interface Database {
  kysely: Kysely<DB>;
  pool: pg.Pool;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

// DATE columns stay 'YYYY-MM-DD' strings: a date is a calendar day, not an instant.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// bigint counters (audit seq, counts) fit in a JS number for our sizes.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function kyselyFor(pool: pg.Pool): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

export async function openDatabase(opts: { url?: string; dataDir?: string; poolSize?: number }): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, connectionTimeoutMillis: 5000 });
    // A dropped connection (database restart or kill) must not crash the process: the pool's
    // listener covers idle clients; a checked-out client emits 'error' itself, and an 'error'
    // nobody listens to ends the process. The query in flight still rejects (answered 503) and
    // the pool drops the broken client on release.
    pool.on('error', () => {});
    const listening = new WeakSet<object>();
    pool.on('acquire', (client) => {
      if (listening.has(client)) return;
      listening.add(client);
      client.on('error', () => {});
    });
    const kysely = kyselyFor(pool);
    return {
      kysely,
      pool,
      kind: 'postgres',
      // Kysely ends only a pool it has used itself; migrations use the pool directly.
      async close() {
        await kysely.destroy();
        if (!pool.ended) await pool.end();
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const dataDir = opts.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  // PGlite is a single connection: a pool of one serialises transactions, so never
  // run a query outside the transaction handle while one is open.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 } as pg.PoolConfig);
  const kysely = kyselyFor(pool);
  return {
    kysely,
    pool,
    kind: 'pglite',
    async close() {
      await kysely.destroy();
      await pglite.close();
    },
  };
}
