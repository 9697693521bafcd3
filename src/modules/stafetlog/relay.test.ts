import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataContext } from '../../access/scope.ts';
import type { Database } from '../../db/connect.ts';
import { databaseFor, fixedClock, testApp } from '../../../test/harness.ts';
import { auditRowsFor, createTenant, login, PASSWORD, type Client, type Tenant } from '../../../test/fixtures.ts';
import { addFamilies, addStaff, count, noticesOf, paperConsent, put, ticking } from './test-helpers.ts';

for (const engine of ['postgres', 'pglite'] as const) {
  describe(`stafetlog: relay, receipts, "mine", transfer, settings (${engine})`, () => {
    const clock = fixedClock(new Date('2026-03-10T10:00:00Z'));
    let harness: Awaited<ReturnType<typeof testApp>>;
    let db: Database;
    let ctx: DataContext;
    let closeDb: () => Promise<void>;
    let t: Tenant;
    let family: Awaited<ReturnType<typeof addFamilies>>;
    const as_: Record<string, Client> = {};
    let skoleleder: string;
    let logId: string;
    let version: number;

    const url = () => `/api/stafetlogs/${logId}`;
    const ifMatch = (v: number) => ({ 'if-match': String(v) });
    const current = async (who = 'paedagogB') => {
      const res = await as_[who]!.get(url());
      if (res.statusCode === 200) version = res.json().version;
      return res;
    };
    const pendingRelay = async (who: string) => (await as_[who]!.get('/api/stafetlogs/mine')).json().relaysAwaiting[0];

    before(async () => {
      ({ db, close: closeDb } = await databaseFor(engine));
      ctx = { db, clock };
      harness = await testApp({ db, clock });
      t = await createTenant(db, { clock });
      family = await addFamilies(ctx, t);
      for (const u of ['paedagogA', 'paedagogB', 'laerer', 'admin', 'leder'] as const) as_[u] = ticking(await login(harness.app, t, u), clock);
      skoleleder = await addStaff(as_.admin!, 'skoleleder', 'leder', { role: 'leder', unitKind: 'institution', unitId: t.schoolId }, PASSWORD);
      as_.skoleleder = ticking(await login(harness.app, t, 'skoleleder'), clock);
      const opened = await as_.paedagogB!.post(`/api/children/${t.children.inB}/stafetlogs`, { concern: 'Sprogligt efter; skal i skole til august.', level: 1 });
      assert.equal(opened.statusCode, 201, opened.body);
      logId = opened.json().id;
      version = opened.json().version;
    });
    after(async () => {
      await harness.close();
      await closeDb();
    });

    it('a relay to a receiver no consent covers is refused and leaves nothing behind', async () => {
      const res = await as_.paedagogB!.post(`${url()}/relays`, { toUserId: t.users.paedagogA }, ifMatch(version));
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().error.code, 'consent.required');
      assert.deepEqual((await current()).json().relays, []);
      assert.equal(await count(db, t.municipalityId, 'notices'), 0);
      assert.equal((await as_.paedagogB!.post(`${url()}/relays`, { toUserId: t.users.paedagogA })).statusCode, 428);
      assert.equal((await as_.paedagogB!.post(`${url()}/relays`, { toUserId: t.users.paedagogA, toInstitutionId: t.schoolId }, ifMatch(version))).statusCode, 400);
    });

    it('with consent for the transition (overgang) the relay waits for the receiver, who may read the log meanwhile', async () => {
      await paperConsent(as_.paedagogB!, t.children.inB, [family.anden], {
        purpose: 'overgang',
        recipients: [
          { kind: 'user', id: t.users.paedagogA },
          { kind: 'institution', id: t.schoolId },
        ],
      });
      const res = await as_.paedagogB!.post(`${url()}/relays`, { toUserId: t.users.paedagogA, message: 'Skifter stue 1. april.' }, ifMatch(version));
      assert.equal(res.statusCode, 201, res.body);
      const relay = res.json().relays[0];
      assert.deepEqual([relay.status, relay.to.name, relay.message, relay.canAnswer], ['pending', 'Test paedagogA', 'Skifter stue 1. april.', false]);
      version = res.json().version;
      assert.equal((await as_.paedagogB!.post(`${url()}/relays`, { toUserId: t.users.laerer }, ifMatch(version))).json().error.code, 'stafetlog.relay_pending');
      const a = await as_.paedagogA!.get(url());
      assert.equal(a.statusCode, 200);
      assert.equal(a.json().relays[0].canAnswer, true);
      assert.deepEqual(await pendingRelay('paedagogA'), { id: relay.id, logId, childName: `Barn2 Testesen${t.code}`, from: { name: 'Test paedagogB' }, message: 'Skifter stue 1. april.', createdAt: relay.createdAt });
      assert.deepEqual((await noticesOf(db, t.users.paedagogA)).map((n) => [n.kind, n.params]), [['stafetlog.relay_received', { from: 'Test paedagogB' }]]);
    });

    it('only the receiver can accept; on accepting they become stafetholder, the sender stays and gets a receipt', async () => {
      const relay = await pendingRelay('paedagogA');
      const stranger = await as_.laerer!.post(`/api/stafetlog-relays/${relay.id}/accept`, {});
      assert.equal(stranger.statusCode, 404);
      assert.ok((await auditRowsFor(db, t.municipalityId, { action: 'access_denied' })).some((a) => a.resourceId === relay.id && a.actorUserId === t.users.laerer));
      const res = await as_.paedagogA!.post(`/api/stafetlog-relays/${relay.id}/accept`, { note: 'Tak, jeg tager den.' });
      assert.equal(res.statusCode, 200, res.body);
      const log = res.json();
      assert.deepEqual([log.holder.userId, log.me.isHolder, log.relays[0].status, log.relays[0].answerNote], [t.users.paedagogA, true, 'accepted', 'Tak, jeg tager den.']);
      const parts = log.participants.filter((p: { active: boolean }) => p.active).map((p: { userId: string; part: string }) => [p.userId, p.part]);
      assert.deepEqual(parts, [
        [t.users.paedagogB, 'deltager'],
        [t.users.paedagogA, 'stafetholder'],
      ]);
      assert.ok(log.participants.find((p: { userId: string }) => p.userId === t.users.paedagogA).basis.consentId);
      assert.deepEqual((await noticesOf(db, t.users.paedagogB)).map((n) => [n.kind, n.params, n.link]), [['stafetlog.relay_accepted', { receiver: 'Test paedagogA' }, `/stafetlog/${logId}`]]);
      assert.equal((await as_.paedagogA!.post(`/api/stafetlog-relays/${relay.id}/accept`, {})).statusCode, 404);
      const b = (await current('paedagogB')).json();
      assert.deepEqual(b.me, { part: 'deltager', isHolder: false, canWrite: true });
      const mine = (await as_.paedagogB!.get('/api/stafetlogs/mine')).json();
      assert.deepEqual(mine.receipts.map((r: { status: string; to: { name: string } }) => [r.status, r.to.name]), [['accepted', 'Test paedagogA']]);
      assert.deepEqual(mine.logs.map((l: { id: string; part: string; myLevel: number }) => [l.id, l.part, l.myLevel]), [[logId, 'deltager', 1]]);
    });

    it('a receiver who declines says why; the access the relay gave ends, and the sender is told', async () => {
      const res = await as_.paedagogA!.post(`${url()}/relays`, { toUserId: t.users.laerer }, ifMatch(version));
      assert.equal(res.statusCode, 201, res.body);
      version = res.json().version;
      const relay = await pendingRelay('laerer');
      assert.equal((await as_.laerer!.get(url())).statusCode, 200);
      assert.equal((await as_.laerer!.post(`/api/stafetlog-relays/${relay.id}/decline`, {})).statusCode, 400);
      assert.equal((await as_.laerer!.post(`/api/stafetlog-relays/${relay.id}/decline`, { note: 'Barnet starter ikke i min klasse.' })).statusCode, 204);
      assert.equal((await as_.laerer!.get(url())).statusCode, 404);
      const n = await noticesOf(db, t.users.paedagogA);
      assert.deepEqual(n.at(-1)!.kind, 'stafetlog.relay_declined');
      const log = (await current('paedagogA')).json();
      assert.deepEqual([log.relays.at(-1).status, log.relays.at(-1).answerNote, log.holder.userId], ['declined', 'Barnet starter ikke i min klasse.', t.users.paedagogA]);
    });

    it('a relay to an institution: any leder there may accept, and gets access only then', async () => {
      const res = await as_.paedagogA!.post(`${url()}/relays`, { toInstitutionId: t.schoolId, message: 'Skolestart august' }, ifMatch(version));
      assert.equal(res.statusCode, 201, res.body);
      version = res.json().version;
      assert.deepEqual(res.json().relays.at(-1).to, { kind: 'institution', id: t.schoolId, name: 'Nordskolen' });
      assert.deepEqual((await noticesOf(db, skoleleder)).map((x) => x.kind), ['stafetlog.relay_received']);
      assert.equal((await as_.skoleleder!.get(url())).statusCode, 404, 'no access before accepting');
      const relay = await pendingRelay('skoleleder');
      assert.equal((await as_.leder!.post(`/api/stafetlog-relays/${relay.id}/accept`, {})).statusCode, 404, 'the daycare leader is not the school’s');
      const ok = await as_.skoleleder!.post(`/api/stafetlog-relays/${relay.id}/accept`, {});
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual([ok.json().holder.userId, ok.json().me.part], [skoleleder, 'stafetholder']);
      version = ok.json().version;
      assert.equal((await as_.paedagogA!.get(url())).json().me.part, 'deltager');
    });

    it('a relay the sender takes back ends the receiver’s access; a receiver without consent is refused', async () => {
      const refused = await as_.skoleleder!.post(`${url()}/relays`, { toUserId: t.users.leder }, ifMatch(version));
      assert.equal(refused.json().error.code, 'consent.required');
      const res = await as_.skoleleder!.post(`${url()}/relays`, { toUserId: t.users.laerer }, ifMatch(version));
      assert.equal(res.statusCode, 201, res.body);
      const relay = res.json().relays.at(-1);
      assert.equal((await as_.laerer!.get(url())).statusCode, 200);
      assert.equal((await as_.laerer!.post(`/api/stafetlog-relays/${relay.id}/cancel`)).statusCode, 404, 'only the sender cancels');
      const cancelled = await as_.skoleleder!.post(`/api/stafetlog-relays/${relay.id}/cancel`);
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal(cancelled.json().relays.at(-1).status, 'cancelled');
      assert.equal((await as_.laerer!.get(url())).statusCode, 404);
      version = cancelled.json().version;
    });

    it('a move to another municipality is an explicit transfer record, on consent or a legal basis', async () => {
      const body = { toMunicipalityCode: '999', toMunicipalityName: 'Fjernkommune', summary: 'Flytter til Fjernkommune 1. maj.' };
      assert.equal((await as_.paedagogA!.post(`${url()}/transfers`, body)).json().error.code, 'stafetlog.holder_only');
      const refused = await as_.skoleleder!.post(`${url()}/transfers`, body);
      assert.equal(refused.json().error.code, 'consent.required');
      assert.equal(await count(db, t.municipalityId, 'childTransfers'), 0);
      await paperConsent(as_.paedagogB!, t.children.inB, [family.anden], { purpose: 'overgang', recipients: [{ kind: 'municipality', code: '999', name: 'Fjernkommune' }] });
      const ok = await as_.skoleleder!.post(`${url()}/transfers`, body);
      assert.equal(ok.statusCode, 201, ok.body);
      const row = await db.kysely.selectFrom('childTransfers').selectAll().where('id', '=', ok.json().id).executeTakeFirstOrThrow();
      assert.deepEqual([row.toMunicipalityCode, row.childId, row.logId, row.consentId !== null, row.legalBasis], ['999', t.children.inB, logId, true, null]);
      // The log lists it (everyone who reads the log sees what left for where, and on which basis).
      const listed = (await current('paedagogA')).json().transfers;
      assert.deepEqual(listed, [
        { id: row.id, createdAt: row.createdAt.toISOString(), toMunicipality: { code: '999', name: 'Fjernkommune' }, basis: { consentId: row.consentId, legalBasis: null }, summary: body.summary, createdBy: { userId: skoleleder, name: 'Test skoleleder' } },
      ]);
      assert.equal((await as_.skoleleder!.post(`${url()}/transfers`, { ...body, toMunicipalityCode: '99' })).statusCode, 400);
    });

    it('the directory finds active staff by name with their units; short queries are refused', async () => {
      const res = await as_.paedagogA!.get('/api/stafetlogs/directory?q=skolele');
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), [{ userId: skoleleder, name: 'Test skoleleder', profession: 'leder', units: [{ role: 'leder', unitKind: 'institution', unitName: 'Nordskolen' }] }]);
      assert.equal((await as_.paedagogA!.get('/api/stafetlogs/directory?q=p')).statusCode, 400);
      assert.equal((await as_.admin!.get('/api/stafetlogs/directory?q=test')).statusCode, 403);
    });

    it('the municipality names the four concern levels (consent.manage, If-Match)', async () => {
      assert.equal((await as_.leder!.get('/api/admin/stafetlog-settings')).statusCode, 403);
      assert.deepEqual((await as_.paedagogA!.get('/api/stafetlogs/mine')).json().concernLabels, ['Ingen bekymring', 'Lille bekymring', 'Bekymring', 'Stor bekymring']);
      const first = await as_.admin!.get('/api/admin/stafetlog-settings');
      assert.deepEqual(first.json(), { concernLabels: ['Ingen bekymring', 'Lille bekymring', 'Bekymring', 'Stor bekymring'], version: 0 });
      const labels = ['Grøn', 'Gul', 'Orange', 'Rød'];
      assert.equal((await put(harness.app, as_.admin!, '/api/admin/stafetlog-settings', { concernLabels: labels })).statusCode, 428);
      assert.equal((await put(harness.app, as_.admin!, '/api/admin/stafetlog-settings', { concernLabels: ['a', 'b', 'c'] }, ifMatch(0))).statusCode, 400);
      const saved = await put(harness.app, as_.admin!, '/api/admin/stafetlog-settings', { concernLabels: labels }, ifMatch(0));
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.json().version, 1);
      assert.equal((await put(harness.app, as_.admin!, '/api/admin/stafetlog-settings', { concernLabels: labels }, ifMatch(0))).statusCode, 412);
      assert.deepEqual((await as_.skoleleder!.get(url())).json().concernLabels, labels);
      // The child panel (the form that opens a log) and "mine" use them too.
      assert.deepEqual((await as_.skoleleder!.get('/api/stafetlogs/mine')).json().concernLabels, labels);
      assert.deepEqual((await as_.paedagogA!.get(`/api/children/${t.children.inA}/stafetlog`)).json().concernLabels, labels);
    });
  });
}
