import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../db/connect.ts';
import { databaseFor, fixedClock, testApp } from '../../test/harness.ts';
import { auditRowsFor, createTenant, login, type Tenant } from '../../test/fixtures.ts';
import { startJobs } from './boss.ts';
import { runScreeningReminders } from './screening-reminders.ts';

// A daycare round 2–20 March 2026 (closes on a Friday): the first reminder goes out from
// Friday 13 March, the last from Wednesday 18 March.
for (const engine of ['postgres', 'pglite'] as const) {
  describe(`reminders before a screening round closes, as notices (${engine})`, () => {
    const clock = fixedClock(new Date('2026-03-10T08:00:00Z'));
    const at = (day: string) => clock.set(new Date(`${day}T06:00:00Z`)); // 07:00 in Copenhagen, when the job runs
    let harness: Awaited<ReturnType<typeof testApp>>;
    let db: Database;
    let closeDb: () => Promise<void>;
    let t: Tenant;
    let other: Tenant;

    const noticesOf = async (userId: string) =>
      (
        await db.kysely
          .selectFrom('notices')
          .select(['kind', 'params', 'dedupeKey', 'link'])
          .where('userId', '=', userId)
          .orderBy('createdAt')
          .execute()
      ).map((n) => ({ ...n, params: typeof n.params === 'string' ? JSON.parse(n.params) : n.params }));

    before(async () => {
      ({ db, close: closeDb } = await databaseFor(engine));
      harness = await testApp({ db, clock });
      t = await createTenant(db, { clock });
      other = await createTenant(db, { clock });
      const admin = await login(harness.app, t, 'admin');
      const round = await admin.post('/api/screening/rounds', { name: 'Forår 2026', institutionTypes: ['boernehave'], opensOn: '2026-03-02', closesOn: '2026-03-20' });
      assert.equal(round.statusCode, 201, round.body);
      // Group A's only child is rated; group B's is not.
      const paedagog = await login(harness.app, t, 'paedagogA');
      const sheet = (await paedagog.get(`/api/screening/rounds/${round.json().id}/groups/${t.groupA}`)).json();
      const green = sheet.positions[0].id;
      const saved = await paedagog.post(`/api/screening/rounds/${round.json().id}/groups/${t.groupA}/ratings`, { ratings: [{ childId: t.children.inA, positionId: green }] });
      assert.equal(saved.statusCode, 201, saved.body);
    });
    after(async () => {
      await harness.close();
      await closeDb();
    });

    it('nothing before the first reminder day', async () => {
      at('2026-03-12');
      assert.deepEqual(await runScreeningReminders({ db, clock }), { municipalities: 2, delivered: 0 });
    });

    it('a week before: the pædagog of the unfinished group and the leader are told, through the job queue', async () => {
      at('2026-03-13');
      const jobs = await startJobs({ db, clock });
      try {
        // runAtStart: the queue runs the job once; wait for it to finish.
        for (let i = 0; i < 100; i++) {
          const { rows } = await sql<{ state: string }>`SELECT state FROM pgboss.job WHERE name = 'screening-reminders'`.execute(db.kysely);
          if (rows.some((r) => r.state === 'completed')) break;
          assert.ok(!rows.some((r) => r.state === 'failed'), 'the job failed');
          await new Promise((r) => setTimeout(r, 200));
        }
      } finally {
        await jobs.stop();
      }
      const expected = { round: 'Forår 2026', closesOn: '2026-03-20', daysLeft: 8, missing: 1, groups: 1 };
      const key = (n: { dedupeKey: string }) => n.dedupeKey.replace(/:[0-9a-f-]{36}:/, ':<round>:');
      const b = await noticesOf(t.users.paedagogB);
      assert.deepEqual(b.map((n) => [n.kind, n.params, key(n), n.link]), [['screening.reminder', expected, 'screening.reminder:<round>:7', '/trivsel']]);
      const leader = await noticesOf(t.users.leder);
      assert.deepEqual(leader.map((n) => [n.kind, n.params]), [['screening.reminder_leader', expected]]);
      assert.deepEqual(await noticesOf(t.users.paedagogA), [], 'group A is done');
      assert.deepEqual(await noticesOf(t.users.laerer), [], 'the school is not in the round');
      assert.deepEqual(await noticesOf(other.users.paedagogB), [], 'another municipality has no round');
      const audit = await auditRowsFor(db, t.municipalityId, { action: 'create' });
      assert.equal(audit.filter((a) => a.resourceType === 'notice' && a.actorKind === 'system').length, 1);
    });

    it('running again the same day, or the next, delivers nothing new; two days before, the last call goes out', async () => {
      at('2026-03-13');
      assert.equal((await runScreeningReminders({ db, clock })).delivered, 0);
      at('2026-03-16');
      assert.equal((await runScreeningReminders({ db, clock })).delivered, 0);
      at('2026-03-18');
      assert.equal((await runScreeningReminders({ db, clock })).delivered, 2);
      const last = (await noticesOf(t.users.paedagogB)).at(-1)!;
      assert.equal(last.params.daysLeft, 3);
      assert.match(last.dedupeKey, /:2$/);
      at('2026-03-21');
      assert.equal((await runScreeningReminders({ db, clock })).delivered, 0, 'the round has closed');
    });

    it('a user reads and marks only their own notices; another municipality sees none of them', async () => {
      at('2026-03-21');
      const b = await login(harness.app, t, 'paedagogB');
      const list = await b.get('/api/notices');
      assert.equal(list.statusCode, 200, list.body);
      assert.equal(list.json().unread, 2);
      assert.deepEqual(list.json().items.map((n: { params: { daysLeft: number } }) => n.params.daysLeft), [3, 8]);
      const [newest] = list.json().items;
      assert.equal((await b.post(`/api/notices/${newest.id}/read`)).statusCode, 204);
      assert.equal((await b.get('/api/notices?unreadOnly=true')).json().items.length, 1);

      const leader = await login(harness.app, t, 'leder');
      const leaderNotice = (await leader.get('/api/notices')).json().items[0].id;
      assert.equal((await b.post(`/api/notices/${leaderNotice}/read`)).statusCode, 404, "another user's notice is like a missing one");
      const otherUser = await login(harness.app, other, 'paedagogB');
      assert.equal((await otherUser.post(`/api/notices/${newest.id}/read`)).statusCode, 404);
      assert.deepEqual((await otherUser.get('/api/notices')).json(), { items: [], unread: 0 });

      assert.deepEqual((await b.post('/api/notices/read-all')).json(), { marked: 1 });
      assert.equal((await b.get('/api/notices')).json().unread, 0);
      const bad = await b.get('/api/notices?limit=0');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'request.invalid');
    });
  });
}
