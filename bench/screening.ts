// bench/screening (issue 4 "Speed"; issue 6 scale benchmarks): a large municipality — 100,000
// children with three years of enrolments and screening rounds (src/cli/seed-scale.ts) — on
// a real PostgreSQL, the real server in its own process, and each figure next to a baseline
// measured in the same run on the same database:
//   1. saving one group's 25 ratings (POST …/ratings as a pædagog of the group: session,
//      CSRF, validation, access, rules, one transaction with 25 audit rows) vs the same
//      inserts and the same chained audit rows sent straight through `pg` in one transaction;
//   2. a child's screening history (GET /api/screening/children/:id) vs its queries and audit
//      row sent straight through `pg`;
//   3. a leader's institution overview of the largest school (GET /api/screening/overview/
//      institutions/:id) vs the raw SQL of the same aggregation and the same audit rows.
// Every save goes to a group not rated yet in the open round, so each one is valid new work.
// BENCH_CHILDREN (100000), BENCH_SAVES (120 per side), BENCH_READS (300), BENCH_OVERVIEWS (30) and
// BENCH_DATABASE_URL (a superuser URL of your own server instead of a throw-away cluster).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { dayInCopenhagen } from '../src/domain/calendar.ts';
import { alternate, measure, summarise, type Latencies } from './lib/latency.ts';
import { autocannonRun } from './lib/load.ts';
import { GROUP_COUNTS_SQL, LISTS_SQL } from './lib/overview-sql.ts';
import { appendAuditRaw, inTenantTransaction, valuesList } from './lib/raw-audit.ts';
import { scaleDatabase } from './lib/scale-db.ts';
import { loginAs, startServer, type Session } from './lib/server.ts';
import { report, type Figure } from './util.ts';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 100_000);
const SAVES = Number(process.env.BENCH_SAVES ?? 120);
const READS = Number(process.env.BENCH_READS ?? 300);
const OVERVIEWS = Number(process.env.BENCH_OVERVIEWS ?? 30);
// The forms under load (autocannon against the raw baseline at the same concurrency).
const SAVE_CONNECTIONS = Number(process.env.BENCH_SAVE_CONNECTIONS ?? 8);
const LOADED_SAVES = Number(process.env.BENCH_LOADED_SAVES ?? 96);
const OVERVIEW_CONNECTIONS = Number(process.env.BENCH_OVERVIEW_CONNECTIONS ?? 4);
const GROUP_SIZE = 25;
const WARMUP = 5;
const PASSWORD = 'skala-benchmark-adgangskode';

interface SaveTarget {
  roundId: string;
  scaleVersionId: string;
  groupId: string;
  institutionId: string;
  userId: string;
  username: string;
  displayName: string;
  childIds: string[];
}

// ── the work, as the app does it and as the raw baseline ───────────────────────────────
/** The insert the app's repo sends (Kysely, one multi-row statement), written out by hand. */
const RATING_COLUMNS = ['municipality_id', 'id', 'round_id', 'scale_version_id', 'child_id', 'group_id', 'institution_id', 'rater_user_id', 'kind', 'position_id', 'not_assessed_reason', 'note', 'corrects_id', 'late', 'created_at'];

function ratingsFor(t: SaveTarget, positions: readonly string[], salt: number) {
  // Mostly green, some yellow and red, as a real group looks.
  return t.childIds.map((childId, k) => ({ childId, positionId: positions[(k * 7 + salt) % 20 === 0 ? 2 : (k * 3 + salt) % 8 === 0 ? 1 : 0]! }));
}

