// SQL snapshots of hot queries: a changed query shows up in review as a diff of the snapshot
// file beside its repository. Regenerate with UPDATE_SNAPSHOTS=1 after an intended change.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { CamelCasePlugin, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type CompiledQuery, type Transaction } from 'kysely';
import type { DB } from '../src/db/types.ts';

/** A Kysely that only compiles (no database): the same dialect and plugins as the app. */
export const compileOnly = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
  plugins: [new CamelCasePlugin()],
}) as unknown as Transaction<DB>;

/** Compare the named compiled queries with the snapshot file (written when missing). */
export function assertSqlSnapshot(file: string, source: string, queries: [name: string, query: CompiledQuery][]): void {
  const text = queries.map(([name, q]) => `-- ${name} (${source}); parameters: ${JSON.stringify(q.parameters)}\n${q.sql}\n`).join('\n');
  if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(file)) fs.writeFileSync(file, text);
  assert.equal(text, fs.readFileSync(file, 'utf8'));
}
