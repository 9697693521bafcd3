import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { testApp, testDatabase } from '../../../test/harness.ts';
import { createTenant, login, type Client, type Tenant } from '../../../test/fixtures.ts';

describe('organisation administration', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let harness: Awaited<ReturnType<typeof testApp>>;
  let t: Tenant;
  let admin: Client;
  let otherAdmin: Client;
  let paedagog: Client;

  before(async () => {
    env = await testDatabase();
    harness = await testApp({ db: env.db });
    t = await createTenant(env.db);
    const other = await createTenant(env.db);
    admin = await login(harness.app, t, 'admin');
    otherAdmin = await login(harness.app, other, 'admin');
    paedagog = await login(harness.app, t, 'paedagogA');
  });
  after(async () => {
    await harness.close();
    await env.close();
  });

  it('an administrator builds a district with an institution and a group, and sees them in the tree with counts', async () => {
    const d = await admin.post('/api/org/districts', { name: 'Distrikt Syd' });
    assert.equal(d.statusCode, 201);
    const i = await admin.post('/api/org/institutions', { name: 'Dagplejen Syd', type: 'dagpleje', districtId: d.json().id });
    assert.equal(i.statusCode, 201);
    const g = await admin.post('/api/org/groups', { institutionId: i.json().id, name: 'Dagplejer Hanne' });
    assert.equal(g.statusCode, 201);
    const tree = (await admin.get('/api/org/tree')).json();
    const syd = tree.districts.find((x: { name: string }) => x.name === 'Distrikt Syd');
    assert.equal(syd.institutions[0].name, 'Dagplejen Syd');
    assert.equal(syd.institutions[0].groups[0].name, 'Dagplejer Hanne');
    const nord = tree.districts.find((x: { name: string }) => x.name === 'Nord');
    const solsikken = nord.institutions.find((x: { type: string }) => x.type === 'boernehave');
    assert.equal(solsikken.childCount, 2, 'numbers only: no child is listed');
  });

  it('a duplicate name is a 409 with a Danish message', async () => {
    const res = await admin.post('/api/org/districts', { name: 'Nord' });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'name.taken');
    assert.match(res.json().error.message, /allerede i brug/);
  });

  it('a change needs If-Match: 428 without it, 412 when stale, and nothing is lost', async () => {
    const missing = await admin.patch(`/api/org/districts/${t.districtId}`, { name: 'Nord 2' });
    assert.equal(missing.statusCode, 428);
    const ok = await admin.patch(`/api/org/districts/${t.districtId}`, { name: 'Nord 2' }, { 'if-match': '"1"' });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().version, 2);
    const stale = await admin.patch(`/api/org/districts/${t.districtId}`, { name: 'Nord 3' }, { 'if-match': '"1"' });
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json().error.code, 'version.mismatch');
    const tree = (await admin.get('/api/org/tree')).json();
    assert.ok(tree.districts.some((x: { name: string }) => x.name === 'Nord 2'));
  });

  it('concurrent edits with the same version: exactly one wins', async () => {
    const tree = (await admin.get('/api/org/tree')).json();
    const group = tree.districts.flatMap((d: { institutions: { groups: { id: string; version: number }[] }[] }) => d.institutions.flatMap((i) => i.groups))[0];
    const results = await Promise.all(
      ['A', 'B', 'C', 'D'].map((n) => admin.patch(`/api/org/groups/${group.id}`, { name: `Gruppe ${n}` }, { 'if-match': `"${group.version}"` })),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 412, 412, 412]);
  });

  it("another municipality's institution answers like a missing one", async () => {
    const foreign = await otherAdmin.patch(`/api/org/institutions/${t.institutionId}`, { name: 'Overtaget' }, { 'if-match': '"1"' });
    const missing = await otherAdmin.patch('/api/org/institutions/00000000-0000-4000-8000-000000000000', { name: 'Overtaget' }, { 'if-match': '"1"' });
    assert.equal(foreign.statusCode, 404);
    assert.equal(foreign.body, missing.body);
  });

  it('a pædagog can read the structure but not change it', async () => {
    assert.equal((await paedagog.get('/api/org/tree')).statusCode, 200);
    assert.equal((await paedagog.post('/api/org/districts', { name: 'Mit distrikt' })).statusCode, 403);
  });

  it('unknown fields are refused (no mass assignment of ids, municipality or version)', async () => {
    for (const extra of [{ id: t.districtId }, { municipalityId: t.municipalityId }, { version: 9 }, { archivedAt: null }]) {
      const res = await admin.post('/api/org/districts', { name: 'Distrikt X', ...extra });
      assert.equal(res.statusCode, 400, JSON.stringify(extra));
    }
  });

  it('random bodies never give a 5xx (fuzz)', async () => {
    const routes = ['/api/org/districts', '/api/org/institutions', '/api/org/groups', '/api/org/teams'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.anything(), async (url, body) => {
        const res = await admin.post(url, typeof body === 'object' && body !== null ? body : { value: body });
        return res.statusCode < 500;
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.string(), fc.string(), async (url, id, ifMatch) => {
        const res = await admin.patch(`${url}/${encodeURIComponent(id)}`, { name: 'x' }, { 'if-match': ifMatch });
        return res.statusCode < 500;
      }),
      { numRuns: 200 },
    );
  });
});
