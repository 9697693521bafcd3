// `npm run seed:scale -- --children N --municipalities M [--years 3] [--seed 1] [--today YYYY-MM-DD]
//                        [--password PW] [--check-fks during|after] [--parallel 2]`
// Synthetic municipalities for the scale benchmarks (issue 4 "Speed", issue 6), bulk-loaded
// with COPY into the PostgreSQL named by DATABASE_URL after migrating it.
//
// COPY into a table with row-level security needs a role that bypasses it (a superuser, or
// BYPASSRLS): this is an owner's bulk load, like a restore, not a user's action — so it writes
// no audit rows (the chain of each new municipality starts with its first real use).
// One transaction per municipality: a failed load leaves no half municipality behind.
//
// --check-fks after (the default; a superuser's only): foreign keys are not checked row by row
// while loading (session_replication_role = replica, as pg_restore --disable-triggers does)
// but afterwards, set-based, for every foreign key of every loaded table, inside the same
// transaction; a violation rolls the municipality back. --check-fks during leaves PostgreSQL's
// per-row checks on (slower; the only mode when a loaded table has triggers of its own).
// --parallel 2 (the default) loads two municipalities at once on two connections.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { dayInCopenhagen, isValidDay } from '../domain/calendar.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { buildMunicipality, planMunicipalities, type MunicipalityCounts, type MunicipalityPlan, type ScaleOptions, type TableRows } from './scale-data.ts';

export type FkMode = 'during' | 'after';

