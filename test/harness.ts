// Test harness: a fresh PostgreSQL database per test file (cloned from the migrated
// template that scripts/test.mjs prepares), an in-memory PGlite, the app, a movable clock.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Clock } from '../src/access/scope.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import type { App } from '../src/http/types.ts';

export interface TestDatabase {
  url: string;
  db: Database;
  close(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set: run the tests through `npm test` (or `node scripts/test.mjs <filter>`), ' +
        'which starts a throw-away PostgreSQL and prepares the template database.',
    );
  }
  return url;
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A new database of its own, so test files running in parallel never see each other's rows.
 * `template: 'template0'` gives an empty, unmigrated database (for migration tests).
 */
export async function testDatabase(opts: { template?: string } = {}): Promise<TestDatabase> {
  const template = opts.template ?? process.env.TIDLIG_TEST_TEMPLATE ?? 'tidlig_template';
  const name = `tidlig_t_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE ${c.escapeIdentifier(template)}`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 10 });
  let closed = false;
  return {
    url: url.toString(),
    db,
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}

/** The embedded default (in-memory PGlite), migrated: for checks that must hold on both engines. */
export async function testPglite(): Promise<Database> {
  const db = await openDatabase({});
  await migrate(db.pool);
  return db;
}

/** A database on either engine the product runs on: module tests run on both. */
export async function databaseFor(engine: 'postgres' | 'pglite'): Promise<{ db: Database; close(): Promise<void> }> {
  if (engine === 'postgres') {
    const env = await testDatabase();
    return { db: env.db, close: env.close };
  }
  const db = await testPglite();
  return { db, close: () => db.close() };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), demo: false, logLevel: 'silent', ...overrides };
}

export interface FixedClock extends Clock {
  set(d: Date): void;
  advance(ms: number): void;
}

/** A clock that only moves when told: session timeouts, lockouts and deadlines become testable. */
export function fixedClock(start: Date): FixedClock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set(d) {
      t = d.getTime();
    },
    advance(ms) {
      t += ms;
    },
  };
}

/** The app on a given database, or on a fresh PostgreSQL database that close() drops again. */
export async function testApp(opts: { db?: Database; config?: Partial<Config>; clock?: Clock } = {}): Promise<{
  app: App;
  db: Database;
  close(): Promise<void>;
}> {
  const owned = opts.db ? undefined : await testDatabase();
  const db = opts.db ?? owned!.db;
  try {
    const app = await buildApp({ config: testConfig(opts.config), db, clock: opts.clock });
    return {
      app,
      db,
      async close() {
        await app.close();
        await owned?.close();
      },
    };
  } catch (err) {
    await owned?.close();
    throw err;
  }
}
