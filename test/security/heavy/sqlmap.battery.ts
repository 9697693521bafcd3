// Issue 6 item 8 (heavy; `npm run battery`): a sqlmap smoke against the running server. The real
// server (src/cli/start.ts) on a real PostgreSQL with the demo municipality; sqlmap (the Debian
// package) is pointed at a representative set of routes read from the server's own OpenAPI
// document — every GET with query parameters (searches, filters), one GET with path ids per
// module, and JSON bodies (log-in, searches, CPR look-ups, names, free text) — each marked with
// `*` injection points, sent with the right actor's session cookie and CSRF token. Every finding
// ("identified the following injection point") fails the battery; so does a target sqlmap could
// not test, a 5xx the server logged, or sqlmap missing. A control first: a deliberately injectable
// route (string-built SQL on the same PostgreSQL, outside the app) must be found, or the
// battery fails — so a broken sqlmap set-up cannot pass as "0 findings".
//   TIDLIG_SQLMAP_TARGETS   at most this many targets (default: all, about 30)
//   TIDLIG_SQLMAP_LEVEL / TIDLIG_SQLMAP_RISK   sqlmap's --level / --risk (default 2 / 1)
//   TIDLIG_SQLMAP_TARGET_SECONDS   one target's limit (default 150)
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { DEMO_MUNICIPALITY_ID, DEMO_PASSWORD } from '../../../src/cli/demo-data.ts';
import { tableForParam, type JsonSchema, type Operation } from '../../reliability/openapi.ts';
import { call, loginOver, startRealServer, type RealServer, type Session } from './real-server.ts';

const LEVEL = process.env.TIDLIG_SQLMAP_LEVEL ?? '2';
const RISK = process.env.TIDLIG_SQLMAP_RISK ?? '1';
const MAX_TARGETS = Number(process.env.TIDLIG_SQLMAP_TARGETS ?? 1000);
const TARGET_SECONDS = Number(process.env.TIDLIG_SQLMAP_TARGET_SECONDS ?? 150);

