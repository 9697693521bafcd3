// Issue 6 item 6: every route that reads or writes a child's data leaves exactly the expected
// audit rows (action, resource type, child), written in the request's own transaction: with
// the audit insert made to fail (a trigger installed and dropped by the owner around one
// request) the request fails and writes nothing. The hash chain verifies — in the domain
// verifier, the DPO's route and the `npm run audit:verify` CLI — and a changed row is found.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ChainVerifier, type VerifyResult } from '../../src/domain/audit-chain.ts';
import { waitForImport } from '../../src/modules/imports/service.ts';
import { login } from '../fixtures.ts';
import { NO_CHILD_DATA, SCENARIOS, type Scenario, type State } from './audit-routes.ts';
import { operations, type Operation } from './openapi.ts';
import { changedTables, citizenLogin, fingerprint, buildWorld, type World } from './world.ts';

describe('audit coverage of every route that touches a child (PostgreSQL)', () => {
  let w: World;
  let s: State;
  let ops: Operation[];

  before(async () => {
    w = await buildWorld();
    ops = await operations(w.app);
    s = {
      w,
      c: { ...w.clients, laerer: await login(w.app, w.t, 'laerer'), far: await citizenLogin(w.app, w.t.municipalityId, w.family.far) },
      v: {},
      version: async (table, id) => (await w.db.pool.query<{ version: number }>(`SELECT version FROM "${table}" WHERE id = $1`, [id])).rows[0]!.version,
    };
  });
  after(async () => {
    await w?.close();
  });

  const lastSeq = async () => (await w.db.pool.query<{ n: number }>('SELECT coalesce(max(seq), 0)::int AS n FROM audit_events WHERE municipality_id = $1', [w.t.municipalityId])).rows[0]!.n;
  const allRows = async () => (await w.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events')).rows[0]!.n;
  const sessions = async () => (await w.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions')).rows[0]!.n;
  const label = (childId: string | null) => {
    if (!childId) return '-';
    const named = Object.entries(w.t.children).find(([, id]) => id === childId)?.[0];
    return named ?? (childId === s.v.newChild ? 'new' : `other:${childId}`);
  };

  async function send(sc: Scenario) {
    const client = sc.who === 'anonymous' ? undefined : s.c[sc.who];
    const [method, ...rest] = sc.route.split(' ');
    void rest;
    const headers: Record<string, string> = {};
    if (client) headers.cookie = client.cookie;
    if (client && method !== 'GET') headers['x-csrf-token'] = client.csrf;
    if (sc.ifMatch) {
      const [table, id] = sc.ifMatch(s);
      headers['if-match'] = `"${await s.version(table, id)}"`;
    }
    const body = sc.body?.(s);
    return w.app.inject({ method: method as 'GET', url: sc.url(s), headers, ...(body === undefined ? {} : { payload: body as object }) });
  }

  async function failAudit<T>(fn: () => Promise<T>): Promise<T> {
    await w.db.pool.query(`
      CREATE OR REPLACE FUNCTION reliability_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the audit store refuses the row (reliability test)'; END $$;
      CREATE TRIGGER reliability_fail_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION reliability_fail_audit();`);
    try {
      return await fn();
    } finally {
      await w.db.pool.query('DROP TRIGGER reliability_fail_audit ON audit_events; DROP FUNCTION reliability_fail_audit();');
    }
  }

  it('every route of the OpenAPI document is classified: a child route has a scenario, any other a reason', () => {
    const keys = new Set(ops.map((o) => o.key));
    const covered = new Set(SCENARIOS.map((x) => x.route));
    const unclassified = [...keys].filter((k) => !covered.has(k) && !(k in NO_CHILD_DATA));
    assert.deepEqual(unclassified, [], 'a new route: add a scenario to audit-routes.ts if it touches a child, else a reason to NO_CHILD_DATA');
    assert.deepEqual([...covered, ...Object.keys(NO_CHILD_DATA)].filter((k) => !keys.has(k)), [], 'stale entries: the route is gone');
    assert.deepEqual([...covered].filter((k) => k in NO_CHILD_DATA), [], 'a route is either a child route or not');
    assert.equal(covered.size, SCENARIOS.length, 'one scenario per route');
  });

  it('each child route leaves exactly its audit rows; with a failing audit insert it fails and writes nothing', async (t) => {
    const mismatches: string[] = [];
    let failChecks = 0;
    let rowsChecked = 0;
    for (const sc of SCENARIOS) {
      await sc.prep?.(s);
      if (sc.audit.length > 0 && !sc.background) {
        const beforeFp = await fingerprint(w.db);
        const [seq0, sessions0] = [await lastSeq(), await sessions()];
        const res = await failAudit(() => send(sc));
        const changed = changedTables(beforeFp, await fingerprint(w.db));
        if (res.statusCode !== 503 || res.json().error?.code !== 'audit.failed') mismatches.push(`${sc.route}: with the audit failing answered ${res.statusCode} ${res.body.slice(0, 120)}`);
        if (changed.length) mismatches.push(`${sc.route}: with the audit failing still wrote ${changed.join(', ')}`);
        if ((await lastSeq()) !== seq0) mismatches.push(`${sc.route}: audit rows appeared although the insert failed`);
        if ((await sessions()) > sessions0) mismatches.push(`${sc.route}: a session was made although the audit failed`);
        failChecks += 1;
      }
      const seq0 = await lastSeq();
      const total0 = await allRows();
      const res = await send(sc);
      if (res.statusCode !== sc.status) {
        mismatches.push(`${sc.route}: answered ${res.statusCode} (expected ${sc.status}) ${res.body.slice(0, 200)}`);
        continue;
      }
      sc.keep?.(res.statusCode === 204 ? null : res.json(), s);
      if (sc.background) await waitForImport(res.json().id);
      const rows = await w.db.kysely.transaction().execute(async (trx) => {
        await sql`SELECT set_config('app.municipality_id', ${w.t.municipalityId}, true)`.execute(trx);
        return trx.selectFrom('auditEvents').selectAll().where('municipalityId', '=', w.t.municipalityId).where('seq', '>', seq0).orderBy('seq').execute();
      });
      const actual = rows.map((r) => `${r.action} ${r.resourceType} ${label(r.childId)}`).sort();
      if (JSON.stringify(actual) !== JSON.stringify([...sc.audit].sort())) mismatches.push(`${sc.route}: audit ${JSON.stringify(actual)}, expected ${JSON.stringify(sc.audit)}`);
      if ((await allRows()) - total0 !== rows.length) mismatches.push(`${sc.route}: audit rows landed in another municipality's chain`);
      if (!sc.background && new Set(rows.map((r) => r.requestId)).size > 1) mismatches.push(`${sc.route}: audit rows of more than one request`);
      rowsChecked += rows.length;
    }
    t.diagnostic(`audit coverage: ${SCENARIOS.length} child routes, ${rowsChecked} audit rows matched, ${failChecks} requests refused with a failing audit insert; ${Object.keys(NO_CHILD_DATA).length} routes without child data`);
    assert.deepEqual(mismatches, []);
  });

  it('a refused request whose denial cannot be audited fails too, and shows nothing of the child', async () => {
    const url = `/api/children/${w.t.children.onCase}`; // the leader does not reach the case worker's child: a denial, audited
    const normal = await s.c.leder.get(url);
    assert.equal(normal.statusCode, 404, normal.body);
    const seq0 = await lastSeq();
    const res = await failAudit(() => s.c.leder.get(url));
    assert.equal(await lastSeq(), seq0);
    assert.deepEqual([res.statusCode, res.json().error.code], [503, 'audit.failed'], res.body);
    assert.doesNotMatch(res.body, /Barn4|Testesen/);
  });

  it('the hash chain verifies (domain verifier, DPO route, CLI) and a changed row is detected', async (t) => {
    const verify = async (): Promise<VerifyResult> =>
      w.db.kysely.transaction().execute(async (trx) => {
        const verifier = new ChainVerifier();
        const rows = await trx.selectFrom('auditEvents').selectAll().where('municipalityId', '=', w.t.municipalityId).orderBy('seq').execute();
        for (const r of rows) if (!verifier.push({ ...r, details: (r.details as Record<string, unknown> | null) ?? null })) break;
        const head = await trx.selectFrom('auditHeads').select('seq').where('municipalityId', '=', w.t.municipalityId).executeTakeFirst();
        return verifier.result(head?.seq ?? 0);
      });
    // The CLI is run both as a login role without superuser rights (row-level security applies)
    // and as the superuser owner (who bypasses it): its own municipality filter must keep the
    // chains apart either way.
    const role = `reliability_cli_${randomBytes(4).toString('hex')}`;
    await w.db.pool.query(`CREATE ROLE ${role} LOGIN IN ROLE tidlig_app`);
    const ownerUrl = (w.db.pool.options as { connectionString: string }).connectionString;
    const roleUrl = new URL(ownerUrl);
    roleUrl.username = role;
    const cli = (url = roleUrl.toString()) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts', w.t.code], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: url } });
    const dpo = await login(w.app, w.t, 'dpo');
    const whole = await verify();
    assert.equal(whole.ok, true, `broken at ${whole.brokenAtSeq}`);
    assert.ok(whole.checked > 100, `only ${whole.checked} rows`);
    const route = (await dpo.post('/api/audit/verify')).json();
    assert.deepEqual([route.ok, route.checked], [true, whole.checked], 'the route sees the same chain');
    const ok = cli();
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    const okAsSuperuser = cli(ownerUrl);
    assert.equal(okAsSuperuser.status, 0, okAsSuperuser.stdout + okAsSuperuser.stderr);

    // Change one row's purpose behind the application's back (as the owner).
    const target = Math.floor(whole.checked / 2);
    await w.db.pool.query(`UPDATE audit_events SET purpose = 'ændret bagefter' WHERE municipality_id = $1 AND seq = $2`, [w.t.municipalityId, target]);
    const broken = await verify();
    assert.deepEqual([broken.ok, broken.brokenAtSeq], [false, target]);
    assert.deepEqual([(await dpo.post('/api/audit/verify')).json().ok], [false]);
    const bad = cli();
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, new RegExp(`BRUDT ved række ${target}\\b`));
    const asSuperuser = cli(ownerUrl);
    assert.equal(asSuperuser.status, 1, asSuperuser.stdout + asSuperuser.stderr);
    assert.match(asSuperuser.stdout, new RegExp(`BRUDT ved række ${target}\\b`));
    await w.db.pool.query(`DROP ROLE ${role}`);
    t.diagnostic(`hash chain: ${whole.checked} rows verify; the row changed at seq ${target} is found by the verifier, the DPO route and the CLI`);
  });
});
