import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, testDatabase } from '../../../test/harness.ts';
import { auditRowsFor, createTenant, login, type Client, type Tenant } from '../../../test/fixtures.ts';

describe('staff administration', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let harness: Awaited<ReturnType<typeof testApp>>;
  let t: Tenant;
  let admin: Client;

  before(async () => {
    env = await testDatabase();
    harness = await testApp({ db: env.db });
    t = await createTenant(env.db);
    admin = await login(harness.app, t, 'admin');
  });
  after(async () => {
    await harness.close();
    await env.close();
  });

  it('an administrator creates a pædagog, gives her a group, and she then sees that group\'s children', async () => {
    const created = await admin.post('/api/staff', { username: 'Nye.Paedagog', displayName: 'Ny Pædagog', profession: 'paedagog', password: 'langt-nok-kodeord' });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    const role = await admin.post(`/api/staff/${id}/memberships`, { role: 'fagperson', unitKind: 'group', unitId: t.groupB, validFrom: '2020-01-01' });
    assert.equal(role.statusCode, 201);
    const detail = await admin.get(`/api/staff/${id}`);
    assert.equal(detail.json().username, 'nye.paedagog');
    assert.equal(detail.json().memberships[0].unitName, 'Børnehuset Solsikken, Stue Grøn');
    assert.equal('passwordHash' in detail.json(), false);
    const she = await login(harness.app, t, 'nye.paedagog', 'langt-nok-kodeord');
    assert.deepEqual((await she.get('/api/children')).json().items.map((c: { id: string }) => c.id), [t.children.inB]);

    // Ending the role ends the access at once.
    const end = await admin.post(`/api/staff/${id}/memberships/${role.json().id}/end`, { validTo: '2020-12-31' });
    assert.equal(end.statusCode, 200);
    // With no current role she has no child work at all: the list itself is refused.
    assert.equal((await she.get('/api/children')).statusCode, 403);
    assert.equal((await she.get(`/api/children/${t.children.inB}`)).statusCode, 403);
  });

  it('a role must fit its unit: an administrator role in a group is refused', async () => {
    const res = await admin.post(`/api/staff/${t.users.laerer}/memberships`, { role: 'admin', unitKind: 'group', unitId: t.groupA, validFrom: '2026-01-01' });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().error.code, 'unit.invalid');
  });

  it('a short password, a taken username and an impossible date are clear 4xx errors', async () => {
    assert.equal((await admin.post('/api/staff', { username: 'kort', displayName: 'K', profession: 'laerer', password: 'kort' })).statusCode, 400);
    const taken = await admin.post('/api/staff', { username: 'leder', displayName: 'L', profession: 'leder' });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'username.taken');
    const badDate = await admin.post(`/api/staff/${t.users.laerer}/memberships`, { role: 'fagperson', unitKind: 'group', unitId: t.classId, validFrom: '2026-02-30' });
    assert.equal(badDate.statusCode, 400);
  });

  it('deactivating a user ends her sessions at once, and the change is audited', async () => {
    const laerer = await login(harness.app, t, 'laerer');
    const current = await admin.get(`/api/staff/${t.users.laerer}`);
    const res = await admin.patch(`/api/staff/${t.users.laerer}`, { deactivated: true }, { 'if-match': current.headers.etag as string });
    assert.equal(res.statusCode, 200);
    assert.equal((await laerer.get('/api/auth/me')).statusCode, 401);
    const rows = (await auditRowsFor(env.db, t.municipalityId, { action: 'update' })).filter((r) => r.resourceId === t.users.laerer);
    assert.equal(rows.length, 1);
  });

  it('only administrators manage staff', async () => {
    const leder = await login(harness.app, t, 'leder');
    assert.equal((await leder.get('/api/staff')).statusCode, 403);
    assert.equal((await leder.post('/api/staff', { username: 'x1', displayName: 'X', profession: 'laerer' })).statusCode, 403);
  });
});
