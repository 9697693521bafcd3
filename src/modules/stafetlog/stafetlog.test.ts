import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataContext } from '../../access/scope.ts';
import type { Database } from '../../db/connect.ts';
import { databaseFor, fixedClock, testApp } from '../../../test/harness.ts';
import { auditRowsFor, createTenant, login, type Client, type Tenant } from '../../../test/fixtures.ts';
import * as consent from '../consent/service.ts';
import * as stafetlog from './service.ts';
import { runConsentExpiry } from '../../jobs/consent-expiry.ts';
import { addFamilies, as, citizen, count, del, noticesOf, paperConsent, ticking } from './test-helpers.ts';

for (const engine of ['postgres', 'pglite'] as const) {
  describe(`stafetlog: open, levels, participants under consent, items, citizens (${engine})`, () => {
    // Tuesday 10 March 2026, 11:00 in Copenhagen.
    const clock = fixedClock(new Date('2026-03-10T10:00:00Z'));
    let harness: Awaited<ReturnType<typeof testApp>>;
    let db: Database;
    let ctx: DataContext;
    let closeDb: () => Promise<void>;
    let t: Tenant;
    let other: Tenant;
    let family: Awaited<ReturnType<typeof addFamilies>>;
    const as_: Record<string, Client> = {};
    let logId: string;
    let consentId: string;
    let version = 1;

    const url = () => `/api/stafetlogs/${logId}`;
    const get = (who: string) => as_[who]!.get(url());
    const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

    before(async () => {
      ({ db, close: closeDb } = await databaseFor(engine));
      ctx = { db, clock };
      harness = await testApp({ db, clock });
      t = await createTenant(db, { clock });
      other = await createTenant(db, { clock });
      family = await addFamilies(ctx, t);
      for (const u of ['paedagogA', 'paedagogB', 'leder', 'laerer', 'admin', 'raadgiver'] as const) as_[u] = ticking(await login(harness.app, t, u), clock);
      as_.otherPaedagog = await login(harness.app, other, 'paedagogA');
      // Both custody holders signed: pædagog B and the school may take part in inA's stafetlog.
      consentId = await paperConsent(as_.paedagogA!, t.children.inA, [family.mor, family.far], {
        recipients: [
          { kind: 'user', id: t.users.paedagogB },
          { kind: 'institution', id: t.schoolId },
        ],
      });
    });
    after(async () => {
      await harness.close();
      await closeDb();
    });

    it('a pædagog opens the log for a child in her group and becomes stafetholder; a second open log is refused', async () => {
      const res = await as_.paedagogA!.post(`/api/children/${t.children.inA}/stafetlogs`, { concern: 'Trækker sig fra legen og spiser lidt.', level: 2, levelComment: 'Over flere uger' });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.headers.etag, '"1"');
      const log = res.json();
      logId = log.id;
      assert.deepEqual(log.me, { part: 'stafetholder', isHolder: true, canWrite: true });
      assert.deepEqual(log.participants.map((p: { userId: string; part: string; basis: unknown }) => [p.userId, p.part, p.basis]), [[t.users.paedagogA, 'stafetholder', { consentId: null, legalBasis: null }]]);
      assert.deepEqual(log.concernLabels, ['Ingen bekymring', 'Lille bekymring', 'Bekymring', 'Stor bekymring']);
      assert.equal(log.child.firstName, 'Barn1');
      assert.equal(JSON.stringify(log).includes('cpr'), false);
      const again = await as_.leder!.post(`/api/children/${t.children.inA}/stafetlogs`, { concern: 'Også bekymret', level: 1 });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'stafetlog.already_open');
      assert.equal(await count(db, t.municipalityId, 'stafetlogs'), 1);
      const audit = await auditRowsFor(db, t.municipalityId, { childId: t.children.inA, action: 'create' });
      assert.ok(audit.some((a) => a.resourceType === 'stafetlog' && a.resourceId === logId));
    });

    it('bad input is refused with 4xx; a child the pædagog does not reach, or an admin, cannot open a log', async () => {
      const base = `/api/children/${t.children.inB}/stafetlogs`;
      for (const body of [{ concern: 'x', level: 4 }, { concern: '', level: 1 }, { concern: 'x', level: 1, holder: t.users.admin }, { level: 1 }]) {
        const res = await as_.paedagogB!.post(base, body);
        assert.equal(res.statusCode, 400, JSON.stringify(body));
      }
      assert.equal((await as_.paedagogA!.post(base, { concern: 'x', level: 1 })).json().error.code, 'child.not_found');
      assert.equal((await as_.admin!.post(base, { concern: 'x', level: 1 })).statusCode, 403);
      assert.equal((await as_.paedagogA!.get('/api/stafetlogs/not-a-uuid')).statusCode, 400);
    });

    it('adding a participant needs If-Match on the log: 428 without, 412 when stale', async () => {
      const body = { userId: t.users.paedagogB };
      assert.equal((await as_.paedagogA!.post(`${url()}/participants`, body)).statusCode, 428);
      assert.equal((await as_.paedagogA!.post(`${url()}/participants`, body, ifMatch(7))).statusCode, 412);
    });

    it('without a covering consent the participant is refused (403 consent.required), audited, and nothing is written', async () => {
      const before = { d: await count(db, t.municipalityId, 'disclosures'), p: await count(db, t.municipalityId, 'stafetlogParticipants') };
      const res = await as_.paedagogA!.post(`${url()}/participants`, { userId: t.users.raadgiver }, ifMatch(version));
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().error.code, 'consent.required');
      assert.deepEqual({ d: await count(db, t.municipalityId, 'disclosures'), p: await count(db, t.municipalityId, 'stafetlogParticipants') }, before);
      assert.equal((await get('paedagogA')).json().version, version, 'the version did not move');
      const denied = await auditRowsFor(db, t.municipalityId, { childId: t.children.inA, action: 'access_denied' });
      assert.ok(denied.some((a) => a.resourceType === 'disclosure' && a.actorUserId === t.users.paedagogA), JSON.stringify(denied));
      assert.equal((await get('raadgiver')).statusCode, 404);
    });

    it('with consent the participant is added, the disclosure names the consent, and they can read the log', async () => {
      assert.equal((await get('paedagogB')).statusCode, 404, 'no access before');
      const res = await as_.paedagogA!.post(`${url()}/participants`, { userId: t.users.paedagogB }, ifMatch(version));
      assert.equal(res.statusCode, 201, res.body);
      version += 1;
      assert.equal(res.headers.etag, `"${version}"`);
      const added = res.json().participants.find((p: { userId: string }) => p.userId === t.users.paedagogB);
      assert.deepEqual([added.part, added.active, added.basis], ['deltager', true, { consentId, legalBasis: null }]);
      const b = await get('paedagogB');
      assert.equal(b.statusCode, 200);
      assert.deepEqual(b.json().me, { part: 'deltager', isHolder: false, canWrite: true });
      assert.equal((await as_.paedagogA!.post(`${url()}/participants`, { userId: t.users.paedagogB }, ifMatch(version))).json().error.code, 'stafetlog.participant_exists');
      assert.equal((await as_.paedagogB!.post(`${url()}/participants`, { userId: t.users.laerer }, ifMatch(version))).json().error.code, 'stafetlog.holder_only');
    });

    it('before the consent runs out (14 days by default), the stafetholder is told, once, with a link to the log', async () => {
      const expiring = () => noticesOf(db, t.users.paedagogA).then((ns) => ns.filter((n) => n.kind === 'consent.expiring'));
      await runConsentExpiry({ db, clock: fixedClock(new Date('2026-06-15T08:00:00Z')) }); // 15 days before 30 June
      assert.deepEqual(await expiring(), []);
      for (const day of ['2026-06-16', '2026-06-17']) await runConsentExpiry({ db, clock: fixedClock(new Date(`${day}T08:00:00Z`)) });
      assert.deepEqual(
        (await expiring()).map((n) => [n.link, n.params]),
        [[`/stafetlog/${logId}`, { validTo: '2026-06-30', daysLeft: 14 }]],
      );
      assert.equal((await get('paedagogB')).statusCode, 200, 'a reminder changes no access');
    });

    it('screening history reaches a participant only when the consent names the ratings; the sharing is a disclosure, recorded once', async () => {
      const history = (who: string) => as_[who]!.get(`/api/screening/children/${t.children.inA}`);
      assert.equal((await history('paedagogA')).statusCode, 200, 'the child’s own pædagog sees it as before');
      const refused = await history('paedagogB');
      assert.deepEqual([refused.statusCode, refused.json().error.code], [403, 'consent.required']);
      const denied = await auditRowsFor(db, t.municipalityId, { childId: t.children.inA, action: 'access_denied' });
      assert.ok(denied.some((r) => r.resourceType === 'disclosure' && r.actorUserId === t.users.paedagogB));
      const ratings = await paperConsent(as_.paedagogA!, t.children.inA, [family.mor, family.far], {
        informationTypes: ['stafetlog', 'trivselsvurderinger'],
        recipients: [{ kind: 'user', id: t.users.paedagogB }],
      });
      const before = await count(db, t.municipalityId, 'disclosures');
      assert.equal((await history('paedagogB')).statusCode, 200);
      assert.equal((await history('paedagogB')).statusCode, 200);
      assert.equal(await count(db, t.municipalityId, 'disclosures'), before + 1);
      const shared = await db.kysely.selectFrom('disclosures').select(['kind', 'consentId']).where('municipalityId', '=', t.municipalityId).where('kind', '=', 'trivselshistorik').execute();
      assert.deepEqual(shared, [{ kind: 'trivselshistorik', consentId: ratings }]);
    });

    it('a case worker joins on a legal basis (BL § 133) instead of consent', async () => {
      const res = await as_.paedagogA!.post(`${url()}/participants`, { userId: t.users.raadgiver, legalBasis: 'BL133' }, ifMatch(version));
      assert.equal(res.statusCode, 201, res.body);
      version += 1;
      const p = res.json().participants.find((x: { userId: string }) => x.userId === t.users.raadgiver);
      assert.deepEqual(p.basis, { consentId: null, legalBasis: 'BL133' });
    });

    it('two concurrent writes at the same log version: one wins, the other gets 412 and changes nothing', async () => {
      const laerer = await as_.paedagogA!.post(`${url()}/participants`, { userId: t.users.laerer }, ifMatch(version));
      assert.equal(laerer.statusCode, 201, laerer.body);
      version += 1;
      const results = await Promise.all([
        as_.paedagogA!.patch(url(), { concern: 'Trækker sig fra legen; spiser lidt om formiddagen.' }, ifMatch(version)),
        as_.paedagogA!.patch(url(), { concern: 'Trækker sig fra legen.' }, ifMatch(version)),
      ]);
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 412]);
      version += 1;
      const log = (await get('paedagogA')).json();
      assert.deepEqual([log.version, log.concern], [version, results.find((r) => r.statusCode === 200)!.json().concern]);
      // The holder removes the case worker again (If-Match on the log).
      const raadgiver = log.participants.find((p: { userId: string }) => p.userId === t.users.raadgiver);
      const removed = await del(harness.app, as_.paedagogA!, `${url()}/participants/${raadgiver.id}`, ifMatch(version));
      assert.equal(removed.statusCode, 200, removed.body);
      version += 1;
      const gone = removed.json().participants.find((p: { id: string }) => p.id === raadgiver.id);
      assert.deepEqual([gone.active, gone.leftReason], [false, 'removed']);
      assert.equal((await get('raadgiver')).statusCode, 404);
    });

    it('every participant states their own level, visibly, even when they differ; earlier levels are kept', async () => {
      assert.equal((await as_.paedagogB!.post(`${url()}/levels`, { level: 3, comment: 'Ser det som alvorligt' })).statusCode, 201);
      assert.equal((await as_.paedagogA!.post(`${url()}/levels`, { level: 1 })).statusCode, 201);
      const levels = (await get('laerer')).json().levels as { authorName: string; level: number; current: boolean }[];
      assert.deepEqual(levels.map((l) => [l.authorName, l.level, l.current]), [
        ['Test paedagogA', 2, false],
        ['Test paedagogB', 3, true],
        ['Test paedagogA', 1, true],
      ]);
      assert.equal((await as_.paedagogB!.post(`${url()}/levels`, { level: -1 })).statusCode, 400);
      // A professional who reaches the child but takes no part reads, and cannot write.
      const leder = await get('leder');
      assert.deepEqual(leder.json().me, { part: null, isHolder: false, canWrite: false });
      assert.equal((await as_.leder!.post(`${url()}/levels`, { level: 2 })).statusCode, 403);
    });

    it('goals, actions and evaluations: appends need no If-Match, changes need the item version', async () => {
      const g = await as_.paedagogB!.post(`${url()}/goals`, { text: 'Barnet leger med mindst én anden hver dag' });
      assert.equal(g.statusCode, 201, g.body);
      const goal = g.json().goals[0];
      const gUrl = `${url()}/goals/${goal.id}`;
      assert.equal((await as_.paedagogA!.patch(gUrl, { status: 'achieved' })).statusCode, 428);
      assert.equal((await as_.paedagogA!.patch(gUrl, { status: 'achieved' }, ifMatch(goal.version + 1))).statusCode, 412);
      assert.equal((await as_.paedagogA!.patch(gUrl, { status: 'nope' }, ifMatch(goal.version))).statusCode, 400);
      const patched = await as_.paedagogA!.patch(gUrl, { text: 'Leger med en anden hver dag' }, ifMatch(goal.version));
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual([patched.json().goals[0].text, patched.json().goals[0].version], ['Leger med en anden hver dag', 2]);

      const notParticipant = await as_.paedagogA!.post(`${url()}/actions`, { text: 'Samtale', owner: { kind: 'user', userId: t.users.leder }, dueDate: '2026-03-20' });
      assert.equal(notParticipant.statusCode, 422);
      const a = await as_.paedagogA!.post(`${url()}/actions`, { text: 'Samtale med forældrene', goalId: goal.id, owner: { kind: 'user', userId: t.users.paedagogB }, dueDate: '2026-03-09' });
      assert.equal(a.statusCode, 201, a.body);
      const action = a.json().actions[0];
      assert.deepEqual([action.owner.name, action.overdue, action.status], ['Test paedagogB', true, 'open']);
      const fam = await as_.paedagogA!.post(`${url()}/actions`, { text: 'Læse godnathistorie', owner: { kind: 'family' }, dueDate: '2026-04-01' });
      assert.equal(fam.json().actions.find((x: { owner: { kind: string } }) => x.owner.kind === 'family').owner.name, null);
      assert.equal((await as_.paedagogA!.post(`${url()}/actions`, { text: 'x', owner: { kind: 'user', userId: t.users.paedagogB }, dueDate: '2026-02-30' })).statusCode, 400);
      const mineB = (await as_.paedagogB!.get('/api/stafetlogs/mine')).json();
      assert.deepEqual(mineB.dueActions.map((x: { id: string; overdue: boolean }) => [x.id, x.overdue]), [[action.id, true]]);
      assert.deepEqual(mineB.logs.map((l: { id: string; part: string; myLevel: number }) => [l.id, l.part, l.myLevel]), [[logId, 'deltager', 3]]);
      const done = await as_.paedagogB!.patch(`${url()}/actions/${action.id}`, { status: 'done' }, ifMatch(action.version));
      assert.equal(done.statusCode, 200, done.body);
      const doneAction = done.json().actions.find((x: { id: string }) => x.id === action.id);
      assert.deepEqual([doneAction.status, doneAction.overdue, doneAction.doneAt], ['done', false, clock.now().toISOString()]);

      const e = await as_.paedagogA!.post(`${url()}/evaluations`, { dueDate: '2026-04-15' });
      assert.equal(e.statusCode, 201);
      const ev = e.json().evaluations[0];
      const hold = `${url()}/evaluations/${ev.id}/hold`;
      assert.equal((await as_.paedagogA!.post(hold, { summary: 'Godt i gang' })).statusCode, 428);
      const held = await as_.paedagogA!.post(hold, { summary: 'Godt i gang; fortsæt planen.' }, ifMatch(ev.version));
      assert.equal(held.statusCode, 200, held.body);
      assert.equal(held.json().evaluations[0].summary, 'Godt i gang; fortsæt planen.');
      assert.equal(held.json().entries.at(-1).kind, 'evaluation');
      assert.equal((await as_.paedagogA!.post(hold, { summary: 'Igen' }, ifMatch(ev.version))).statusCode, 412);
    });

    it('entries are append-only: a correction points at what it corrects, and concurrent writes both land', async () => {
      const n = await as_.paedagogA!.post(`${url()}/entries`, { kind: 'note', body: 'Mor fortæller om uro derhjemme.' });
      assert.equal(n.statusCode, 201, n.body);
      const first = n.json().entries.at(-1);
      const fix = await as_.paedagogA!.post(`${url()}/entries`, { kind: 'note', body: 'Rettelse: uro om aftenen.', correctsId: first.id });
      assert.equal(fix.json().entries.at(-1).correctsId, first.id);
      assert.equal((await as_.paedagogA!.post(`${url()}/entries`, { kind: 'note', body: 'x', correctsId: t.children.inA })).json().error.code, 'stafetlog.item_not_found');
      assert.equal((await as_.paedagogA!.post(`${url()}/entries`, { kind: 'evaluation', body: 'x' })).statusCode, 400);
      assert.equal((await del(harness.app, as_.paedagogA!, `${url()}/entries/${first.id}`)).statusCode, 404);
      const before = await count(db, t.municipalityId, 'stafetlogEntries');
      const both = await Promise.all([
        as_.paedagogA!.post(`${url()}/entries`, { kind: 'child_words', body: 'Jeg vil gerne lege med Ali.' }),
        as_.paedagogB!.post(`${url()}/entries`, { kind: 'note', body: 'Set glad i dag.' }),
      ]);
      assert.deepEqual(both.map((r) => r.statusCode), [201, 201]);
      assert.equal(await count(db, t.municipalityId, 'stafetlogEntries'), before + 2);
      const kinds = (await get('paedagogA')).json().entries.map((e: { kind: string }) => e.kind);
      assert.ok(kinds.includes('child_words'));
    });

    it('custody holders read the log of their child and add their own words, level and goals — but not another child’s', async () => {
      const mor = citizen(t, family.mor, 'Mona Forældresen');
      const read = await as(ctx, mor, (s) => stafetlog.readLog(s, logId));
      assert.ok(!('error' in read), JSON.stringify(read));
      assert.deepEqual((read as { me: unknown }).me, { part: 'custody_holder', isHolder: false, canWrite: true });
      await as(ctx, mor, (s) => stafetlog.addEntry(s, logId, { kind: 'parent_words', body: 'Vi oplever det samme derhjemme.' }));
      await as(ctx, mor, (s) => stafetlog.stateLevel(s, logId, { level: 1 }));
      clock.advance(1000);
      const withGoal = (await as(ctx, mor, (s) => stafetlog.addGoal(s, logId, { text: 'Mere søvn' }))) as { goals: { proposedBy: unknown }[] };
      assert.deepEqual(withGoal.goals.at(-1)!.proposedBy, { kind: 'citizen', name: 'Mona Forældresen' });
      assert.deepEqual(await as(ctx, mor, (s) => stafetlog.addEntry(s, logId, { kind: 'note', body: 'x' })), { error: 'access.denied', status: 403 });
      const summaries = (await as(ctx, mor, (s) => stafetlog.logsForChild(s, t.children.inA))) as { id: string; currentLevels: unknown[] }[];
      assert.equal(summaries[0]!.id, logId);
      const upcoming = await as(ctx, mor, (s) => stafetlog.upcomingForChild(s, t.children.inA));
      assert.deepEqual((upcoming as { kind: string; date: string }[]).map((u) => [u.kind, u.date]), [['action', '2026-04-01']]);

      const anden = citizen(t, family.anden, 'Anna Forældresen');
      assert.deepEqual(await as(ctx, anden, (s) => stafetlog.readLog(s, logId)), { error: 'stafetlog.not_found', status: 404 });
      assert.deepEqual(await as(ctx, anden, (s) => stafetlog.logsForChild(s, t.children.inA)), { error: 'child.not_found', status: 404 });
      const reads = await auditRowsFor(db, t.municipalityId, { childId: t.children.inA });
      assert.ok(reads.some((a) => a.actorKind === 'citizen' && a.action === 'read' && a.resourceId === logId));
      assert.ok(reads.some((a) => a.actorKind === 'citizen' && a.action === 'access_denied' && a.actorUserId === family.anden));
    });

    it('another municipality’s professional gets 404, like a missing log', async () => {
      const res = await as_.otherPaedagog!.get(url());
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().error.code, 'stafetlog.not_found');
      assert.equal((await as_.otherPaedagog!.post(`${url()}/entries`, { kind: 'note', body: 'x' })).statusCode, 404);
    });

    it('withdrawn consent removes the participant’s access at once; the log shows why', async () => {
      const mor = citizen(t, family.mor, 'Mona Forældresen');
      const withdrawn = await as(ctx, mor, (s) => consent.withdraw(s, consentId, 'Vi vil ikke dele mere'));
      assert.ok(!('error' in withdrawn), JSON.stringify(withdrawn));
      const b = await get('paedagogB');
      assert.equal(b.statusCode, 404);
      assert.equal(b.json().error.code, 'stafetlog.not_found');
      assert.equal((await as_.paedagogB!.post(`${url()}/entries`, { kind: 'note', body: 'x' })).statusCode, 404);
      const log = (await get('paedagogA')).json();
      const p = log.participants.find((x: { userId: string }) => x.userId === t.users.paedagogB);
      assert.deepEqual([p.active, p.leftReason], [false, 'consent_withdrawn']);
      // The lærer joined under the same consent (the school) and is out too; the pædagog (own group) is not.
      assert.equal((await get('laerer')).statusCode, 404);
      const denied = await auditRowsFor(db, t.municipalityId, { childId: t.children.inA, action: 'access_denied' });
      assert.ok(denied.some((a) => a.actorUserId === t.users.paedagogB && a.resourceId === logId));
      // "Mine" no longer lists it for her.
      assert.deepEqual((await as_.paedagogB!.get('/api/stafetlogs/mine')).json().logs, []);
    });

    it('documents: size and type limits, and an audited download', async () => {
      const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20)]);
      const up = await as_.paedagogA!.post(`${url()}/documents`, { fileName: 'Handleplan æøå.pdf', mediaType: 'application/pdf', contentBase64: pdf.toString('base64') });
      assert.equal(up.statusCode, 201, up.body);
      const doc = up.json().documents[0];
      assert.deepEqual([doc.sizeBytes, doc.uploadedBy], [pdf.length, { kind: 'staff', name: 'Test paedagogA' }]);
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
      const lie = await as_.paedagogA!.post(`${url()}/documents`, { fileName: 'x.pdf', mediaType: 'application/pdf', contentBase64: png.toString('base64') });
      assert.equal(lie.json().error.code, 'stafetlog.document_type');
      const html = await as_.paedagogA!.post(`${url()}/documents`, { fileName: 'x.html', mediaType: 'text/html', contentBase64: Buffer.from('<script>').toString('base64') });
      assert.equal(html.statusCode, 422);
      const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(5 * 1024 * 1024 - 4)]);
      const tooBig = await as_.paedagogA!.post(`${url()}/documents`, { fileName: 'stor.pdf', mediaType: 'application/pdf', contentBase64: big.toString('base64') });
      assert.equal(tooBig.statusCode, 413, tooBig.body.slice(0, 200));
      assert.equal((await as_.paedagogA!.post(`${url()}/documents`, { fileName: 'x.txt', mediaType: 'text/plain', contentBase64: '!!!' })).statusCode, 400);

      const dl = await as_.leder!.get(`${url()}/documents/${doc.id}`);
      assert.equal(dl.statusCode, 200);
      assert.equal(dl.headers['content-type'], 'application/pdf');
      assert.match(String(dl.headers['content-disposition']), /^attachment; filename="Handleplan .*\.pdf"; filename\*=UTF-8''Handleplan%20%C3%A6%C3%B8%C3%A5\.pdf$/);
      assert.deepEqual(dl.rawPayload, pdf);
      const reads = await auditRowsFor(db, t.municipalityId, { childId: t.children.inA, action: 'read' });
      assert.ok(reads.some((a) => a.resourceType === 'stafetlog_document' && a.resourceId === doc.id && a.actorUserId === t.users.leder));
      assert.equal((await as_.otherPaedagog!.get(`${url()}/documents/${doc.id}`)).statusCode, 404);
    });

    it('closing ends every participant’s access through the log; the log stays as history', async () => {
      // The case worker is back in on a legal basis, so there is someone to shut out.
      const added = await as_.paedagogA!.post(`${url()}/participants`, { userId: t.users.raadgiver, legalBasis: 'BL133' }, ifMatch(version));
      assert.equal(added.statusCode, 201, added.body);
      version += 1;
      assert.equal((await get('raadgiver')).statusCode, 200);
      assert.equal((await as_.raadgiver!.post(`${url()}/close`, { reason: 'x' }, ifMatch(version))).json().error.code, 'stafetlog.holder_only');
      assert.equal((await as_.paedagogA!.post(`${url()}/close`, {}, ifMatch(version))).statusCode, 400);
      const closed = await as_.paedagogA!.post(`${url()}/close`, { reason: 'Trivsel genoprettet' }, ifMatch(version));
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal(closed.json().status, 'closed');
      assert.deepEqual(closed.json().me, { part: null, isHolder: false, canWrite: false });
      assert.equal((await get('raadgiver')).statusCode, 404);
      assert.equal((await as_.paedagogA!.post(`${url()}/entries`, { kind: 'note', body: 'x' })).json().error.code, 'stafetlog.closed');
      const panel = (await as_.paedagogA!.get(`/api/children/${t.children.inA}/stafetlog`)).json();
      assert.deepEqual([panel.log, panel.canOpen, panel.closed.map((c: { id: string }) => c.id)], [null, true, [logId]]);
    });
  });
}
