import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../db/connect.ts';
import { databaseFor, fixedClock, testApp } from '../../test/harness.ts';
import { auditRowsFor, createTenant, login, type Client, type Tenant } from '../../test/fixtures.ts';
import { addFamilies, noticesOf, paperConsent } from '../modules/stafetlog/test-helpers.ts';
import { runStafetlogReminders } from './stafetlog-reminders.ts';

// Monday 9 March 2026. The owner of an action is told from 2 days before its date and once
// more when it is overdue; the stafetholder likewise for an evaluation. Re-runs deliver nothing new.
for (const engine of ['postgres', 'pglite'] as const) {
  describe(`stafetlog reminders for due actions and evaluations (${engine})`, () => {
    const clock = fixedClock(new Date('2026-03-09T06:00:00Z'));
    const at = (day: string) => clock.set(new Date(`${day}T06:00:00Z`)); // 07:00 in Copenhagen
    let harness: Awaited<ReturnType<typeof testApp>>;
    let db: Database;
    let closeDb: () => Promise<void>;
    let t: Tenant;
    let a: Client;
    let logUrl: string;
    let actionB: { id: string; version: number };
    const run = () => runStafetlogReminders({ db, clock });
    const kinds = async (userId: string) => (await noticesOf(db, userId)).filter((n) => /_due$|_overdue$/.test(n.kind)).map((n) => `${n.kind} ${n.params.dueDate}`);

    before(async () => {
      ({ db, close: closeDb } = await databaseFor(engine));
      harness = await testApp({ db, clock });
      t = await createTenant(db, { clock });
      await createTenant(db, { clock }); // another municipality, run by the same job
      const family = await addFamilies({ db, clock }, t);
      a = await login(harness.app, t, 'paedagogA');
      await paperConsent(a, t.children.inA, [family.mor, family.far], { recipients: [{ kind: 'user', id: t.users.paedagogB }] });
      const log = await a.post(`/api/children/${t.children.inA}/stafetlogs`, { concern: 'Uro', level: 2 });
      assert.equal(log.statusCode, 201, log.body);
      logUrl = `/api/stafetlogs/${log.json().id}`;
      assert.equal((await a.post(`${logUrl}/participants`, { userId: t.users.paedagogB }, { 'if-match': '1' })).statusCode, 201);
      const b = await a.post(`${logUrl}/actions`, { text: 'Tal med PPR', owner: { kind: 'user', userId: t.users.paedagogB }, dueDate: '2026-03-12' });
      actionB = b.json().actions.find((x: { text: string }) => x.text === 'Tal med PPR');
      await a.post(`${logUrl}/actions`, { text: 'Forældrene ringer til lægen', owner: { kind: 'family' }, dueDate: '2026-03-10' });
      await a.post(`${logUrl}/actions`, { text: 'Observation', owner: { kind: 'user', userId: t.users.paedagogA }, dueDate: '2026-03-30' });
      assert.equal((await a.post(`${logUrl}/evaluations`, { dueDate: '2026-03-11' })).statusCode, 201);
    });
    after(async () => {
      await harness.close();
      await closeDb();
    });

    it('two days before the evaluation the holder is told; nothing yet for an action three days off; a re-run adds nothing', async () => {
      assert.deepEqual(await run(), { municipalities: 2, delivered: 1 });
      assert.deepEqual(await kinds(t.users.paedagogA), ['stafetlog.evaluation_due 2026-03-11']);
      assert.deepEqual(await kinds(t.users.paedagogB), []);
      assert.deepEqual(await run(), { municipalities: 2, delivered: 0 });
      const audit = await auditRowsFor(db, t.municipalityId, { action: 'create' });
      assert.equal(audit.filter((r) => r.resourceType === 'notice' && r.purpose === 'stafetlog.reminder').length, 1);
    });

    it('the action’s owner is told two days before, and once more when it is overdue; the family’s action reminds no one', async () => {
      at('2026-03-10');
      assert.equal((await run()).delivered, 1);
      assert.deepEqual(await kinds(t.users.paedagogB), ['stafetlog.action_due 2026-03-12']);
      at('2026-03-12');
      assert.equal((await run()).delivered, 1); // the evaluation is now overdue
      assert.deepEqual(await kinds(t.users.paedagogA), ['stafetlog.evaluation_due 2026-03-11', 'stafetlog.evaluation_overdue 2026-03-11']);
      at('2026-03-13');
      assert.equal((await run()).delivered, 1);
      assert.deepEqual((await kinds(t.users.paedagogB)).at(-1), 'stafetlog.action_overdue 2026-03-12');
      assert.equal((await noticesOf(db, t.users.paedagogB)).at(-1)!.link, logUrl.replace('/api/stafetlogs/', '/stafetlog/'));
      assert.equal((await run()).delivered, 0);
    });

    it('a moved date reminds again; a finished action does not', async () => {
      clock.advance(3_600_000); // later that morning
      a = await login(harness.app, t, 'paedagogA'); // days have passed: a new session
      const moved = await a.patch(`${logUrl}/actions/${actionB.id}`, { dueDate: '2026-03-15' }, { 'if-match': String(actionB.version) });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal((await run()).delivered, 1);
      assert.deepEqual((await kinds(t.users.paedagogB)).at(-1), 'stafetlog.action_due 2026-03-15');
      await a.patch(`${logUrl}/actions/${actionB.id}`, { status: 'done' }, { 'if-match': String(actionB.version + 1) });
      at('2026-03-16');
      assert.equal((await run()).delivered, 0);
    });
  });
}
