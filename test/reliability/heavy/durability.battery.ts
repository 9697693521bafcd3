// Issue 6 item 4 (heavy; `npm run battery`): kill -9 of PostgreSQL under write load. The real
// server (src/cli/start.ts) runs against a throw-away cluster; workers create districts and
// write stafetlog entries, recording every acknowledged write. The postmaster and its
// backends are killed with SIGKILL: while the database is down the server must answer 503
// with Retry-After (never a 500, never die); after PostgreSQL restarts (crash recovery) it
// must recover by itself, and not one acknowledged write may be missing.
//
// The test cluster runs with synchronous_commit=off for speed; this database sets it back on,
// as production has it: an acknowledged commit is then in the WAL the kernel holds, which a
// process kill cannot lose (fsync=off only matters when the whole machine stops).
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { openDatabase } from '../../../src/db/connect.ts';
import { migrate } from '../../../src/db/migrate.ts';
import { createTenant, PASSWORD, type Tenant } from '../../fixtures.ts';
import { findPgBinDir, startPgCluster, type PgCluster } from '../../pg-cluster.ts';

const WORKERS = Number(process.env.TIDLIG_DURABILITY_WORKERS ?? 8);
const LOAD_BEFORE_MS = 3000;
const DOWN_MS = 4000;
const LOAD_AFTER_MS = 3000;
const RECOVER_WITHIN_MS = 60_000;

interface Session {
  cookie: string;
  csrf: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

/** Run a PostgreSQL binary as the cluster's owner (the postgres user when we are root). */
function runPg(bin: string, args: string[], cwd: string) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return spawnSync(cmd as string, argv as string[], { cwd, encoding: 'utf8', timeout: 120_000 });
}