/** Routes sqlmap leaves alone: other log-in flows (redirects to an IdP), citizen-only routes, file templates. */
const EXCLUDED = [/^\/api\/auth\/oidc/, /^\/api\/portal\//, /^\/api\/imports\/templates\//, /^\/api\/public\/portal\/config/];

type Actor = 'paedagog' | 'leder' | 'admin' | 'dpo';

interface Target {
  name: string;
  method: string;
  /** With `*` after every value sqlmap should inject into. */
  url: string;
  data?: string;
  actor: Actor | null;
  points: number;
  /** What the request without injection answered that actor (GETs; a 404 still runs the query). */
  plainStatus?: number;
}

interface Outcome {
  target: Target;
  findings: string[];
  tested: Set<string>;
  problem?: string;
  seconds: number;
}

function sqlmapPath(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v sqlmap'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

describe('sqlmap smoke against the running server', () => {
  let server: RealServer;
  const sessions = new Map<Actor, Session>();
  const ids = new Map<string, string>();
  let ops: Operation[] = [];
  let workDir: string;
  const sqlmap = sqlmapPath();
  let keepOutput = false;

  before(async () => {
    if (!sqlmap) return;
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidlig-sqlmap-'));
    server = await startRealServer({ demo: true });
    for (const actor of ['paedagog', 'leder', 'admin', 'dpo'] as const) sessions.set(actor, await loginOver(server.base, DEMO_MUNICIPALITY_ID, actor, DEMO_PASSWORD));
    ops = await readOperations(server.base);
    // One real id per table (the demo municipality's), so injections ride on requests that reach a record.
    const client = new pg.Client({ connectionString: server.db.url });
    await client.connect();
    try {
      const tables = (await client.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'municipality_id' INTERSECT SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id'`)).rows;
      for (const { t } of tables) {
        const row = (await client.query<{ id: string }>(`SELECT id::text FROM ${client.escapeIdentifier(t)} WHERE municipality_id = $1 ORDER BY id LIMIT 1`, [DEMO_MUNICIPALITY_ID])).rows[0];
        if (row) ids.set(t, row.id);
      }
    } finally {
      await client.end();
    }
    ids.set('municipalities', DEMO_MUNICIPALITY_ID);
    // A child the pædagog sees, and a stafetlog the pædagog holds (for the entry target).
    const children = (await call(server.base, 'GET', '/api/children?pageSize=5', sessions.get('paedagog'))).json() as { items: { id: string }[] };
    ids.set('children', children.items[0]!.id);
    const opened = await call(server.base, 'POST', `/api/children/${children.items[1]!.id}/stafetlogs`, sessions.get('paedagog'), { concern: 'sqlmap-prøve', level: 1 });
    if (opened.status === 201) ids.set('stafetlogs', (opened.json() as { id: string }).id);
  });

  after(async () => {
    await server?.stop();
    // sqlmap's output of a target with a finding or a problem is kept for reading.
    if (workDir && !keepOutput) fs.rmSync(workDir, { recursive: true, force: true });
    else if (workDir) process.stdout.write(`sqlmap output kept in ${workDir}\n`);
  });

  it('finds no SQL injection on a representative set of routes', { timeout: 60 * 60_000 }, async (t) => {
    if (!sqlmap) {
      assert.fail('sqlmap is not installed. Install the Debian package: `sudo apt-get install -y sqlmap` (https://sqlmap.org), then run `npm run battery -- sqlmap`.');
    }
    const started = performance.now();
    const targets = (await buildTargets()).slice(0, MAX_TARGETS);
    assert.ok(targets.length > 0, 'no targets');
    // The control: sqlmap, as set up here, finds a real injection.
    const control = await vulnerableControl(server.db.url);
    try {
      const o = await runSqlmap({ name: 'control (deliberately injectable)', method: 'GET', url: `${control.base}/kids?name=Emma*`, actor: null, points: 1 }, false, '');
      keepOutput = false; // its finding is the expected one
      t.diagnostic(`sqlmap: control — ${o.findings.length} finding(s) on a deliberately injectable route (${o.findings.join('; ')}), ${o.seconds.toFixed(0)} s`);
      assert.ok(o.findings.length > 0, `sqlmap did not find the control's injection: ${o.problem ?? ''}`);
    } finally {
      await control.close();
    }
    const outcomes: Outcome[] = [];
    for (const target of targets) {
      // Refresh a session sqlmap's payloads may have ended (a log-in target can lock a user out).
      for (const [actor, s] of sessions) {
        if ((await call(server.base, 'GET', '/api/auth/me', s)).status !== 200) sessions.set(actor, await loginOver(server.base, DEMO_MUNICIPALITY_ID, actor, DEMO_PASSWORD));
      }
      const o = await runSqlmap(target, outcomes.length === 0);
      outcomes.push(o);
      const as = `${target.actor ?? 'nobody'}${target.plainStatus && target.plainStatus >= 300 ? ` (no actor gets 2xx: ${target.plainStatus})` : ''}`;
      t.diagnostic(`sqlmap: ${target.name} as ${as} — ${o.tested.size} parameter(s) tested, ${o.findings.length} finding(s), ${o.seconds.toFixed(0)} s${o.problem ? ` — ${o.problem}` : ''}`);
    }
    const findings = outcomes.flatMap((o) => o.findings.map((f) => `${o.target.name}: ${f}`));
    const problems = outcomes.filter((o) => o.problem).map((o) => `${o.target.name}: ${o.problem}`);
    const tested = outcomes.reduce((n, o) => n + o.tested.size, 0);
    const serverErrors = (server.log().match(/unhandled error/g) ?? []).length;
    const minutes = (performance.now() - started) / 60_000;
    t.diagnostic(`sqlmap: ${targets.length} targets, ${findings.length} findings (${tested} injection points tested, --level ${LEVEL} --risk ${RISK}, ${minutes.toFixed(1)} min; server 5xx logged: ${serverErrors})`);
    assert.deepEqual(findings, [], 'SQL injection found');
    assert.deepEqual(problems, [], 'targets sqlmap could not test');
    assert.equal(serverErrors, 0, `the server logged unhandled errors: ${server.log().slice(-3000)}`);
    assert.equal(server.process.exitCode, null, 'the server is still running');
  });

  async function readOperations(base: string): Promise<Operation[]> {
    const doc = (await call(base, 'GET', '/api/docs/json')).json() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string; required: boolean; schema: JsonSchema }[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>> };
    const out: Operation[] = [];
    for (const [p, byMethod] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(byMethod)) {
        const params = op.parameters ?? [];
        out.push({ method: method.toUpperCase(), path: p, key: `${method.toUpperCase()} ${p}`, summary: '', params: params.filter((x) => x.in === 'path'), query: params.filter((x) => x.in === 'query'), body: op.requestBody?.content?.['application/json']?.schema });
      }
    }
    return out;
  }

  function idFor(table: string | undefined): string {
    return (table && ids.get(table)) ?? '00000000-0000-4000-8000-000000000001';
  }

  function sampleValue(name: string, s: JsonSchema, opPath: string): string {
    const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
    if (s.enum?.length) return String(s.enum[0]);
    if (s.format === 'uuid') return idFor(tableForParam(opPath, name));
    if (type === 'integer' || type === 'number') return String(Math.max(1, Number(s.minimum ?? 1)));
    if (type === 'boolean') return 'false';
    if (/^(from|to|before)$|On$|Date$/.test(name)) return '2026-01-01';
    if (name === 'code') return '999';
    if (name === 'slug') return 'underretning';
    if (name === 'kind') return 'children';
    return 'Test';
  }

  /** A GET's URL with `*` after each path and query value. */
  function getUrl(op: Operation): { url: string; points: number } {
    let url = op.path;
    for (const p of op.params) url = url.replace(`{${p.name}}`, `${encodeURIComponent(sampleValue(p.name, p.schema, op.path))}*`);
    const q = op.query.map((p) => `${p.name}=${encodeURIComponent(sampleValue(p.name, p.schema, op.path))}*`);
    return { url: q.length ? `${url}?${q.join('&')}` : url, points: op.params.length + op.query.length };
  }

  /** The first actor whose plain GET (no injection) is answered 2xx; else the pædagog. */
  async function actorFor(url: string): Promise<{ actor: Actor; plainStatus: number }> {
    const plain = url.replaceAll('*', '');
    let first = 0;
    for (const actor of ['paedagog', 'leder', 'admin', 'dpo'] as const) {
      const { status } = await call(server.base, 'GET', plain, sessions.get(actor));
      if (status >= 200 && status < 300) return { actor, plainStatus: status };
      first ||= status;
    }
    return { actor: 'paedagog', plainStatus: first };
  }

  async function buildTargets(): Promise<Target[]> {
    const targets: Target[] = [];
    const gets = ops.filter((o) => o.method === 'GET' && (o.params.length || o.query.length) && !EXCLUDED.some((re) => re.test(o.path)));
    // Every GET with query parameters; of those with path ids only, the first per module.
    const modules = new Set<string>();
    for (const op of gets) {
      const module = op.path.split('/')[2]!;
      if (!op.query.length) {
        if (modules.has(module)) continue;
        modules.add(module);
      }
      const { url, points } = getUrl(op);
      targets.push({ name: op.key, method: 'GET', url, points, ...(await actorFor(url)) });
    }
    // JSON bodies: what carries names, free text, search terms and CPR numbers into SQL.
    const stafetlog = ids.get('stafetlogs') ?? idFor(undefined);
    const child = ids.get('children')!;
    const bodies: [string, string, Record<string, string | number>, Actor | null][] = [
      ['POST /api/auth/login', '/api/auth/login', { municipalityId: `${DEMO_MUNICIPALITY_ID}*`, username: 'laerer*', password: 'forkert-adgangskode*' }, null],
      ['POST /api/children/search', '/api/children/search', { q: 'Emma*', page: 1, pageSize: 20 }, 'paedagog'],
      ['POST /api/children/lookup', '/api/children/lookup', { cpr: '0101212345*' }, 'paedagog'],
      ['POST /api/children/{id}/reveal-cpr', `/api/children/${child}*/reveal-cpr`, { purpose: 'Kontrol af sqlmap*' }, 'paedagog'],
      ['POST /api/audit/child-lookup', '/api/audit/child-lookup', { cpr: '0101212345*' }, 'dpo'],
      ['POST /api/org/districts', '/api/org/districts', { name: 'Distrikt sqlmap*' }, 'admin'],
      ['POST /api/stafetlogs/{id}/entries', `/api/stafetlogs/${stafetlog}*/entries`, { kind: 'note*', body: 'Notat fra sqlmap*' }, 'paedagog'],
      ['POST /api/public/portal/demo-login', '/api/public/portal/demo-login', { municipalityId: `${DEMO_MUNICIPALITY_ID}*`, custodyHolderId: `${idFor('custody_holders')}*` }, null],
    ];
    for (const [key, url, body, actor] of bodies) {
      assert.ok(ops.some((o) => o.key === key), `${key} is no longer in the OpenAPI document: update the sqlmap targets`);
      const data = JSON.stringify(body);
      targets.push({ name: key, method: 'POST', url, data, actor, points: (url + data).split('*').length - 1 });
    }
    return targets;
  }

  function runSqlmap(target: Target, testCookie: boolean, base = server.base): Promise<Outcome> {
    const started = performance.now();
    const s = target.actor ? sessions.get(target.actor)! : undefined;
    const args = [
      '-u', base + target.url,
      '--batch', '--level', LEVEL, '--risk', RISK, '--dbms', 'PostgreSQL', '--time-sec', '2', '--timeout', '20', '--retries', '1',
      '--threads', '1', '--flush-session', '--output-dir', workDir, '--disable-coloring', '--drop-set-cookie', '-v', '1',
      // 4xx is an answer, not an error: a refused payload is what we hope to see.
      '--ignore-code', '400,401,403,404,409,412,413,415,422,428,429',
    ];
    if (target.method !== 'GET') args.push('--method', target.method);
    if (target.data) args.push('--data', target.data);
    if (s) {
      // The session cookie is an injection point once (first target), not on every route.
      args.push('--cookie', testCookie ? `${s.cookie}*` : s.cookie);
      if (target.method !== 'GET') args.push('--headers', `X-CSRF-Token: ${s.csrf}`);
    }
    return new Promise((resolve) => {
      const child = spawn('sqlmap', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), TARGET_SECONDS * 1000);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const tested = new Set([...out.matchAll(/testing for SQL injection on (.+?) parameter '(.+?)'/g)].map((m) => `${m[1]} ${m[2]}`));
        const findings = [...out.matchAll(/^Parameter: (.+)$/gm)].map((m) => m[1]!.trim());
        if (/identified the following injection point/.test(out) && findings.length === 0) findings.push('injection point (see sqlmap output)');
        let problem: string | undefined;
        if (signal) problem = `stopped after ${TARGET_SECONDS} s`;
        else if (tested.size === 0) problem = `no parameter tested (exit ${code}): ${lastLines(out)}`;
        else if (!/do not appear to be injectable|identified the following injection point/.test(out)) problem = `no verdict (exit ${code}): ${lastLines(out)}`;
        if (findings.length || problem) keepOutput = true;
        if (findings.length || problem) fs.writeFileSync(path.join(workDir, `${target.name.replace(/\W+/g, '_')}.log`), out);
        resolve({ target, findings, tested, problem, seconds: (performance.now() - started) / 1000 });
      });
    });
  }
});

const lastLines = (out: string) => out.trim().split('\n').slice(-4).join(' | ');

/** A route that builds its SQL from the query string: what sqlmap must find. Never part of the app. */
async function vulnerableControl(url: string): Promise<{ base: string; close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const srv = http.createServer(async (req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? '';
    try {
      const r = await client.query(`SELECT first_name FROM children WHERE first_name = '${name}' LIMIT 3`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(r.rows));
    } catch {
      res.writeHead(500).end('error');
    }
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    async close() {
      await new Promise((r) => srv.close(r));
      await client.end();
    },
  };
}
