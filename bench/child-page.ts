// bench/child-page (issue 6, scale benchmarks 2): the audited read of a child's page —
// GET /api/children/:id (stamdata, current placements, custody holders, why the reader may see
// the child; one audit row) — under load: autocannon with 64 connections against the real
// server in its own process, each connection a pædagog logged in and reading the children of
// their own group, next to the baseline at the same concurrency: the very statements such a
// request sends — its session's transaction and the route's, recorded from the same request
// served in-process (bench/lib/sql-replay.ts) — with a fresh audit append, straight through
// `pg` on a pool as large as the server's (10).
// Goal: throughput ≥ 0.6× the raw baseline, p99 < 50 ms at 64 connections.
// BENCH_CHILDREN (100000), BENCH_CONNECTIONS (64), BENCH_REQUESTS (4000 per block, 2 blocks a
// side after a warm-up block), BENCH_MUNICIPALITIES (1; 98 with 1200000 children is national
// scale, the readers then in the largest), BENCH_DATABASE_URL (a superuser URL of your own server).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { dayInCopenhagen } from '../src/domain/calendar.ts';
import { buildApp } from '../src/http/app.ts';
import { measure, summarise, type Latencies } from './lib/latency.ts';
import { autocannonRun, meanOfBlocks } from './lib/load.ts';
import { scaleDatabase } from './lib/scale-db.ts';
import { loginAs, startServer, type Session } from './lib/server.ts';
import { recordingDatabase, replay, transactionsOf, type RecordedTransaction } from './lib/sql-replay.ts';
import { report, type Figure } from './util.ts';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 100_000);
const MUNICIPALITIES = Number(process.env.BENCH_MUNICIPALITIES ?? 1);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const CHILDREN_PER_READER = 8;
const SERVER_POOL = 10; // src/db/connect.ts's default, which the server runs with
const PASSWORD = 'skala-benchmark-adgangskode';

interface Reader {
  userId: string;
  username: string;
  displayName: string;
  childIds: string[];
  session?: Session;
  /** Per child: the transactions a read of it sends for this reader. */
  recorded?: RecordedTransaction[][];
}

/** Pædagoger of distinct groups with at least CHILDREN_PER_READER children enrolled today. */
async function pickReaders(pool: pg.Pool, municipalityId: string, today: string, count: number): Promise<Reader[]> {
  const res = await pool.query<{ user_id: string; username: string; display_name: string; child_ids: string[] }>(
    `WITH g AS (
       SELECT DISTINCT ON (m.user_id) m.user_id, m.unit_id AS group_id FROM memberships m
        WHERE m.municipality_id = $1 AND m.unit_kind = 'group' AND m.role = 'fagperson' AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to >= $2)
        ORDER BY m.user_id, m.unit_id)
     SELECT g.user_id, u.username, u.display_name,
            ARRAY(SELECT e.child_id FROM enrolments e WHERE e.municipality_id = $1 AND e.group_id = g.group_id AND e.valid_from <= $2 AND (e.valid_to IS NULL OR e.valid_to >= $2)
                   ORDER BY e.child_id LIMIT ${CHILDREN_PER_READER}) AS child_ids
       FROM g JOIN users u ON u.municipality_id = $1 AND u.id = g.user_id
      ORDER BY md5(g.user_id::text)`,
    [municipalityId, today],
  );
  const readers = res.rows.filter((r) => r.child_ids.length === CHILDREN_PER_READER).slice(0, count);
  if (readers.length < count) throw new Error(`only ${readers.length} pædagoger with ${CHILDREN_PER_READER} children, ${count} needed`);
  return readers.map((r) => ({
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    childIds: r.child_ids,
  }));
}

/** Every statement a GET /api/children/:id sends for each of the reader's children (served once, in-process). */
async function recordReads(url: string, readers: Reader[]): Promise<{ statements: number; transactions: number }> {
  const rec = await recordingDatabase(url);
  const app = await buildApp({ config: { ...loadConfig(process.env), logLevel: 'warn' }, db: rec.db });
  let last = { statements: 0, transactions: 0 };
  try {
    for (const r of readers) {
      r.recorded = [];
      for (const childId of r.childIds) {
        const { result, statements } = await rec.record(() => app.inject({ method: 'GET', url: `/api/children/${childId}`, headers: { cookie: r.session!.cookie } }));
        if (result.statusCode !== 200 || result.json<{ id: string }>().id !== childId) throw new Error(`recorded read: ${result.statusCode} ${result.body.slice(0, 200)}`);
        const transactions = transactionsOf(statements);
        r.recorded.push(transactions);
        last = { statements: statements.length, transactions: transactions.length };
      }
    }
  } finally {
    await app.close();
    await rec.close();
  }
  return last;
}