async function rawSave(pool: pg.Pool, municipalityId: string, t: SaveTarget, positions: readonly string[], salt: number): Promise<void> {
  return inTenantTransaction(pool, municipalityId, async (c) => {
    const now = new Date();
    const rows = ratingsFor(t, positions, salt).map((r) => ({ id: randomUUID(), ...r }));
    const v = valuesList(rows.map((r) => [municipalityId, r.id, t.roundId, t.scaleVersionId, r.childId, t.groupId, t.institutionId, t.userId, 'individual', r.positionId, null, null, null, false, now]));
    await c.query(`INSERT INTO screening_ratings (${RATING_COLUMNS.join(', ')}) VALUES ${v.text}`, v.params);
    const requestId = randomUUID();
    await appendAuditRaw(
      c,
      municipalityId,
      rows.map((r) => ({
        municipalityId, id: randomUUID(), at: now, actorKind: 'staff', actorUserId: t.userId, actorName: t.displayName, actorRole: 'fagperson',
        action: 'create', resourceType: 'screening_rating', resourceId: r.id, childId: r.childId, searchTerm: null, purpose: null, outcome: 'allowed',
        details: { roundId: t.roundId, groupId: t.groupId, kind: 'individual', correctsId: null, notAssessed: false, late: false }, requestId,
      })),
    );
  });
}

/** The queries of screening/service.ts childHistory (ratings with names, rounds, positions) and its audit row. */
async function rawHistory(pool: pg.Pool, municipalityId: string, reader: SaveTarget, childId: string): Promise<void> {
  return inTenantTransaction(pool, municipalityId, async (c) => {
    const rows = (
      await c.query<{ round_id: string }>(
        `SELECT r.*, u.display_name AS rater_name, g.name AS group_name, i.name AS institution_name FROM screening_ratings AS r
           INNER JOIN users AS u ON u.municipality_id = r.municipality_id AND u.id = r.rater_user_id
           INNER JOIN groups AS g ON g.municipality_id = r.municipality_id AND g.id = r.group_id
           INNER JOIN institutions AS i ON i.municipality_id = r.municipality_id AND i.id = r.institution_id
          WHERE r.child_id = $1 ORDER BY r.created_at`,
        [childId],
      )
    ).rows;
    const rounds = (await c.query<{ scale_version_id: string }>('SELECT * FROM screening_rounds WHERE id = ANY($1::uuid[])', [[...new Set(rows.map((r) => r.round_id))]])).rows;
    await c.query('SELECT * FROM screening_positions WHERE scale_version_id = ANY($1::uuid[]) ORDER BY scale_version_id, ordinal', [[...new Set(rounds.map((r) => r.scale_version_id))]]);
    await appendAuditRaw(c, municipalityId, [
      {
        municipalityId, id: randomUUID(), at: new Date(), actorKind: 'staff', actorUserId: reader.userId, actorName: reader.displayName, actorRole: 'fagperson',
        action: 'read', resourceType: 'screening_rating', resourceId: childId, childId, searchTerm: null, purpose: null, outcome: 'allowed', details: null, requestId: randomUUID(),
      },
    ]);
  });
}

