// SQL snapshots of the hot access queries: a changed query shows up in review as a diff of
// relations.snapshot.sql. Regenerate with UPDATE_SNAPSHOTS=1 after an intended change.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { Kysely, PostgresAdapter, DummyDriver, PostgresIntrospector, PostgresQueryCompiler, CamelCasePlugin, type Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { staffActor } from './actor.ts';
import { childAccessSql } from './relations.ts';

const SNAPSHOT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'relations.snapshot.sql');

// Compile only: no database needed to see the SQL.
const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
  plugins: [new CamelCasePlugin()],
});

describe('access query snapshot', () => {
  it('the child access query is the reviewed one', () => {
    const actor = staffActor({ municipalityId: 'm', userId: 'u', displayName: 'x', memberships: [] });
    const compiled = childAccessSql(db as unknown as Transaction<DB>, actor, '2026-11-23');
    const text = `-- childAccessQuery (src/access/relations.ts); parameters: ${JSON.stringify(compiled.parameters)}\n${compiled.sql}\n`;
    if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(SNAPSHOT)) fs.writeFileSync(SNAPSHOT, text);
    assert.equal(text, fs.readFileSync(SNAPSHOT, 'utf8'));
  });
});