/** SIGKILL the postmaster and every process it started (backends, checkpointer, WAL writer). */
function killPostgres(dataDir: string): number {
  const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return Number(fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
  process.kill(pid, 'SIGKILL');
  for (const c of children) {
    try {
      process.kill(c, 'SIGKILL');
    } catch {
      // already gone with the postmaster
    }
  }
  return 1 + children.length;
}

describe('durability: kill -9 of PostgreSQL under write load', () => {
  let cluster: PgCluster;
  let server: ChildProcess | undefined;
  let base: string;
  let dbUrl: string;
  let t: Tenant;
  const serverLog: string[] = [];

  async function call(method: string, url: string, s?: Session, body?: unknown): Promise<{ status: number; retryAfter: string | null; json: () => Promise<Record<string, unknown>> }> {
    const headers: Record<string, string> = {};
    if (s) headers.cookie = s.cookie;
    if (s && method !== 'GET') headers['x-csrf-token'] = s.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(20_000) });
    const text = await res.text();
    return { status: res.status, retryAfter: res.headers.get('retry-after'), json: async () => JSON.parse(text) };
  }

  async function login(username: string): Promise<Session> {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ municipalityId: t.municipalityId, username, password: PASSWORD }) });
    assert.equal(res.status, 200, await res.clone().text());
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tidlig='))!.split(';')[0]!;
    return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  }

  before(async () => {
    cluster = await startPgCluster();
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE tidlig_durable');
    await admin.query('ALTER DATABASE tidlig_durable SET synchronous_commit = on');
    await admin.end();
    const u = new URL(cluster.url);
    u.pathname = '/tidlig_durable';
    dbUrl = u.toString();
    const probe = new pg.Client({ connectionString: dbUrl });
    await probe.connect();
    assert.equal((await probe.query('SHOW synchronous_commit')).rows[0].synchronous_commit, 'on');
    await probe.end();
    const db = await openDatabase({ url: dbUrl, poolSize: 2 });
    await migrate(db.pool);
    t = await createTenant(db);
    await db.close();

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        TIDLIG_DEMO: '0',
        TIDLIG_SECURE_COOKIES: '0',
        TIDLIG_RATE_LIMIT_PER_MINUTE: '10000000',
        TIDLIG_LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        TIDLIG_WEB_DIST: path.join(cluster.dir, 'no-web'),
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stderr!.on('data', (d) => serverLog.push(String(d)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${serverLog.join('')}`)), 120_000);
      server!.stdout!.on('data', (d) => {
        serverLog.push(String(d));
        if (String(d).includes('TIDLIG_READY')) {
          clearTimeout(timer);
          resolve();
        }
      });
      server!.on('exit', (code) => reject(new Error(`server exited (${code}): ${serverLog.join('')}`)));
    });
  });

  after(async () => {
    server?.kill('SIGTERM');
    await sleep(500);
    server?.kill('SIGKILL');
    cluster?.stop();
  });

  it('0 acknowledged writes lost; 503 with Retry-After while down; recovers by itself', async (t2) => {
    const admin = await login('admin');
    const paedagog = await login('paedagoga');
    const opened = await call('POST', `/api/children/${t.children.inA}/stafetlogs`, paedagog, { concern: 'Holdbarhedsprøve', level: 1 });
    assert.equal(opened.status, 201);
    const logId = (await opened.json()).id as string;

    const acked = { districts: [] as string[], entries: [] as string[] };
    const statuses: Record<string, number> = {};
    const bad: string[] = [];
    let phase: 'up' | 'down' | 'recovering' = 'up';
    const downAnswers = { total: 0, with503: 0, retryAfter: 0 };
    let stop = false;
    let seq = 0;

    const worker = async (w: number) => {
      while (!stop) {
        const n = seq++;
        const district = n % 2 === 0;
        const body = district ? { name: `Distrikt ${w}-${n}` } : { kind: 'note', body: `Notat ${w}-${n}` };
        const at = phase;
        let res;
        try {
          res = district ? await call('POST', '/api/org/districts', admin, body) : await call('POST', `/api/stafetlogs/${logId}/entries`, paedagog, body);
        } catch (err) {
          bad.push(`${at}: no answer from the server (${(err as Error).message})`);
          await sleep(100);
          continue;
        }
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status === 201) {
          if (district) acked.districts.push((await res.json()).id as string);
          else acked.entries.push((body as { body: string }).body);
        } else if (res.status === 503) {
          if (!res.retryAfter) bad.push(`${at}: 503 without Retry-After`);
        } else bad.push(`${at}: ${res.status}`);
        if (at === 'down') {
          downAnswers.total += 1;
          if (res.status === 503) downAnswers.with503 += 1;
          if (res.retryAfter) downAnswers.retryAfter += 1;
        }
        if (res.status === 503) await sleep(50);
      }
    };

    const run = { ackedBeforeKill: 0, killed: 0, recoveredMs: -1 };
    const load = Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(i)));
    try {
      await crashAndRecover();
    } finally {
      stop = true;
      await load;
    }
    const { ackedBeforeKill, killed, recoveredMs } = run;

    async function crashAndRecover() {
      await sleep(LOAD_BEFORE_MS);
      run.ackedBeforeKill = acked.districts.length + acked.entries.length;
      run.killed = killPostgres(path.join(cluster.dir, 'data'));
      phase = 'down';
      await sleep(DOWN_MS);
      assert.equal(server!.exitCode, null, `the server died when the database went down: ${serverLog.join('').slice(-3000)}`);
      const health = await call('GET', '/api/health');
      assert.equal(health.status, 503, 'health says the database is down');
      assert.ok(health.retryAfter, 'health sends Retry-After');

      // Restart: pg_ctl restart reads the options the server ran with (postmaster.opts) and
      // starts anyway when the old postmaster is gone; PostgreSQL replays its WAL.
      const bin = findPgBinDir();
      const r = runPg(path.join(bin, 'pg_ctl'), ['-w', '-t', '60', '-D', path.join(cluster.dir, 'data'), '-l', path.join(cluster.dir, 'server.log'), 'restart'], cluster.dir);
      assert.equal(r.status, 0, `pg_ctl restart: ${r.stdout}${r.stderr}`);
      const restartedAt = performance.now();
      phase = 'recovering';
      const ackedAtRestart = acked.districts.length + acked.entries.length;
      while (performance.now() - restartedAt < RECOVER_WITHIN_MS) {
        if (acked.districts.length + acked.entries.length > ackedAtRestart) {
          run.recoveredMs = performance.now() - restartedAt;
          break;
        }
        await sleep(50);
      }
      assert.ok(run.recoveredMs >= 0, `no write succeeded within ${RECOVER_WITHIN_MS / 1000} s of the restart: ${serverLog.join('').slice(-2000)}`);
      phase = 'up';
      await sleep(LOAD_AFTER_MS);
    }
    assert.equal(server!.exitCode, null, 'the server is still running');

    // Every acknowledged write is in the database.
    const check = new pg.Client({ connectionString: dbUrl });
    await check.connect();
    const districts = await check.query<{ id: string }>('SELECT id::text FROM districts WHERE municipality_id = $1 AND id = ANY($2::uuid[])', [t.municipalityId, acked.districts]);
    const entries = await check.query<{ body: string }>('SELECT body FROM stafetlog_entries WHERE municipality_id = $1 AND body = ANY($2::text[])', [t.municipalityId, acked.entries]);
    await check.end();
    const lost = acked.districts.length - districts.rowCount! + (acked.entries.length - new Set(entries.rows.map((e) => e.body)).size);

    const summary = Object.entries(statuses).map(([s, n]) => `${s}×${n}`).join(' ');
    t2.diagnostic(`durability: ${WORKERS} workers; ${acked.districts.length + acked.entries.length} acknowledged writes (${acked.districts.length} districts, ${acked.entries.length} stafetlog entries; ${ackedBeforeKill} before the kill); killed ${killed} PostgreSQL processes`);
    t2.diagnostic(`durability: answers ${summary}; while down ${downAnswers.with503}/${downAnswers.total} were 503 (${downAnswers.retryAfter} with Retry-After); first acknowledged write ${(recoveredMs / 1000).toFixed(2)} s after PostgreSQL was back`);
    t2.diagnostic(`durability: lost acknowledged writes: ${lost}`);
    assert.equal(lost, 0, 'acknowledged writes lost');
    assert.ok(downAnswers.total > 0 && downAnswers.with503 === downAnswers.total, `while down every answer is 503: ${JSON.stringify(downAnswers)}`);
    assert.deepEqual(bad, [], 'every answer is 201 or 503 with Retry-After');
  });
});