// ── picking fresh work in the seeded municipality ──────────────────────────────────────
/** Groups of the open rounds with at least 25 children today and no rating yet, with one of their pædagoger. */
async function saveTargets(pool: pg.Pool, municipalityId: string, today: string, count: number): Promise<SaveTarget[]> {
  const res = await pool.query<{ round_id: string; scale_version_id: string; group_id: string; institution_id: string; user_id: string; username: string; display_name: string; child_ids: string[] }>(
    `WITH open AS (
       SELECT id, scale_version_id, institution_types FROM screening_rounds WHERE municipality_id = $1 AND opens_on <= $2 AND closes_on >= $2),
     candidates AS (
       SELECT o.id AS round_id, o.scale_version_id, g.id AS group_id, g.institution_id,
              (SELECT array_agg(e.child_id ORDER BY e.child_id) FROM enrolments e
                WHERE e.municipality_id = $1 AND e.group_id = g.id AND e.valid_from <= $2 AND (e.valid_to IS NULL OR e.valid_to >= $2)) AS child_ids
         FROM groups g JOIN institutions i ON i.municipality_id = g.municipality_id AND i.id = g.institution_id
         JOIN open o ON i.type = ANY(o.institution_types)
        WHERE g.municipality_id = $1
          AND NOT EXISTS (SELECT 1 FROM screening_ratings r WHERE r.municipality_id = $1 AND r.round_id = o.id AND r.group_id = g.id))
     SELECT c.*, u.id AS user_id, u.username, u.display_name
       FROM candidates c
       JOIN LATERAL (SELECT m.user_id FROM memberships m WHERE m.municipality_id = $1 AND m.unit_kind = 'group' AND m.unit_id = c.group_id AND m.role = 'fagperson' ORDER BY m.user_id LIMIT 1) m ON true
       JOIN users u ON u.municipality_id = $1 AND u.id = m.user_id
      WHERE cardinality(c.child_ids) >= ${GROUP_SIZE}
      ORDER BY md5(c.group_id::text) LIMIT $3`,
    [municipalityId, today, count],
  );
  if (res.rows.length < count) throw new Error(`only ${res.rows.length} unrated groups of ${GROUP_SIZE}+ children, ${count} needed: lower BENCH_SAVES`);
  return res.rows.map((r) => ({
    roundId: r.round_id,
    scaleVersionId: r.scale_version_id,
    groupId: r.group_id,
    institutionId: r.institution_id,
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    childIds: r.child_ids.slice(0, GROUP_SIZE),
  }));
}

async function loginAll(baseUrl: string, municipalityId: string, targets: readonly SaveTarget[]): Promise<Session[]> {
  const out: Session[] = [];
  // A few at a time: argon2 verification is the slow part and runs on the server's thread pool.
  for (let i = 0; i < targets.length; i += 4) out.push(...(await Promise.all(targets.slice(i, i + 4).map((t) => loginAs(baseUrl, municipalityId, t.username, PASSWORD)))));
  return out;
}

async function send(baseUrl: string, s: Session, method: 'GET' | 'POST', path: string, body?: unknown, expect = method === 'POST' ? 201 : 200): Promise<void> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { cookie: s.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json', 'x-csrf-token': s.csrf }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== expect) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
}

/**
 * The leader's institution overview (issue 4 item 5, GET /api/screening/overview/institutions/:id
 * ?roundId=…, src/modules/screening/overview-routes.ts) for the largest school and its latest
 * closed round, against the raw SQL of the same aggregation and the same audit rows
 * (bench/lib/overview-sql.ts). Returns no figure, and says why, when the endpoint is missing.
 */
