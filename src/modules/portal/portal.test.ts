import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../access/actor.ts';
import { withScope, type DataContext } from '../../access/scope.ts';
import { addDays, dayInCopenhagen } from '../../domain/calendar.ts';
import { fictitiousCpr } from '../../domain/cpr.ts';
import { testApp, testDatabase } from '../../../test/harness.ts';
import { auditRowsFor, clientFor, cookieFrom, createTenant, login, type Client, type Tenant } from '../../../test/fixtures.ts';
import { ACCESS_LOG_PAGE_SIZE } from './access-log.ts';

describe('the parents’ portal', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let demo: Awaited<ReturnType<typeof testApp>>;
  let noDemo: Awaited<ReturnType<typeof testApp>>;
  let data: DataContext;
  let t: Tenant;
  const holders = { mor: randomUUID(), far: randomUUID(), naboMor: randomUUID(), udenBarn: randomUUID() };
  const allCprs: string[] = [];
  const today = dayInCopenhagen(new Date());

  async function addHolder(id: string, firstName: string, serial: number, children: string[]) {
    const cpr = fictitiousCpr('1985-06-15', serial + Number(t.code) * 10);
    allCprs.push(cpr);
    await withScope(data, systemActor(t.municipalityId, 'test fixture'), async (s) => {
      await s.trx.insertInto('custodyHolders').values({ municipalityId: t.municipalityId, id, cpr, firstName, lastName: 'Forælder', phone: null, email: null }).execute();
      for (const childId of children) {
        await s.trx
          .insertInto('childCustody')
          .values({ municipalityId: t.municipalityId, id: randomUUID(), childId, custodyHolderId: id, relation: 'mor', hasCustody: true, validFrom: '2020-01-01', validTo: null })
          .execute();
      }
    });
  }

  async function citizen(custodyHolderId: string): Promise<Client> {
    const res = await demo.app.inject({ method: 'POST', url: '/api/public/portal/demo-login', payload: { municipalityId: t.municipalityId, custodyHolderId } });
    assert.equal(res.statusCode, 200, res.body);
    return clientFor(demo.app, cookieFrom(res), res.json().csrfToken);
  }

  before(async () => {
    env = await testDatabase();
    data = { db: env.db, clock: { now: () => new Date() } };
    t = await createTenant(env.db);
    await addHolder(holders.mor, 'Mette', 1, [t.children.inA, t.children.atSchool]);
    await addHolder(holders.far, 'Frank', 2, [t.children.inA]);
    await addHolder(holders.naboMor, 'Nina', 3, [t.children.inB]);
    await addHolder(holders.udenBarn, 'Uffe', 4, []);
    const config = { rateLimit: { perMinute: 100_000, loginPerMinute: 100_000 } };
    demo = await testApp({ db: env.db, config: { ...config, demo: true } });
    noDemo = await testApp({ db: env.db, config: { ...config, demo: false } });
  });

  after(async () => {
    await demo?.app.close();
    await noDemo?.app.close();
    await env?.close();
  });

  it('demo log-in is off unless the installation runs in demo mode', async () => {
    const config = await noDemo.app.inject({ method: 'GET', url: '/api/public/portal/config' });
    assert.deepEqual(config.json(), { samlEnabled: false, demoLogin: false });
    const list = await noDemo.app.inject({ method: 'GET', url: `/api/public/portal/demo-citizens?municipalityId=${t.municipalityId}` });
    assert.equal(list.statusCode, 404);
    assert.equal(list.json().error.code, 'portal.demo_disabled');
    const res = await noDemo.app.inject({ method: 'POST', url: '/api/public/portal/demo-login', payload: { municipalityId: t.municipalityId, custodyHolderId: holders.mor } });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'portal.demo_disabled');
    assert.equal(res.cookies.length, 0);
    assert.equal((await demo.app.inject({ method: 'GET', url: '/api/public/portal/config' })).json().demoLogin, true);
  });

  it('the demo list names custody holders with a child and their children’s first names, never a CPR', async () => {
    const res = await demo.app.inject({ method: 'GET', url: `/api/public/portal/demo-citizens?municipalityId=${t.municipalityId}` });
    assert.equal(res.statusCode, 200, res.body);
    const list = res.json() as { id: string; name: string; children: { firstName: string }[] }[];
    assert.deepEqual(
      list.map((c) => c.id).sort(),
      [holders.mor, holders.far, holders.naboMor].sort(),
      'Uffe holds custody of no child',
    );
    assert.deepEqual(list.find((c) => c.id === holders.mor)!.children, [{ firstName: 'Barn3' }, { firstName: 'Barn1' }]);
    for (const cpr of allCprs) assert.ok(!res.body.includes(cpr));
  });

  it('a demo log-in opens a citizen session; /me lists the children in the holder’s custody today', async () => {
    const mor = await citizen(holders.mor);
    const me = await mor.get('/api/portal/me');
    assert.equal(me.statusCode, 200, me.body);
    const body = me.json();
    assert.equal(body.citizen.name, 'Mette Forælder');
    assert.equal(body.municipality.id, t.municipalityId);
    assert.deepEqual(
      body.children.map((c: { id: string }) => c.id),
      [t.children.atSchool, t.children.inA],
    );
    const logins = await auditRowsFor(env.db, t.municipalityId, { action: 'login' });
    assert.ok(logins.some((r) => r.actorKind === 'citizen' && r.actorUserId === holders.mor && (r.details as { method: string }).method === 'demo'));

    const none = await demo.app.inject({ method: 'POST', url: '/api/public/portal/demo-login', payload: { municipalityId: t.municipalityId, custodyHolderId: holders.udenBarn } });
    assert.equal(none.statusCode, 404);
    assert.equal(none.json().error.code, 'portal.no_children');
    assert.equal(none.cookies.length, 0);
  });

  it('a citizen sees only the children in their custody: another child answers as missing, and the attempt is audited', async () => {
    const mor = await citizen(holders.mor);
    for (const url of [`/api/portal/children/${t.children.inB}`, `/api/portal/children/${t.children.inB}/access-log`, `/api/portal/children/${t.children.inB}/recipients`]) {
      const res = await mor.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().error.code, 'child.not_found');
    }
    const denied = await auditRowsFor(env.db, t.municipalityId, { childId: t.children.inB, action: 'access_denied' });
    assert.ok(denied.some((r) => r.actorKind === 'citizen' && r.actorUserId === holders.mor));

    const mine = await mor.get(`/api/portal/children/${t.children.inA}`);
    assert.equal(mine.statusCode, 200, mine.body);
    assert.deepEqual(
      mine.json().custodyHolders.map((h: { id: string }) => h.id).sort(),
      [holders.mor, holders.far].sort(),
    );
    // Staff routes stay closed to a citizen session.
    assert.equal((await mor.get(`/api/children/${t.children.inA}`)).statusCode, 403);
    assert.equal((await mor.get(`/api/children/${t.children.inA}/stafetlog`)).statusCode, 403);
  });

  it('parents read the stafetlog, write their own words, state their level and propose a goal', async () => {
    const paedagog = await login(demo.app, t, 'paedagogA');
    const opened = await paedagog.post(`/api/children/${t.children.inA}/stafetlogs`, { concern: 'Trækker sig fra legen', level: 1 });
    assert.equal(opened.statusCode, 201, opened.body);
    const logId = opened.json().id as string;
    const due = addDays(today, 10);
    const action = await paedagog.post(`/api/stafetlogs/${logId}/actions`, { text: 'Samtale med familien', owner: { kind: 'family' }, dueDate: due });
    assert.equal(action.statusCode, 201, action.body);

    const mor = await citizen(holders.mor);
    const child = (await mor.get(`/api/portal/children/${t.children.inA}`)).json();
    assert.deepEqual(
      child.stafetlogs.map((l: { id: string }) => l.id),
      [logId],
    );
    assert.ok(child.upcoming.some((u: { kind: string; date: string; logId: string }) => u.kind === 'action' && u.date === due && u.logId === logId));

    const log = await mor.get(`/api/portal/stafetlogs/${logId}`);
    assert.equal(log.statusCode, 200, log.body);
    assert.equal(log.json().me.part, 'custody_holder');

    const entry = await mor.post(`/api/portal/stafetlogs/${logId}/entries`, { body: 'Hun siger selv, at hun savner sin veninde.' });
    assert.equal(entry.statusCode, 201, entry.body);
    const written = entry.json().entries.find((e: { body: string }) => e.body.startsWith('Hun siger'));
    assert.equal(written.kind, 'parent_words');
    assert.equal(written.authorKind, 'citizen');

    const level = await mor.post(`/api/portal/stafetlogs/${logId}/levels`, { level: 2, comment: 'Vi er mere bekymrede' });
    assert.equal(level.statusCode, 201, level.body);
    const current = level.json().levels.filter((l: { current: boolean }) => l.current);
    assert.deepEqual(current.map((l: { authorKind: string; level: number }) => [l.authorKind, l.level]).sort(), [
      ['citizen', 2],
      ['staff', 1],
    ]);

    const goal = await mor.post(`/api/portal/stafetlogs/${logId}/goals`, { text: 'Leger med en ven hver dag' });
    assert.equal(goal.statusCode, 201, goal.body);
    assert.equal(goal.json().goals.find((g: { text: string }) => g.text.startsWith('Leger')).proposedBy.kind, 'citizen');

    // A write without the session's CSRF token is refused; a body field the portal does not take is too.
    const noToken = await mor.post(`/api/portal/stafetlogs/${logId}/entries`, { body: 'x' }, { 'x-csrf-token': 'wrong' });
    assert.equal(noToken.statusCode, 403);
    const smuggled = await mor.post(`/api/portal/stafetlogs/${logId}/entries`, { body: 'x', kind: 'note' });
    assert.equal(smuggled.statusCode, 400);

    // Another child's parent cannot read the log.
    const nabo = await citizen(holders.naboMor);
    const res = await nabo.get(`/api/portal/stafetlogs/${logId}`);
    assert.equal(res.statusCode, 404);

    // Consent recipients: the professionals on the log and the child's institution now.
    const candidates = (await mor.get(`/api/portal/children/${t.children.inA}/recipients`)).json().candidates as { recipient: { kind: string; id: string }; detail: string | null }[];
    assert.ok(candidates.some((c) => c.recipient.kind === 'user' && c.recipient.id === t.users.paedagogA && c.detail === 'paedagog'));
    assert.ok(candidates.some((c) => c.recipient.kind === 'institution' && c.recipient.id === t.institutionId));
  });

  it('parents give a consent that needs both custody holders, the other signs, and it can be withdrawn', async () => {
    const mor = await citizen(holders.mor);
    const given = await mor.post(`/api/portal/children/${t.children.inA}/consents`, {
      purpose: 'stafetlog',
      informationTypes: ['stafetlog'],
      recipients: [{ kind: 'user', id: t.users.paedagogB }],
      validFrom: today,
      validTo: addDays(today, 365),
    });
    assert.equal(given.statusCode, 201, given.body);
    const consent = given.json();
    assert.equal(consent.form, 'digital');
    assert.equal(consent.status, 'pending');
    assert.deepEqual(
      consent.signatures.map((s: { custodyHolderId: string; method: string }) => [s.custodyHolderId, s.method]),
      [[holders.mor, 'demo']],
    );
    assert.deepEqual(
      consent.missingSigners.map((m: { custodyHolderId: string }) => m.custodyHolderId),
      [holders.far],
    );

    const far = await citizen(holders.far);
    const signed = await far.post(`/api/portal/consents/${consent.id}/sign`);
    assert.equal(signed.statusCode, 200, signed.body);
    assert.equal(signed.json().status, 'active');

    const nabo = await citizen(holders.naboMor);
    assert.equal((await nabo.post(`/api/portal/consents/${consent.id}/withdraw`, {})).statusCode, 404);

    const withdrawn = await mor.post(`/api/portal/consents/${consent.id}/withdraw`, { reason: 'Vi har talt det igennem' });
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.equal(withdrawn.json().status, 'withdrawn');
    assert.equal(withdrawn.json().withdrawn.byKind, 'citizen');
  });

  it('the access extract shows who read the child’s data, newest first, in pages; reading it is audited', async () => {
    const child = t.children.atSchool;
    const laerer = await login(demo.app, t, 'laerer');
    const reads = ACCESS_LOG_PAGE_SIZE + 3;
    for (let i = 0; i < reads; i += 1) assert.equal((await laerer.get(`/api/children/${child}`)).statusCode, 200);

    const mor = await citizen(holders.mor);
    const all = await auditRowsFor(env.db, t.municipalityId, { childId: child });
    const first = await mor.get(`/api/portal/children/${child}/access-log`);
    assert.equal(first.statusCode, 200, first.body);
    const p1 = first.json();
    assert.equal(p1.total, all.length, 'every row of the child, as it was before this read');
    assert.equal(p1.page, 1);
    assert.equal(p1.rows.length, ACCESS_LOG_PAGE_SIZE);
    const staffRow = p1.rows.find((r: { who: { kind: string } }) => r.who.kind === 'staff');
    assert.deepEqual(staffRow.who, { name: 'Test laerer', role: 'fagperson', profession: 'laerer', kind: 'staff' });
    assert.equal(staffRow.action, 'read');
    const times = p1.rows.map((r: { at: string }) => r.at);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');

    const p2 = (await mor.get(`/api/portal/children/${child}/access-log?page=2`)).json();
    assert.equal(p2.total, p1.total + 1, 'reading page 1 added a row');
    assert.equal(p2.rows.length, p2.total - ACCESS_LOG_PAGE_SIZE);
    assert.ok(p2.rows.every((r: { at: string }) => r.at <= times.at(-1)));
    assert.equal((await mor.get(`/api/portal/children/${child}/access-log?page=99`)).json().rows.length, 0);
    assert.equal((await mor.get(`/api/portal/children/${child}/access-log?page=0`)).statusCode, 400);

    const audited = await auditRowsFor(env.db, t.municipalityId, { childId: child, action: 'read' });
    assert.deepEqual(
      audited.filter((r) => r.resourceType === 'access_log' && r.actorUserId === holders.mor).map((r) => r.details),
      [{ page: 1 }, { page: 2 }, { page: 99 }],
    );

    // The municipality shows professionals by role only: the name goes, the role stays.
    await withScope(data, systemActor(t.municipalityId, 'test fixture'), (s) =>
      s.trx.insertInto('consentSettings').values({ municipalityId: t.municipalityId, portalShowsStaffNames: false }).execute(),
    );
    const hidden = (await mor.get(`/api/portal/children/${child}/access-log`)).json();
    const staffHidden = hidden.rows.filter((r: { who: { kind: string } }) => r.who.kind === 'staff');
    assert.ok(staffHidden.length > 0);
    for (const r of staffHidden) assert.deepEqual(r.who, { name: null, role: 'fagperson', profession: 'laerer', kind: 'staff' });
    const own = hidden.rows.find((r: { who: { kind: string } }) => r.who.kind === 'citizen');
    assert.equal(own.who.name, 'Mette Forælder', 'custody holders are named');
  });
});