async function httpBlock(baseUrl: string, readers: readonly Reader[], amount: number): Promise<Latencies> {
  const served = new Map<number, number>();
  return autocannonRun({
    url: baseUrl,
    connections: CONNECTIONS,
    amount,
    label: 'child page under load',
    // Each connection is one reader going through the children of their own group.
    request: (_i, connection) => {
      const n = (served.get(connection) ?? 0) + 1;
      served.set(connection, n);
      const reader = readers[connection % readers.length]!;
      return { method: 'GET', path: `/api/children/${reader.childIds[n % CHILDREN_PER_READER]}`, headers: { cookie: reader.session!.cookie } };
    },
  });
}

async function rawBlock(pool: pg.Pool, municipalityId: string, readers: readonly Reader[], amount: number): Promise<Latencies> {
  const run = await measure(0, amount, CONNECTIONS, async (i) => {
    const reader = readers[i % readers.length]!;
    const k = Math.floor(i / readers.length) % CHILDREN_PER_READER;
    const childId = reader.childIds[k]!;
    await replay(pool, reader.recorded![k]!, municipalityId, [
      {
        municipalityId, id: randomUUID(), at: new Date(), actorKind: 'staff', actorUserId: reader.userId, actorName: reader.displayName, actorRole: 'fagperson',
        action: 'read', resourceType: 'child', resourceId: childId, childId, searchTerm: null, purpose: null, outcome: 'allowed', details: null, requestId: randomUUID(),
      },
    ]);
  });
  return summarise(run.samples, run.wallMs);
}

// ── run ────────────────────────────────────────────────────────────────────────────────
const t0 = performance.now();
process.stderr.write(`Seeding ${CHILDREN.toLocaleString('da-DK')} children …\n`);
const scale = await scaleDatabase({ children: CHILDREN, municipalities: MUNICIPALITIES, password: PASSWORD });
// The readers work in the largest municipality (at national scale ≈ 12 % of the children).
const municipality = [...scale.seed.municipalities].sort((a, b) => b.counts.children - a.counts.children)[0]!;
const pool = new pg.Pool({ connectionString: scale.url, max: SERVER_POOL });
const server = await startServer(scale.url);
try {
  const today = dayInCopenhagen(new Date());
  const readers = await pickReaders(pool, municipality.id, today, CONNECTIONS);
  process.stderr.write(`Logging in ${readers.length} pædagoger and recording their reads …\n`);
  for (let i = 0; i < readers.length; i += 4) {
    const batch = readers.slice(i, i + 4);
    const sessions = await Promise.all(batch.map((r) => loginAs(server.url, municipality.id, r.username, PASSWORD)));
    batch.forEach((r, k) => (r.session = sessions[k]));
  }
  const perRead = await recordReads(scale.url, readers);

  // A warm-up block each (JIT, plans, caches), then alternating blocks so noise hits both.
  await httpBlock(server.url, readers, Math.ceil(REQUESTS / 4));
  await rawBlock(pool, municipality.id, readers, Math.ceil(REQUESTS / 4));
  const http: Latencies[] = [];
  const raw: Latencies[] = [];
  for (let k = 0; k < 2; k += 1) {
    process.stderr.write(`Block ${k + 1}/2 …\n`);
    http.push(await httpBlock(server.url, readers, REQUESTS));
    raw.push(await rawBlock(pool, municipality.id, readers, REQUESTS));
  }
  const app = meanOfBlocks(http);
  const base = meanOfBlocks(raw);
  const figures: Figure[] = [
    { name: `child page: throughput at ${CONNECTIONS} connections`, value: app.throughput, unit: 'req/s', baseline: base.throughput, goal: '≥ 0.6× baseline' },
    { name: 'child page: HTTP p50', value: app.p50, unit: 'ms', baseline: base.p50 },
    { name: 'child page: HTTP p97.5', value: app.p95, unit: 'ms', baseline: base.p95 },
    { name: 'child page: HTTP p99', value: app.p99, unit: 'ms', baseline: base.p99, goal: '< 50 ms' },
    { name: 'child page: raw pg (baseline) throughput', value: base.throughput, unit: 'ops/s' },
  ];
  report(`child-page (${CHILDREN.toLocaleString('en')} children in ${MUNICIPALITIES} municipalities)`, figures, {
    file: MUNICIPALITIES > 1 ? `child-page-${MUNICIPALITIES}` : 'child-page',
    meta: {
      scale: { children: CHILDREN, municipalities: MUNICIPALITIES, readersIn: { name: municipality.name, children: municipality.counts.children } },
      server: `PostgreSQL ${scale.server}`,
      settings: { connections: CONNECTIONS, requestsPerBlock: REQUESTS, blocks: 2, serverPool: SERVER_POOL },
      notes: [`a read sends ${perRead.statements} statements in ${perRead.transactions} transactions (the session's, the route's) incl. begin/commit and the audit append; the baseline replays them and appends a fresh audit row`, `total ${((performance.now() - t0) / 1000).toFixed(0)} s`],
    },
  });
} finally {
  await server.stop();
  await pool.end();
  await scale.stop();
}
