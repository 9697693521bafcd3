import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabase, testPglite } from '../../test/harness.ts';
import { openDatabase } from './connect.ts';
import { migrate, readMigrations, type Migration } from './migrate.ts';

// template0: an empty database, so these tests see migrations from the very start.
const emptyDatabase = () => testDatabase({ template: 'template0' });

async function recorded(pool: { query(sql: string): Promise<{ rows: { name: string }[] }> }): Promise<string[]> {
  return (await pool.query('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => r.name);
}

async function tableExists(pool: { query(sql: string, v: unknown[]): Promise<{ rowCount: number | null }> }, name: string) {
  return (await pool.query('SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2', ['public', name])).rowCount === 1;
}

describe('migrations', () => {
  const all = readMigrations().map((m) => m.name);

  it('there is at least one migration and the names sort in order', () => {
    assert.ok(all.length > 0);
    assert.deepEqual([...all].sort(), all);
  });

  it('apply on a fresh database, are recorded, and a second run applies nothing', async () => {
    const env = await emptyDatabase();
    try {
      assert.deepEqual(await migrate(env.db.pool), all);
      assert.deepEqual(await recorded(env.db.pool), all);
      assert.deepEqual(await migrate(env.db.pool), []);
      assert.deepEqual(await recorded(env.db.pool), all);
    } finally {
      await env.close();
    }
  });

  it('apply on PGlite too, and a second run applies nothing', async () => {
    const db = await testPglite();
    try {
      assert.deepEqual(await recorded(db.pool), all);
      assert.deepEqual(await migrate(db.pool), []);
    } finally {
      await db.close();
    }
  });

  it('two instances migrating the same fresh database at once apply each migration exactly once', async () => {
    const env = await emptyDatabase();
    const other = await openDatabase({ url: env.url, poolSize: 1 });
    // The first migration is slow and not idempotent, so without the lock the runs would
    // overlap and the second CREATE TABLE would fail.
    const slow: Migration[] = [
      ...readMigrations(),
      { name: '9001_slow', sql: 'CREATE TABLE slow_once (x int); SELECT pg_sleep(0.3);' },
      { name: '9002_after', sql: 'CREATE TABLE after_once (x int);' },
    ];
    try {
      const [a, b] = await Promise.all([migrate(env.db.pool, slow), migrate(other.pool, slow)]);
      const expected = slow.map((m) => m.name);
      assert.deepEqual([...a, ...b].sort(), expected, 'each applied by exactly one of the two');
      assert.deepEqual(await recorded(env.db.pool), expected);
    } finally {
      await other.close();
      await env.close();
    }
  });

  it('a failing migration rolls back wholly, is not recorded, and stops the ones after it', async () => {
    const env = await emptyDatabase();
    const pool = env.db.pool;
    const ok: Migration = { name: '0001_ok', sql: 'CREATE TABLE first_ok (x int);' };
    const bad: Migration = { name: '0002_bad', sql: 'CREATE TABLE half_done (x int); SELECT 1 / 0;' };
    const later: Migration = { name: '0003_later', sql: 'CREATE TABLE later (x int);' };
    try {
      await assert.rejects(migrate(pool, [ok, bad, later]), /migration 0002_bad failed: division by zero/);
      assert.deepEqual(await recorded(pool), ['0001_ok']);
      assert.equal(await tableExists(pool, 'first_ok'), true);
      assert.equal(await tableExists(pool, 'half_done'), false, 'the failed migration left nothing behind');
      assert.equal(await tableExists(pool, 'later'), false);

      // The lock was released: a fixed migration applies on the next run.
      const fixed: Migration = { name: '0002_bad', sql: 'CREATE TABLE half_done (x int);' };
      assert.deepEqual(await migrate(pool, [ok, fixed, later]), ['0002_bad', '0003_later']);
      assert.equal(await tableExists(pool, 'half_done'), true);
    } finally {
      await env.close();
    }
  });
});
