// SQL snapshots of the hot screening queries (a group's list in a round): a changed query shows
// up in review as a diff of repo.snapshot.sql. Regenerate with UPDATE_SNAPSHOTS=1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { CamelCasePlugin, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Transaction } from 'kysely';
import { staffActor } from '../../access/actor.ts';
import { Scope } from '../../access/scope.ts';
import type { DB } from '../../db/types.ts';
import { groupChildrenQuery, ratingsInRoundQuery } from './repo.ts';

const SNAPSHOT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'repo.snapshot.sql');

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

describe('screening query snapshot', () => {
  it("a group's list in a round is the reviewed query", () => {
    const actor = staffActor({ municipalityId: 'm', userId: 'u', displayName: 'x', memberships: [] });
    const scope = new Scope(db as unknown as Transaction<DB>, actor, new Date('2026-03-10T10:00:00Z'));
    const parts = [
      ['groupChildren', groupChildrenQuery(scope, 'g', '2026-03-10').compile()],
      ['ratingsInRound', ratingsInRoundQuery(scope, 'r', ['c1', 'c2']).compile()],
    ] as const;
    const text = parts.map(([name, c]) => `-- ${name} (src/modules/screening/repo.ts); parameters: ${JSON.stringify(c.parameters)}\n${c.sql}\n`).join('\n');
    if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(SNAPSHOT)) fs.writeFileSync(SNAPSHOT, text);
    assert.equal(text, fs.readFileSync(SNAPSHOT, 'utf8'));
  });
});