export interface SeedScaleOptions extends Omit<ScaleOptions, 'passwordHash'> {
  password?: string | null;
  checkFks?: FkMode;
  /** Municipalities loaded at once, each on its own connection (the pool must hold that many). */
  parallel?: number;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

export interface SeedScaleResult {
  municipalities: { id: string; code: string; name: string; counts: MunicipalityCounts }[];
  totals: MunicipalityCounts;
  seconds: number;
  generateSeconds: number;
  loadSeconds: number;
  checkFks: FkMode;
}

const LINES_PER_CHUNK = 8192;

function* chunks(lines: readonly string[]): Generator<string> {
  for (let i = 0; i < lines.length; i += LINES_PER_CHUNK) yield `${lines.slice(i, i + LINES_PER_CHUNK).join('\n')}\n`;
}

async function copyInto(client: pg.PoolClient, rows: TableRows): Promise<void> {
  if (rows.lines.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${rows.table} (${rows.columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks(rows.lines)), stream);
}

/**
 * Every foreign key of the loaded tables as a set difference: the municipality's keys in the
 * referencing table EXCEPT the keys of the referenced rows, both sides narrowed to the
 * municipality (every tenant key leads with municipality_id). Hashing two key sets stays
 * linear whatever the planner's statistics say right after a bulk load; a per-row anti-join
 * did not (minutes for one table with stale statistics).
 */
async function foreignKeyChecks(client: pg.PoolClient, tables: readonly string[]): Promise<{ name: string; sql: string }[]> {
  const res = await client.query<{ name: string; child: string; parent: string; child_cols: string[]; parent_cols: string[] }>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
            array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS child_cols,
            array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS parent_cols
       FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1::text[])`,
    [tables],
  );
  return res.rows.map((fk) => {
    const tenantAt = fk.child_cols.indexOf('municipality_id');
    const parentScope = tenantAt >= 0 ? `WHERE ${fk.parent_cols[tenantAt]} = $1` : '';
    return {
      name: `${fk.child}.${fk.name}`,
      sql:
        `SELECT count(*)::int AS n FROM (SELECT ${fk.child_cols.join(', ')} FROM ${fk.child} WHERE municipality_id = $1 AND ${fk.child_cols.map((c) => `${c} IS NOT NULL`).join(' AND ')} ` +
        `EXCEPT SELECT ${fk.parent_cols.join(', ')} FROM ${fk.parent} ${parentScope}) orphans`,
    };
  });
}

/** Tables with triggers other than PostgreSQL's own foreign-key triggers cannot be loaded with triggers off. */
async function tablesWithOwnTriggers(client: pg.PoolClient, tables: readonly string[]): Promise<string[]> {
  const res = await client.query<{ t: string }>(
    `SELECT DISTINCT tgrelid::regclass::text AS t FROM pg_trigger WHERE NOT tgisinternal AND tgrelid::regclass::text = ANY($1::text[])`,
    [tables],
  );
  return res.rows.map((r) => r.t);
}

/** Free three-digit municipality codes, lowest first (real codes and the demo's 999 are just taken ones). */
async function freeCodes(client: pg.PoolClient, count: number): Promise<string[]> {
  const taken = new Set((await client.query<{ code: string }>('SELECT code FROM municipalities')).rows.map((r) => r.code));
  const free: string[] = [];
  for (let c = 100; c <= 999 && free.length < count; c += 1) if (!taken.has(String(c))) free.push(String(c));
  if (free.length < count) throw new Error(`only ${free.length} free municipality codes left, ${count} needed`);
  return free;
}

const zero = (): MunicipalityCounts => ({ districts: 0, institutions: 0, groups: 0, staff: 0, children: 0, custodyHolders: 0, enrolments: 0, rounds: 0, ratings: 0 });

export async function seedScale(pool: pg.Pool, opts: SeedScaleOptions): Promise<SeedScaleResult> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = performance.now();
  const client = await pool.connect();
  let generateMs = 0;
  let loadMs = 0;
  try {
    const role = (await client.query<{ super: boolean; bypass: boolean }>('SELECT rolsuper AS super, rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user')).rows[0];
    if (!role?.super && !role?.bypass) throw new Error('seed:scale loads with COPY and needs a role that bypasses row-level security (a superuser or BYPASSRLS): set DATABASE_URL to such a role');
    const passwordHash = opts.password ? await hashPassword(opts.password) : null;
    const plans = planMunicipalities(opts, await freeCodes(client, opts.municipalities));
    const clash = await client.query('SELECT code FROM municipalities WHERE id = ANY($1::uuid[])', [plans.map((p) => p.id)]);
    if (clash.rowCount) throw new Error(`this database already holds the municipalities of seed ${opts.seed}: use another --seed or a fresh database`);

    // Only a superuser may turn the foreign-key triggers off.
    let checkFks: FkMode = role.super ? (opts.checkFks ?? 'after') : 'during';
    const results: SeedScaleResult['municipalities'] = [];
    const totals = zero();
    let fkChecks: { name: string; sql: string }[] | null = null;

    const loadOne = async (c: pg.PoolClient, plan: MunicipalityPlan) => {
      const t0 = performance.now();
      const data = buildMunicipality(plan, { years: opts.years, seed: opts.seed, today: opts.today, passwordHash });
      const t1 = performance.now();
      generateMs += t1 - t0;
      const tables = data.tables.map((x) => x.table);
      if (checkFks === 'after' && (await tablesWithOwnTriggers(c, tables)).length) checkFks = 'during';
      const mode = checkFks;
      await c.query('BEGIN');
      try {
        await c.query('SET LOCAL synchronous_commit = off');
        await c.query(`SET LOCAL work_mem = '128MB'`);
        if (mode === 'after') await c.query('SET LOCAL session_replication_role = replica');
        await c.query('INSERT INTO municipalities (id, code, name) VALUES ($1, $2, $3)', [plan.id, plan.code, plan.name]);
        await c.query(`INSERT INTO municipality_settings (municipality_id, settings) VALUES ($1, '{}'::jsonb)`, [plan.id]);
        for (const rows of data.tables) {
          const s = performance.now();
          await copyInto(c, rows);
          if (rows.lines.length >= 100_000) log(`  ${plan.code} ${rows.table}: ${rows.lines.length.toLocaleString('da-DK')} rækker på ${((performance.now() - s) / 1000).toFixed(1)} s`);
        }
        if (mode === 'after') {
          await c.query('SET LOCAL session_replication_role = origin');
          fkChecks ??= await foreignKeyChecks(c, tables);
          for (const fk of fkChecks) {
            const n = (await c.query<{ n: number }>(fk.sql, [plan.id])).rows[0]!.n;
            if (n > 0) throw new Error(`foreign key ${fk.name}: ${n} rows without their referenced row`);
          }
        }
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK');
        throw err;
      }
      loadMs += performance.now() - t1;
      for (const k of Object.keys(totals) as (keyof MunicipalityCounts)[]) totals[k] += data.counts[k];
      results.push({ id: plan.id, code: plan.code, name: plan.name, counts: data.counts });
      const elapsed = (performance.now() - started) / 1000;
      const left = (opts.children - totals.children) / (totals.children / elapsed);
      log(
        `[${results.length}/${plans.length}] ${plan.name}: ${data.counts.children.toLocaleString('da-DK')} børn, ${data.counts.ratings.toLocaleString('da-DK')} vurderinger ` +
          `(dannet ${((t1 - t0) / 1000).toFixed(1)} s, indlæst ${((performance.now() - t1) / 1000).toFixed(1)} s) · i alt ${totals.children.toLocaleString('da-DK')} børn, ${elapsed.toFixed(0)} s` +
          (results.length < plans.length ? `, ca. ${left.toFixed(0)} s tilbage` : ''),
      );
    };

    // Municipalities are independent: with two connections PostgreSQL uses both cores while
    // one municipality is checked and committed and the next is generated and streamed.
    const queue = [...plans];
    let failure: unknown;
    const workers = Math.max(1, Math.min(opts.parallel ?? 1, plans.length));
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        const c = w === 0 ? client : await pool.connect();
        try {
          for (let plan = queue.shift(); plan && failure === undefined; plan = queue.shift()) {
            await loadOne(c, plan).catch((err: unknown) => {
              failure ??= err;
            });
          }
        } finally {
          if (c !== client) c.release();
        }
      }),
    );
    if (failure !== undefined) throw failure;
    results.sort((a, b) => plans.findIndex((p) => p.id === a.id) - plans.findIndex((p) => p.id === b.id));
    // Fresh statistics, so the first queries after a bulk load get sensible plans.
    const s = performance.now();
    await client.query('ANALYZE');
    log(`ANALYZE ${((performance.now() - s) / 1000).toFixed(1)} s`);
    return { municipalities: results, totals, seconds: (performance.now() - started) / 1000, generateSeconds: generateMs / 1000, loadSeconds: loadMs / 1000, checkFks };
  } finally {
    client.release();
  }
}

function usage(message: string): never {
  process.stderr.write(`${message}\nBrug: DATABASE_URL=postgres://… npm run seed:scale -- --children N --municipalities M [--years 3] [--seed 1] [--today ÅÅÅÅ-MM-DD] [--password PW] [--check-fks after|during] [--parallel 2]\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      children: { type: 'string' },
      municipalities: { type: 'string', default: '1' },
      years: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      today: { type: 'string' },
      password: { type: 'string' },
      'check-fks': { type: 'string', default: 'after' },
      parallel: { type: 'string', default: '2' },
    },
  });
  const children = Number(values.children);
  const municipalities = Number(values.municipalities);
  const years = Number(values.years);
  const seed = Number(values.seed);
  const today = values.today ?? dayInCopenhagen(new Date());
  if (!Number.isInteger(children) || children < 1) usage('--children skal være et positivt heltal');
  if (!Number.isInteger(municipalities) || municipalities < 1 || municipalities > 800) usage('--municipalities skal være 1–800');
  if (!Number.isInteger(years) || years < 1 || years > 10) usage('--years skal være 1–10');
  if (!Number.isInteger(seed)) usage('--seed skal være et heltal');
  if (!isValidDay(today)) usage('--today skal være en dato ÅÅÅÅ-MM-DD');
  const parallel = Number(values.parallel);
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 8) usage('--parallel skal være 1–8');
  if (values['check-fks'] !== 'after' && values['check-fks'] !== 'during') usage('--check-fks skal være after eller during');
  const url = process.env.DATABASE_URL;
  if (!url) usage('DATABASE_URL skal pege på en PostgreSQL (en rolle der må omgå row-level security, fx superbruger)');

  const db = await openDatabase({ url, poolSize: parallel });
  try {
    const applied = await migrate(db.pool);
    if (applied.length) process.stderr.write(`Migreringer kørt: ${applied.join(', ')}\n`);
    const r = await seedScale(db.pool, { children, municipalities, years, seed, today, password: values.password ?? null, checkFks: values['check-fks'], parallel });
    const t = r.totals;
    process.stdout.write(
      `${r.municipalities.length} kommuner, ${t.children} børn, ${t.custodyHolders} forældremyndighedsindehavere, ${t.enrolments} indskrivninger, ` +
        `${t.staff} medarbejdere, ${t.groups} grupper, ${t.rounds} runder, ${t.ratings} vurderinger på ${r.seconds.toFixed(1)} s ` +
        `(dannet ${r.generateSeconds.toFixed(1)} s, indlæst ${r.loadSeconds.toFixed(1)} s${parallel > 1 ? ` lagt sammen over ${parallel} forbindelser` : ''}; fremmednøgler kontrolleret ${r.checkFks === 'after' ? 'bagefter' : 'undervejs'})\n`,
    );
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
