// The data rules of docs/architecture.md ("Data rules"), checked against the live catalog
// of a migrated database, so a migration cannot quietly break tenant isolation or the
// Citus path (distribution by municipality_id needs it to lead every key).
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

const TENANT = 'municipality_id';
const SETTING = 'app.municipality_id';

interface TableRow {
  oid: string;
  name: string;
  kind: string;
  rls: boolean;
  forced: boolean;
  tenant: boolean;
  tenant_type: string | null;
  tenant_not_null: boolean | null;
  options: string[] | null;
}

/**
 * Violations of the data rules in schema `public`, one readable line each, sorted.
 * `referenceTables`: tables allowed to have no municipality_id (shared lookups, registries).
 */
export async function catalogViolations(db: Queryable, referenceTables: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const tables: TableRow[] = (
    await db.query(
      `SELECT c.oid::text AS oid, c.relname AS name, c.relkind::text AS kind,
              c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              a.attname IS NOT NULL AS tenant, format_type(a.atttypid, a.atttypmod) AS tenant_type,
              a.attnotnull AS tenant_not_null, c.reloptions::text[] AS options
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
         LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = $1 AND NOT a.attisdropped
        WHERE c.relkind IN ('r', 'p', 'v', 'm')
        ORDER BY c.relname`,
      [TENANT],
    )
  ).rows;
  const byOid = new Map(tables.map((t) => [t.oid, t]));

  // Policies are OR-ed when permissive, so each permissive one must be tenant-bound itself.
  const policies: { table: string; name: string; permissive: boolean; expr: string }[] = (
    await db.query(
      `SELECT p.polrelid::text AS table, p.polname AS name, p.polpermissive AS permissive,
              coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') AS expr
         FROM pg_policy p`,
    )
  ).rows;

  // Keys as (first column, all columns) text, read through pg_get_indexdef so that
  // expression columns show up as expressions rather than as attribute 0.
  const indexes: { table: string; name: string; primary: boolean; exclusion: boolean; first: string; columns: string }[] = (
    await db.query(
      `SELECT i.indrelid::text AS table, ic.relname AS name, i.indisprimary AS primary, i.indisexclusion AS exclusion,
              pg_get_indexdef(i.indexrelid, 1, true) AS first,
              array_to_string(ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true)
                                      FROM generate_series(1, i.indnkeyatts) k ORDER BY k), ', ') AS columns
         FROM pg_index i
         JOIN pg_class ic ON ic.oid = i.indexrelid
         JOIN pg_namespace n ON n.oid = ic.relnamespace AND n.nspname = 'public'
        WHERE i.indisunique OR i.indisexclusion`,
    )
  ).rows;

  const foreignKeys: { table: string; name: string; target: string; columns: string; targetColumns: string }[] = (
    await db.query(
      `SELECT c.conrelid::text AS table, c.conname AS name, c.confrelid::text AS target,
              array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o), ', ') AS columns,
              array_to_string(ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                                      JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o), ', ') AS "targetColumns"
         FROM pg_constraint c
         JOIN pg_namespace n ON n.oid = c.connamespace AND n.nspname = 'public'
        WHERE c.contype = 'f'`,
    )
  ).rows;

  for (const t of tables) {
    if (t.kind === 'v') {
      // A view runs with its owner's rights; owned by a superuser it would bypass RLS.
      const invoker = (t.options ?? []).some((o) => /^security_invoker=(true|on|yes|1)$/i.test(o));
      if (!invoker) out.push(`${t.name}: view is not security_invoker (it would read tables with its owner's rights, past RLS)`);
      continue;
    }
    if (t.kind === 'm') {
      if (t.tenant) out.push(`${t.name}: materialized view with ${TENANT} (no row-level security possible)`);
      else if (!referenceTables.includes(t.name)) out.push(`${t.name}: materialized view is not an allowed reference table`);
      continue;
    }
    if (!t.tenant) {
      if (!referenceTables.includes(t.name)) {
        out.push(`${t.name}: no ${TENANT} column and not an allowed reference/registry table`);
      }
      continue;
    }
    if (t.tenant_type !== 'uuid' || !t.tenant_not_null) {
      out.push(`${t.name}: ${TENANT} must be uuid not null (is ${t.tenant_type}${t.tenant_not_null ? ' not null' : ''})`);
    }
    if (!t.rls) out.push(`${t.name}: row-level security is not enabled`);
    if (!t.forced) out.push(`${t.name}: row-level security is not forced (the owner would bypass it)`);
    const own = policies.filter((p) => p.table === t.oid);
    const isolation = own.find((p) => p.name === 'tenant_isolation');
    if (!isolation) out.push(`${t.name}: no policy named tenant_isolation`);
    for (const p of own) {
      if (p.permissive && !p.expr.includes(SETTING)) {
        out.push(`${t.name}: policy ${p.name} does not reference ${SETTING}`);
      }
    }
    const keys = indexes.filter((i) => i.table === t.oid);
    if (!keys.some((k) => k.primary)) out.push(`${t.name}: no primary key`);
    for (const k of keys) {
      if (k.first === TENANT) continue;
      const what = k.primary ? 'primary key' : k.exclusion ? 'exclusion constraint' : 'unique index';
      out.push(`${t.name}: ${what} ${k.name} (${k.columns}) is not led by ${TENANT}`);
    }
  }

  for (const fk of foreignKeys) {
    const from = byOid.get(fk.table);
    const to = byOid.get(fk.target);
    if (!from) continue; // a table outside public: not ours to judge
    if (from.tenant) {
      // Reference tables (no municipality_id) are replicated on Citus: any key may point at them.
      if (to && !to.tenant) continue;
      if (fk.columns.split(', ')[0] !== TENANT || fk.targetColumns.split(', ')[0] !== TENANT) {
        out.push(
          `${from.name}: foreign key ${fk.name} (${fk.columns}) -> ${to?.name ?? fk.target} (${fk.targetColumns}) is not led by ${TENANT}`,
        );
      }
    } else if (to?.tenant) {
      out.push(`${from.name}: reference table has foreign key ${fk.name} into tenant table ${to.name}`);
    }
  }
  return out.sort();
}