async function institutionOverview(baseUrl: string, pool: pg.Pool, municipalityId: string, today: string): Promise<{ figures: Figure[]; notes: string[] }> {
  const probe = await fetch(`${baseUrl}/api/screening/overview/institutions/${randomUUID()}`);
  if (probe.status === 404 && ((await probe.json()) as { error?: { code?: string } }).error?.code === 'request.not_found') {
    return { figures: [], notes: ['institution overview: GET /api/screening/overview/institutions/:id does not exist in this build — no figure'] };
  }
  const pick = (
    await pool.query<{ institution_id: string; username: string; user_id: string; display_name: string; groups: number; round_id: string; opens_on: string; closes_on: string; prev_id: string; prev_closes: string }>(
      `WITH school AS (
         SELECT i.id, count(g.id)::int AS groups FROM institutions i JOIN groups g ON g.municipality_id = i.municipality_id AND g.institution_id = i.id
          WHERE i.municipality_id = $1 AND i.type = 'skole' GROUP BY i.id ORDER BY 2 DESC, 1 LIMIT 1),
       round AS (
         SELECT id, opens_on, closes_on FROM screening_rounds WHERE municipality_id = $1 AND 'skole' = ANY(institution_types) AND closes_on < $2 ORDER BY opens_on DESC LIMIT 1),
       prev AS (
         SELECT r.id, r.closes_on FROM screening_rounds r, round WHERE r.municipality_id = $1 AND 'skole' = ANY(r.institution_types) AND r.closes_on < round.opens_on ORDER BY r.opens_on DESC LIMIT 1)
       SELECT school.id AS institution_id, school.groups, u.username, u.id AS user_id, u.display_name, round.id AS round_id, round.opens_on::text, round.closes_on::text, prev.id AS prev_id, prev.closes_on::text AS prev_closes
         FROM school, round, prev, memberships m JOIN users u ON u.municipality_id = m.municipality_id AND u.id = m.user_id
        WHERE m.municipality_id = $1 AND m.unit_kind = 'institution' AND m.unit_id = school.id AND m.role = 'leder' LIMIT 1`,
      [municipalityId, today],
    )
  ).rows[0];
  if (!pick) throw new Error('no school with a leader and two closed rounds in the seeded municipality');
  const leader = await loginAs(baseUrl, municipalityId, pick.username, PASSWORD);
  const path = `/api/screening/overview/institutions/${pick.institution_id}?roundId=${pick.round_id}`;

  const raw = async () => {
    return inTenantTransaction(pool, municipalityId, async (c) => {
      await c.query('SELECT * FROM screening_rounds WHERE opens_on <= $1 ORDER BY opens_on DESC, name LIMIT 200', [today]);
      const now = await c.query(GROUP_COUNTS_SQL, [pick.round_id, pick.closes_on, pick.institution_id]);
      await c.query(GROUP_COUNTS_SQL, [pick.prev_id, pick.prev_closes, pick.institution_id]);
      const lists = (await c.query<{ child_id: string; worse: boolean; twice: boolean }>(LISTS_SQL, [pick.round_id, pick.closes_on, pick.institution_id, pick.opens_on, today])).rows;
      const at = new Date();
      const requestId = randomUUID();
      await appendAuditRaw(
        c,
        municipalityId,
        lists.map((l) => ({
          municipalityId, id: randomUUID(), at, actorKind: 'staff', actorUserId: pick.user_id, actorName: pick.display_name, actorRole: 'leder',
          action: 'list', resourceType: 'screening_rating', resourceId: l.child_id, childId: l.child_id, searchTerm: null, purpose: null, outcome: 'allowed',
          details: { roundId: pick.round_id, institutionId: pick.institution_id, lists: [...(l.worse ? ['worse'] : []), ...(l.twice ? ['concern_twice'] : [])] }, requestId,
        })),
      );
      return { placed: (now.rows as { ordinal: number | null; n: number }[]).reduce((a, r) => a + (r.ordinal === null ? 0 : r.n), 0), worse: lists.filter((l) => l.worse).length, twice: lists.filter((l) => l.twice).length };
    });
  };

  // Same answer first: the baseline is only a baseline if it computes what the endpoint shows.
  const res = await fetch(`${baseUrl}${path}`, { headers: { cookie: leader.cookie } });
  const body = (await res.json()) as { institution: { distribution: { total: number } } | null; lists: { worse: unknown[]; concernTwice: unknown[] } | null };
  if (res.status !== 200 || !body.institution || !body.lists) throw new Error(`institution overview: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  const mine = await raw();
  const same = mine.placed === body.institution.distribution.total && mine.worse === body.lists.worse.length && mine.twice === body.lists.concernTwice.length;
  const notes = [
    `institution overview: a school of ${pick.groups} classes, ${body.institution.distribution.total} children with a position, lists of ${body.lists.worse.length} (worse) and ${body.lists.concernTwice.length} (concern twice) children` +
      (same ? ' — the raw SQL gives the same counts' : ` — MISMATCH: raw SQL gives ${JSON.stringify(mine)}`),
  ];
  const overview = await alternate(
    3,
    Math.ceil(OVERVIEWS / 3),
    1,
    () => send(baseUrl, leader, 'GET', path),
    async () => void (await raw()),
    WARMUP,
  );
  const loadedHttp = await autocannonRun({
    url: baseUrl,
    connections: OVERVIEW_CONNECTIONS,
    amount: OVERVIEWS,
    label: 'institution overview under load',
    request: () => ({ method: 'GET', path, headers: { cookie: leader.cookie } }),
  });
  const loadedRaw = await measure(0, OVERVIEWS, OVERVIEW_CONNECTIONS, async () => void (await raw()));
  const loaded = { subject: loadedHttp, baseline: summarise(loadedRaw.samples, loadedRaw.wallMs) };
  const under = `institution overview at ${OVERVIEW_CONNECTIONS} connections:`;
  return {
    figures: [
      figure('institution overview: HTTP', overview.subject, overview.baseline, 'p50'),
      figure('institution overview: HTTP', overview.subject, overview.baseline, 'p95'),
      { name: `${under} throughput`, value: loaded.subject.throughput, unit: 'req/s', baseline: loaded.baseline.throughput },
      figure(`${under} HTTP`, loaded.subject, loaded.baseline, 'p50'),
      figure(`${under} HTTP`, loaded.subject, loaded.baseline, 'p99'),
    ],
    notes,
  };
}

// ── run ────────────────────────────────────────────────────────────────────────────────
const figure = (name: string, l: Latencies, base: Latencies, key: 'p50' | 'p95' | 'p99', goal?: string): Figure => ({ name: `${name} ${key}`, value: l[key], unit: 'ms', baseline: base[key], ...(goal ? { goal } : {}) });

const t0 = performance.now();
process.stderr.write(`Seeding ${CHILDREN.toLocaleString('da-DK')} children …\n`);
const scale = await scaleDatabase({ children: CHILDREN, municipalities: 1, password: PASSWORD });
const municipality = scale.seed.municipalities[0]!;
const pool = new pg.Pool({ connectionString: scale.url, max: 10 }); // as the server's pool
const server = await startServer(scale.url);
const figures: Figure[] = [];
const notes: string[] = [];
try {
  const today = dayInCopenhagen(new Date());
  const sequentialTargets = 2 * (4 * Math.ceil(SAVES / 4) + WARMUP);
  const targets = await saveTargets(pool, municipality.id, today, sequentialTargets + 2 * LOADED_SAVES);
  const positions = (
    await pool.query<{ id: string }>('SELECT id FROM screening_positions WHERE municipality_id = $1 AND scale_version_id = $2 ORDER BY ordinal', [municipality.id, targets[0]!.scaleVersionId])
  ).rows.map((r) => r.id);
  process.stderr.write(`Logging in ${targets.length} pædagoger …\n`);
  const sessions = await loginAll(server.url, municipality.id, targets);

  // 1. Save a group of 25: even targets through HTTP, odd ones raw — fresh groups for both.
  const save = await alternate(
    4,
    Math.ceil(SAVES / 4),
    1,
    (i) => send(server.url, sessions[2 * i]!, 'POST', `/api/screening/rounds/${targets[2 * i]!.roundId}/groups/${targets[2 * i]!.groupId}/ratings`, { ratings: ratingsFor(targets[2 * i]!, positions, i) }),
    (i) => rawSave(pool, municipality.id, targets[2 * i + 1]!, positions, i),
    WARMUP,
  );
  figures.push(figure('save 25 ratings: HTTP', save.subject, save.baseline, 'p50'));
  figures.push(figure('save 25 ratings: HTTP', save.subject, save.baseline, 'p95', '< 100 ms'));
  figures.push(figure('save 25 ratings: HTTP', save.subject, save.baseline, 'p99'));
  figures.push({ name: 'save 25 ratings: raw pg (baseline) p95', value: save.baseline.p95, unit: 'ms' });

  // 1b. Saves under load: autocannon with SAVE_CONNECTIONS, then the raw transaction at the same concurrency.
  const loadedTarget = (i: number) => sequentialTargets + i;
  const loadedHttp = await autocannonRun({
    url: server.url,
    connections: SAVE_CONNECTIONS,
    amount: LOADED_SAVES,
    label: 'saves under load',
    request: (i) => {
      const k = loadedTarget(i);
      const t = targets[k]!;
      return {
        method: 'POST',
        path: `/api/screening/rounds/${t.roundId}/groups/${t.groupId}/ratings`,
        headers: { cookie: sessions[k]!.cookie, 'x-csrf-token': sessions[k]!.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ ratings: ratingsFor(t, positions, k) }),
      };
    },
  });
  const loadedRaw = await measure(0, LOADED_SAVES, SAVE_CONNECTIONS, (i) => rawSave(pool, municipality.id, targets[loadedTarget(LOADED_SAVES + i)]!, positions, i));
  const loadedSave = { subject: loadedHttp, baseline: summarise(loadedRaw.samples, loadedRaw.wallMs) };
  figures.push({ name: `save 25 ratings at ${SAVE_CONNECTIONS} connections: throughput`, value: loadedSave.subject.throughput, unit: 'saves/s', baseline: loadedSave.baseline.throughput });
  figures.push(figure(`save 25 ratings at ${SAVE_CONNECTIONS} connections: HTTP`, loadedSave.subject, loadedSave.baseline, 'p50'));
  figures.push(figure(`save 25 ratings at ${SAVE_CONNECTIONS} connections: HTTP`, loadedSave.subject, loadedSave.baseline, 'p99'));

  // 2. A child's screening history, read by a pædagog of the child's group (children of the groups saved above).
  const readers = targets.map((t, k) => ({ t, s: sessions[k]! }));
  const readOf = (i: number) => {
    const r = readers[i % readers.length]!;
    return { ...r, childId: r.t.childIds[Math.floor(i / readers.length) % GROUP_SIZE]! };
  };
  const history = await alternate(
    4,
    Math.ceil(READS / 4),
    1,
    (i) => {
      const r = readOf(2 * i);
      return send(server.url, r.s, 'GET', `/api/screening/children/${r.childId}`);
    },
    (i) => {
      const r = readOf(2 * i + 1);
      return rawHistory(pool, municipality.id, r.t, r.childId);
    },
    WARMUP,
  );
  figures.push(figure("child's screening history: HTTP", history.subject, history.baseline, 'p50'));
  figures.push(figure("child's screening history: HTTP", history.subject, history.baseline, 'p95'));
  figures.push(figure("child's screening history: HTTP", history.subject, history.baseline, 'p99'));

  const overview = await institutionOverview(server.url, pool, municipality.id, today);
  figures.push(...overview.figures);
  notes.push(...overview.notes);
} finally {
  await server.stop();
  await pool.end();
  await scale.stop();
}

const c = scale.seed.totals;
figures.unshift({ name: `seed ${c.children.toLocaleString('en')} children (seed:scale)`, value: scale.seed.seconds, unit: 's', goal: '< 180 s' });
for (const n of notes) process.stdout.write(`${n}\n`);
const date = new Date().toISOString().slice(0, 10);
report('screening', figures, {
  file: `screening-${date}`,
  meta: {
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'cpu', memoryGiB: Math.round(os.totalmem() / 2 ** 30), loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))), postgres: scale.server, ownServer: Boolean(process.env.BENCH_DATABASE_URL) },
    scale: { ...c, municipalities: scale.seed.municipalities.length, seedSeconds: Number(scale.seed.seconds.toFixed(1)), benchSeconds: Number(((performance.now() - t0) / 1000).toFixed(0)) },
    iterations: { saves: SAVES, reads: READS, overviews: OVERVIEWS, warmup: WARMUP, groupSize: GROUP_SIZE, concurrency: 1, loaded: { saves: LOADED_SAVES, saveConnections: SAVE_CONNECTIONS, overviewConnections: OVERVIEW_CONNECTIONS } },
    notes,
  },
});
