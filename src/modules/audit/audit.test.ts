import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { testApp, testDatabase } from '../../../test/harness.ts';
import { auditRowsFor, createTenant, login, type Client, type Tenant } from '../../../test/fixtures.ts';

describe('audit trail', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let harness: Awaited<ReturnType<typeof testApp>>;
  let t: Tenant;
  let other: Tenant;
  let dpo: Client;
  let leder: Client;
  let admin: Client;

  before(async () => {
    env = await testDatabase();
    harness = await testApp({ db: env.db });
    t = await createTenant(env.db);
    other = await createTenant(env.db);
    dpo = await login(harness.app, t, 'dpo');
    leder = await login(harness.app, t, 'leder');
    admin = await login(harness.app, t, 'admin');
  });
  after(async () => {
    await harness.close();
    await env.close();
  });

  /** Run SQL as the table owner with the tenant set (tests only: the app never does this). */
  const asOwner = <T>(municipalityId: string, fn: (trx: Transaction<DB>) => Promise<T>) =>
    env.db.kysely.transaction().execute(async (trx) => {
      await sql`SELECT set_config('app.municipality_id', ${municipalityId}, true)`.execute(trx);
      return fn(trx);
    });

  it('a read records who, when, what and which child', async () => {
    const res = await leder.get(`/api/children/${t.children.inA}`);
    assert.equal(res.statusCode, 200);
    const row = (await auditRowsFor(env.db, t.municipalityId, { childId: t.children.inA, action: 'read' })).at(-1)!;
    assert.equal(row.actorUserId, t.users.leder);
    assert.equal(row.actorName, 'Test leder');
    assert.equal(row.actorRole, 'leder');
    assert.equal(row.resourceType, 'child');
    assert.equal(row.outcome, 'allowed');
    assert.ok(Date.now() - row.at.getTime() < 60_000);
    assert.ok(row.requestId, 'the request id ties the row to the server log');
  });

  it('if the audit row cannot be written, the request fails and its change is not kept', async () => {
    await asOwner(t.municipalityId, (trx) => sql`ALTER TABLE audit_events ADD CONSTRAINT audit_blocked CHECK (false) NOT VALID`.execute(trx));
    try {
      const read = await leder.get(`/api/children/${t.children.inA}`);
      assert.equal(read.statusCode, 503);
      assert.equal(read.json().error.code, 'audit.failed');
      const write = await admin.post('/api/org/districts', { name: 'Skal ikke gemmes' });
      assert.equal(write.statusCode, 503);
    } finally {
      await asOwner(t.municipalityId, (trx) => sql`ALTER TABLE audit_events DROP CONSTRAINT audit_blocked`.execute(trx));
    }
    const districts = await asOwner(t.municipalityId, (trx) => trx.selectFrom('districts').select('name').where('name', '=', 'Skal ikke gemmes').execute());
    assert.deepEqual(districts, []);
  });

  it('the application role cannot change or delete audit rows', async () => {
    await assert.rejects(
      env.db.kysely.transaction().execute(async (trx) => {
        await sql`SELECT set_config('app.municipality_id', ${t.municipalityId}, true)`.execute(trx);
        await sql`SET LOCAL ROLE tidlig_app`.execute(trx);
        await trx.deleteFrom('auditEvents').execute();
      }),
      /permission denied/,
    );
  });

  it('the data-protection officer sees the log, and reading it is itself logged', async () => {
    const res = await dpo.get(`/api/audit/events?childId=${t.children.inA}`);
    assert.equal(res.statusCode, 200);
    const items = res.json().items as { action: string; actorUserId: string }[];
    assert.ok(items.some((e) => e.action === 'read' && e.actorUserId === t.users.leder));
    const self = (await auditRowsFor(env.db, t.municipalityId, { action: 'read' })).filter((r) => r.resourceType === 'audit_log');
    assert.equal(self.length, 1);
  });

  it("a child's extract lists everyone who used the child's data", async () => {
    const found = await dpo.post('/api/audit/child-lookup', { cpr: await cprOf(t.children.inA) });
    assert.equal(found.statusCode, 200);
    const extract = await dpo.get(`/api/audit/children/${found.json().id}/extract`);
    assert.equal(extract.statusCode, 200);
    const actors = new Set((extract.json().items as { actorUserId: string | null }[]).map((e) => e.actorUserId));
    assert.ok(actors.has(t.users.leder));
    assert.match(extract.json().child.cprMasked, /-xxxx$/);
  });

  it('only the data-protection officer reads the log; another municipality sees none of it', async () => {
    assert.equal((await leder.get('/api/audit/events')).statusCode, 403);
    assert.equal((await admin.post('/api/audit/verify')).statusCode, 403);
    const otherDpo = await login(harness.app, other, 'dpo');
    const res = await otherDpo.get(`/api/audit/events?childId=${t.children.inA}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().items, []);
    assert.equal((await otherDpo.get(`/api/audit/children/${t.children.inA}/extract`)).statusCode, 404);
  });

  it('the hash chain verifies, and a changed row is found', async () => {
    const ok = await dpo.post('/api/audit/verify');
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().ok, true, ok.body);
    assert.ok(ok.json().checked >= 5, ok.body);
    const target = (await auditRowsFor(env.db, t.municipalityId, { action: 'read' }))[0]!;
    await asOwner(t.municipalityId, (trx) => trx.updateTable('auditEvents').set({ actorName: 'Skjult' }).where('seq', '=', target.seq).execute());
    const broken = await dpo.post('/api/audit/verify');
    assert.equal(broken.json().ok, false);
    assert.equal(broken.json().brokenAtSeq, target.seq);
    // Other municipalities' chains are separate and still whole.
    const otherDpo = await login(harness.app, other, 'dpo');
    assert.equal((await otherDpo.post('/api/audit/verify')).json().ok, true);
  });

  async function cprOf(childId: string): Promise<string> {
    const row = await asOwner(t.municipalityId, (trx) => trx.selectFrom('children').select('cpr').where('id', '=', childId).executeTakeFirstOrThrow());
    return row.cpr;
  }
});
