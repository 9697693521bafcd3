import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogViolations, type Queryable } from './catalog.ts';
import { testDatabase, testPglite } from './harness.ts';

/**
 * Reference/registry tables: the only tables in `public` allowed without municipality_id.
 * A shared lookup (law paragraphs, default scales) belongs here; tenant data never does.
 * Adding a name is a design decision: say why in the migration that creates the table.
 */
const REFERENCE_TABLES = [
  'municipalities', // the tenant registry itself (the log-in page lists it)
  'schema_migrations', // bookkeeping of src/db/migrate.ts
];

const engines = [
  {
    name: 'PostgreSQL',
    async open(): Promise<{ q: Queryable; close(): Promise<void> }> {
      const env = await testDatabase();
      return { q: env.db.pool, close: env.close };
    },
  },
  {
    name: 'PGlite',
    async open(): Promise<{ q: Queryable; close(): Promise<void> }> {
      const db = await testPglite();
      return { q: db.pool, close: () => db.close() };
    },
  },
];

const isolate = (t: string) => `
  ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
  ALTER TABLE ${t} FORCE ROW LEVEL SECURITY;
  CREATE POLICY tenant_isolation ON ${t} USING (municipality_id = nullif(current_setting('app.municipality_id', true), '')::uuid);`;

// One deliberate fault per table (named bad_*), next to tables that get everything right.
const BAD_SCHEMA = `
  CREATE TABLE good_parent (municipality_id uuid NOT NULL REFERENCES municipalities (id), id uuid NOT NULL,
    code text NOT NULL, PRIMARY KEY (municipality_id, id), UNIQUE (municipality_id, code));
  ${isolate('good_parent')}
  CREATE TABLE good_child (municipality_id uuid NOT NULL, id uuid NOT NULL, parent_id uuid NOT NULL,
    PRIMARY KEY (municipality_id, id), FOREIGN KEY (municipality_id, parent_id) REFERENCES good_parent (municipality_id, id));
  CREATE UNIQUE INDEX good_child_parent ON good_child (municipality_id, parent_id);
  ${isolate('good_child')}
  CREATE VIEW good_view WITH (security_invoker = true) AS SELECT * FROM good_parent;

  CREATE TABLE bad_no_rls (municipality_id uuid NOT NULL, id uuid NOT NULL, PRIMARY KEY (municipality_id, id));

  CREATE TABLE bad_not_forced (municipality_id uuid NOT NULL, id uuid NOT NULL, PRIMARY KEY (municipality_id, id));
  ALTER TABLE bad_not_forced ENABLE ROW LEVEL SECURITY;
  CREATE POLICY tenant_isolation ON bad_not_forced USING (municipality_id = current_setting('app.municipality_id')::uuid);

  CREATE TABLE bad_policy_name (municipality_id uuid NOT NULL, id uuid NOT NULL, PRIMARY KEY (municipality_id, id));
  ALTER TABLE bad_policy_name ENABLE ROW LEVEL SECURITY;
  ALTER TABLE bad_policy_name FORCE ROW LEVEL SECURITY;
  CREATE POLICY tenant ON bad_policy_name USING (municipality_id = current_setting('app.municipality_id')::uuid);

  CREATE TABLE bad_open_policy (municipality_id uuid NOT NULL, id uuid NOT NULL, PRIMARY KEY (municipality_id, id));
  ${isolate('bad_open_policy')}
  CREATE POLICY everyone ON bad_open_policy USING (true);

  CREATE TABLE bad_pk (municipality_id uuid NOT NULL, id uuid NOT NULL, PRIMARY KEY (id, municipality_id));
  ${isolate('bad_pk')}

  CREATE TABLE bad_no_pk (municipality_id uuid NOT NULL, id uuid NOT NULL);
  ${isolate('bad_no_pk')}

  CREATE TABLE bad_unique (municipality_id uuid NOT NULL, id uuid NOT NULL, code text NOT NULL,
    PRIMARY KEY (municipality_id, id), CONSTRAINT bad_unique_code UNIQUE (code));
  CREATE UNIQUE INDEX bad_unique_lower ON bad_unique (lower(code), municipality_id);
  ${isolate('bad_unique')}

  CREATE TABLE bad_fk (municipality_id uuid NOT NULL, id uuid NOT NULL, parent_id uuid NOT NULL,
    PRIMARY KEY (municipality_id, id),
    CONSTRAINT bad_fk_parent FOREIGN KEY (parent_id, municipality_id) REFERENCES good_parent (id, municipality_id));
  ${isolate('bad_fk')}

  CREATE TABLE bad_type (municipality_id text NOT NULL, id uuid NOT NULL, PRIMARY KEY (municipality_id, id));
  ALTER TABLE bad_type ENABLE ROW LEVEL SECURITY;
  ALTER TABLE bad_type FORCE ROW LEVEL SECURITY;
  CREATE POLICY tenant_isolation ON bad_type USING (municipality_id = current_setting('app.municipality_id'));

  CREATE TABLE bad_no_tenant (id uuid PRIMARY KEY, name text);

  CREATE TABLE bad_reference (id uuid PRIMARY KEY, m uuid, p uuid,
    CONSTRAINT bad_reference_p FOREIGN KEY (m, p) REFERENCES good_parent (municipality_id, id));

  CREATE VIEW bad_view AS SELECT * FROM good_parent;
`;

const EXPECTED = [
  'bad_no_rls: row-level security is not enabled',
  'bad_no_rls: row-level security is not forced',
  'bad_no_rls: no policy named tenant_isolation',
  'bad_not_forced: row-level security is not forced',
  'bad_policy_name: no policy named tenant_isolation',
  'bad_open_policy: policy everyone does not reference app.municipality_id',
  'bad_pk: primary key bad_pk_pkey (id, municipality_id) is not led by municipality_id',
  'bad_no_pk: no primary key',
  'bad_unique: unique index bad_unique_code (code) is not led by municipality_id',
  'bad_unique: unique index bad_unique_lower (lower(code), municipality_id) is not led by municipality_id',
  'bad_fk: foreign key bad_fk_parent (parent_id, municipality_id) -> good_parent (id, municipality_id) is not led by municipality_id',
  'bad_type: municipality_id must be uuid not null',
  'bad_no_tenant: no municipality_id column and not an allowed reference/registry table',
  'bad_reference: reference table has foreign key bad_reference_p into tenant table good_parent',
  'bad_view: view is not security_invoker',
];

for (const engine of engines) {
  describe(`the catalog check on ${engine.name}`, () => {
    it('finds no violation of the data rules in the migrated schema', async () => {
      const { q, close } = await engine.open();
      try {
        assert.deepEqual(await catalogViolations(q, REFERENCE_TABLES), []);
      } finally {
        await close();
      }
    });

    it('reports each kind of violation, and nothing about tables that follow the rules', async () => {
      const { q, close } = await engine.open();
      try {
        await q.query(BAD_SCHEMA);
        const found = await catalogViolations(q, [...REFERENCE_TABLES, 'bad_reference']);
        for (const expected of EXPECTED) {
          assert.ok(
            found.some((v) => v.startsWith(expected)),
            `expected a violation starting with\n  ${expected}\nfound:\n  ${found.join('\n  ')}`,
          );
        }
        assert.deepEqual(
          found.filter((v) => !v.startsWith('bad_')),
          [],
          'tables that follow the rules are not reported',
        );
      } finally {
        await close();
      }
    });
  });
}
