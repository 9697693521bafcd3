import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataContext } from '../../access/scope.ts';
import type { Database } from '../../db/connect.ts';
import { databaseFor, fixedClock, testApp } from '../../../test/harness.ts';
import { auditRowsFor, createTenant, login, type Client, type Tenant } from '../../../test/fixtures.ts';
import * as consent from '../consent/service.ts';
import * as stafetlog from './service.ts';
import { addFamilies, as, citizen, paperConsent, ticking } from './test-helpers.ts';

type Participant = { id: string; userId: string; part: string; active: boolean; leftReason: string | null };

for (const engine of ['postgres', 'pglite'] as const) {
  describe(`stafetlog: taking over a log whose holder has gone (${engine})`, () => {
    const clock = fixedClock(new Date('2026-03-10T10:00:00Z'));
    let harness: Awaited<ReturnType<typeof testApp>>;
    let db: Database;
    let ctx: DataContext;
    let closeDb: () => Promise<void>;
    let t: Tenant;
    let family: Awaited<ReturnType<typeof addFamilies>>;
    const as_: Record<string, Client> = {};
    let logId: string;
    let relayConsent: string;
    /** Who won the take-over, and who came second. */
    let winner: 'paedagogA' | 'laerer';
    let loser: 'paedagogA' | 'laerer';

    const url = () => `/api/stafetlogs/${logId}`;
    const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
    const read = async (who: string = 'paedagogA') => {
      const res = await as_[who]!.get(url());
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    const takeOver = (who: string, headers: Record<string, string> = {}) => as_[who]!.post(`${url()}/take-over`, undefined, headers);
    const partsOf = (log: { participants: Participant[] }) => log.participants.map((p) => [p.userId, p.part, p.active, p.leftReason]);

    before(async () => {
      ({ db, close: closeDb } = await databaseFor(engine));
      ctx = { db, clock };
      harness = await testApp({ db, clock });
      t = await createTenant(db, { clock });
      family = await addFamilies(ctx, t);
      for (const u of ['paedagogA', 'paedagogB', 'laerer', 'leder', 'admin'] as const) as_[u] = ticking(await login(harness.app, t, u), clock);
      // One consent names pædagog B (she will hold the log), another the school (the lærer takes part).
      relayConsent = await paperConsent(as_.paedagogA!, t.children.inA, [family.mor, family.far], { recipients: [{ kind: 'user', id: t.users.paedagogB }] });
      await paperConsent(as_.paedagogA!, t.children.inA, [family.mor, family.far], { recipients: [{ kind: 'institution', id: t.schoolId }] });
      const opened = await as_.paedagogA!.post(`/api/children/${t.children.inA}/stafetlogs`, { concern: 'Trækker sig fra legen.', level: 2 });
      assert.equal(opened.statusCode, 201, opened.body);
      logId = opened.json().id;
      const added = await as_.paedagogA!.post(`${url()}/participants`, { userId: t.users.laerer }, ifMatch(opened.json().version));
      assert.equal(added.statusCode, 201, added.body);
      const relayed = await as_.paedagogA!.post(`${url()}/relays`, { toUserId: t.users.paedagogB }, ifMatch(added.json().version));
      assert.equal(relayed.statusCode, 201, relayed.body);
      const accepted = await as_.paedagogB!.post(`/api/stafetlog-relays/${relayed.json().relays[0].id}/accept`, {});
      assert.equal(accepted.statusCode, 200, accepted.body);
    });
    after(async () => {
      await harness.close();
      await closeDb();
    });

    it('while the holder takes part nobody takes over (409 stafetlog.holder_active); If-Match is required (428/412); a reader who is not a participant is refused', async () => {
      const log = await read();
      assert.deepEqual([log.holder.userId, log.holderActive], [t.users.paedagogB, true]);
      assert.deepEqual(log.me, { part: 'deltager', isHolder: false, canWrite: true });
      for (const who of ['paedagogA', 'laerer', 'paedagogB']) {
        const res = await takeOver(who, ifMatch(log.version));
        assert.deepEqual([res.statusCode, res.json().error.code], [409, 'stafetlog.holder_active'], who);
        assert.match(res.json().error.message, /^Stafetholderen er stadig med i loggen\. Bed stafetholderen give stafetten videre\.$/);
      }
      assert.equal((await takeOver('paedagogA')).statusCode, 428);
      assert.equal((await takeOver('paedagogA', ifMatch(log.version + 1))).statusCode, 412);
      const leder = await takeOver('leder', ifMatch(log.version));
      assert.deepEqual([leder.statusCode, leder.json().error.code], [403, 'access.denied'], 'the leder reads the log (her institution) but takes no part');
      assert.equal((await read()).version, log.version, 'nothing moved');
    });

    it('when the consent behind the holder’s participation is withdrawn, the log has no active holder; the holder’s pending relay stays pending', async () => {
      let log = await read('paedagogB');
      // The lærer is covered through the school (the other consent), so this relay outlives the withdrawal.
      const pending = await as_.paedagogB!.post(`${url()}/relays`, { toUserId: t.users.laerer, message: 'Skolestart' }, ifMatch(log.version));
      assert.equal(pending.statusCode, 201, pending.body);
      const withdrawn = await as(ctx, citizen(t, family.mor, 'Mona Forældresen'), (s) => consent.withdraw(s, relayConsent, 'Vi vil ikke dele med hende mere'));
      assert.ok(!('error' in withdrawn), JSON.stringify(withdrawn));
      assert.equal((await as_.paedagogB!.get(url())).statusCode, 404, 'the holder lost her access like anyone else');
      log = await read();
      assert.deepEqual([log.holder.userId, log.holderActive], [t.users.paedagogB, false]);
      const holder = log.participants.find((p: Participant) => p.userId === t.users.paedagogB);
      assert.deepEqual([holder.part, holder.active, holder.leftReason], ['stafetholder', false, 'consent_withdrawn']);
      assert.equal(log.relays.at(-1).status, 'pending');
    });

    it('any active participant may take over (If-Match on the log); of two at once one wins and the other gets 412', async () => {
      const before = await read();
      assert.equal((await takeOver('paedagogA')).statusCode, 428);
      assert.equal((await takeOver('paedagogA', ifMatch(before.version - 1))).statusCode, 412);
      assert.equal((await takeOver('leder', ifMatch(before.version))).json().error.code, 'access.denied');
      assert.deepEqual(await as(ctx, citizen(t, family.far, 'Frank Forældresen'), (s) => stafetlog.takeOver(s, logId, before.version)), { error: 'access.denied', status: 403 });
      const both = await Promise.all([takeOver('paedagogA', ifMatch(before.version)), takeOver('laerer', ifMatch(before.version))]);
      assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 412], both.map((r) => r.body).join('\n'));
      winner = both[0]!.statusCode === 200 ? 'paedagogA' : 'laerer';
      loser = winner === 'paedagogA' ? 'laerer' : 'paedagogA';
      const won = both.find((r) => r.statusCode === 200)!;
      const log = won.json();
      assert.equal(won.headers.etag, `"${before.version + 1}"`);
      assert.deepEqual([log.version, log.holder.userId, log.holderActive], [before.version + 1, t.users[winner], true]);
      assert.deepEqual(log.me, { part: 'stafetholder', isHolder: true, canWrite: true });
      // The winner's own participation became the holder's: no new row, no new disclosure.
      const mine = log.participants.filter((p: Participant) => p.userId === t.users[winner] && p.active);
      const was = before.participants.filter((p: Participant) => p.userId === t.users[winner] && p.active);
      assert.deepEqual([mine.length, mine[0].id, mine[0].part], [1, was[0].id, 'stafetholder']);
      assert.deepEqual(partsOf(log).filter(([, , active]) => active).map(([u, part]) => [u, part]).sort(), [
        [t.users[loser], 'deltager'],
        [t.users[winner], 'stafetholder'],
      ].sort());
      // The gone holder's relay is cancelled: the new holder decides who gets the log next.
      assert.equal(log.relays.at(-1).status, 'cancelled');
      const audit = await auditRowsFor(db, t.municipalityId, { childId: t.children.inA, action: 'update' });
      const details = (d: unknown) => (typeof d === 'string' ? JSON.parse(d) : d) as Record<string, unknown> | null;
      const row = audit.find((a) => a.resourceId === logId && details(a.details)?.takenOver === true);
      assert.ok(row, 'the take-over is audited');
      assert.equal(row.actorUserId, t.users[winner]);
      assert.deepEqual([details(row.details)!.previousHolder, details(row.details)!.previousHolderGone], [t.users.paedagogB, 'consent_withdrawn']);

      const second = await takeOver(loser, ifMatch(log.version));
      assert.deepEqual([second.statusCode, second.json().error.code], [409, 'stafetlog.holder_active'], 'now there is a holder again');
      const patched = await as_[winner]!.patch(url(), { concern: 'Trækker sig fra legen; ny stafetholder.' }, ifMatch(log.version));
      assert.equal(patched.statusCode, 200, 'the new holder does what a holder does');
      assert.equal((await as_[loser]!.get('/api/stafetlogs/mine')).json().logs[0].holder.userId, t.users[winner]);
    });

    it('a holder whose user is deactivated has gone too; a closed log cannot be taken over', async () => {
      const staff = await as_.admin!.get(`/api/staff/${t.users[winner]}`);
      const off = await as_.admin!.patch(`/api/staff/${t.users[winner]}`, { deactivated: true }, { 'if-match': String(staff.headers.etag) });
      assert.equal(off.statusCode, 200, off.body);
      const before = await read(loser);
      assert.equal(before.holderActive, false);
      const res = await takeOver(loser, ifMatch(before.version));
      assert.equal(res.statusCode, 200, res.body);
      const log = res.json();
      assert.deepEqual([log.holder.userId, log.holderActive], [t.users[loser], true]);
      // The deactivated user's participation is still open, as a deltager now.
      assert.deepEqual(partsOf(log).filter(([, , active]) => active).map(([u, part]) => [u, part]).sort(), [
        [t.users[loser], 'stafetholder'],
        [t.users[winner], 'deltager'],
      ].sort());
      const closed = await as_[loser]!.post(`${url()}/close`, { reason: 'Barnet trives' }, ifMatch(log.version));
      assert.equal(closed.statusCode, 200, closed.body);
      const late = await takeOver('leder', ifMatch(closed.json().version));
      assert.deepEqual([late.statusCode, late.json().error.code], [409, 'stafetlog.closed']);
    });
  });
}
