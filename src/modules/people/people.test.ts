import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Database } from '../../db/connect.ts';
import { databaseFor, testApp } from '../../../test/harness.ts';
import { auditRowsFor, createTenant, login, type Client, type Tenant } from '../../../test/fixtures.ts';

// The access rules are the heart of the product: run them on PostgreSQL and on embedded PGlite.
for (const engine of ['postgres', 'pglite'] as const) {
  describe(`access to children (${engine})`, () => {
    let db: Database;
    let closeDb: () => Promise<void>;
    let harness: Awaited<ReturnType<typeof testApp>>;
    let t: Tenant;
    let other: Tenant;
    const as: Record<string, Client> = {};

    before(async () => {
      ({ db, close: closeDb } = await databaseFor(engine));
      harness = await testApp({ db });
      t = await createTenant(db);
      other = await createTenant(db);
      for (const u of ['paedagogA', 'paedagogB', 'leder', 'laerer', 'admin', 'dpo', 'raadgiver', 'facilitator', 'teamleder'] as const) {
        as[u] = await login(harness.app, t, u);
      }
      as.otherLeder = await login(harness.app, other, 'leder');
    });
    after(async () => {
      await harness.close();
      await closeDb();
    });

    const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((c) => c.id).sort();

    it("a pædagog sees only the children in her own group, with CPR masked", async () => {
      const res = await as.paedagogA!.get('/api/children');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(ids(res), [t.children.inA]);
      const child = res.json().items[0];
      assert.match(child.cprMasked, /^\d{6}-xxxx$/);
      assert.equal(child.placements[0].groupName, 'Stue Blå');
    });

    it('a pædagog cannot open a child in another group: 404 exactly like a child that does not exist', async () => {
      const denied = await as.paedagogA!.get(`/api/children/${t.children.inB}`);
      const missing = await as.paedagogA!.get('/api/children/00000000-0000-4000-8000-000000000000');
      assert.equal(denied.statusCode, 404);
      assert.equal(denied.body, missing.body);
      const rows = await auditRowsFor(db, t.municipalityId, { childId: t.children.inB, action: 'access_denied' });
      assert.equal(rows.length, 1, 'the denied attempt is audited');
      assert.equal(rows[0]!.actorUserId, t.users.paedagogA);
      assert.equal(rows[0]!.outcome, 'denied');
    });

    it("another municipality's child answers exactly like a missing one", async () => {
      const foreign = await as.otherLeder!.get(`/api/children/${t.children.inA}`);
      const missing = await as.otherLeder!.get('/api/children/00000000-0000-4000-8000-000000000001');
      assert.equal(foreign.statusCode, 404);
      assert.equal(foreign.body, missing.body);
      assert.deepEqual(ids(await as.otherLeder!.get('/api/children')).includes(t.children.inA), false);
    });

    it('a leader sees every child in the institution, and no school children', async () => {
      assert.deepEqual(ids(await as.leder!.get('/api/children')), [t.children.inA, t.children.inB].sort());
      assert.equal((await as.leder!.get(`/api/children/${t.children.atSchool}`)).statusCode, 404);
    });

    it('a child who has left the group is no longer visible to its pædagog (history kept)', async () => {
      assert.equal((await as.paedagogA!.get(`/api/children/${t.children.movedAway}`)).statusCode, 404);
    });

    it('a case worker sees the child on her case and no other child', async () => {
      assert.deepEqual(ids(await as.raadgiver!.get('/api/children')), [t.children.onCase]);
      const res = await as.raadgiver!.get(`/api/children/${t.children.onCase}`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().accessReasons, ['relation_case']);
    });

    it("a team leader reaches the children on her case workers' cases (S8 case review), and no others", async () => {
      assert.deepEqual(ids(await as.teamleder!.get('/api/children')), [t.children.onCase]);
      const res = await as.teamleder!.get(`/api/children/${t.children.onCase}`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().accessReasons, ['team_lead_case']);
      assert.equal((await as.teamleder!.get(`/api/children/${t.children.inA}`)).statusCode, 404);
    });

    it('the child page shows custody holders, the enrolment history with the transition, and why the viewer has access', async () => {
      const res = await as.laerer!.get(`/api/children/${t.children.atSchool}`);
      assert.equal(res.statusCode, 200);
      const child = res.json();
      assert.deepEqual(
        child.enrolments.map((e: { institutionType: string; current: boolean }) => [e.institutionType, e.current]),
        [
          ['skole', true],
          ['boernehave', false],
        ],
      );
      assert.deepEqual(child.accessReasons, ['enrolment_group']);
      assert.equal(res.headers.etag, `"${child.version}"`);
    });

    it('the administrator and the data-protection officer cannot read children', async () => {
      for (const who of ['admin', 'dpo', 'facilitator']) {
        assert.equal((await as[who]!.get('/api/children')).statusCode, 403, who);
        assert.equal((await as[who]!.get(`/api/children/${t.children.inA}`)).statusCode, 403, who);
      }
    });

    it('every child shown is audited: one row per child in a list, one per read, in the same transaction', async () => {
      const before = (await auditRowsFor(db, t.municipalityId, { childId: t.children.inA })).length;
      await as.leder!.get('/api/children');
      await as.leder!.get(`/api/children/${t.children.inA}`);
      const rows = (await auditRowsFor(db, t.municipalityId, { childId: t.children.inA })).slice(before);
      assert.deepEqual(rows.map((r) => [r.action, r.actorUserId]), [
        ['list', t.users.leder],
        ['read', t.users.leder],
      ]);
    });

    it('search by CPR is a POST and the audit keeps only a masked term', async () => {
      const full = (await db.kysely.transaction().execute(async (trx) => {
        const { sql } = await import('kysely');
        await sql`SELECT set_config('app.municipality_id', ${t.municipalityId}, true)`.execute(trx);
        return trx.selectFrom('children').select('cpr').where('id', '=', t.children.inA).executeTakeFirstOrThrow();
      })).cpr;
      const res = await as.leder!.post('/api/children/search', { q: full });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(ids(res), [t.children.inA]);
      const search = (await auditRowsFor(db, t.municipalityId, { action: 'search' })).at(-1)!;
      assert.equal(search.searchTerm, `${full.slice(0, 6)}-xxxx`);
      assert.equal(JSON.stringify(search).includes(full), false, 'the full CPR is nowhere in the audit row');
    });

    it('revealing a CPR needs a purpose and is audited with it', async () => {
      const noPurpose = await as.paedagogA!.post(`/api/children/${t.children.inA}/reveal-cpr`, {});
      assert.equal(noPurpose.statusCode, 400);
      const res = await as.paedagogA!.post(`/api/children/${t.children.inA}/reveal-cpr`, { purpose: 'Kontakt til sundhedsplejen' });
      assert.equal(res.statusCode, 200);
      assert.match(res.json().cpr, /^\d{6}-\d{4}$/);
      const row = (await auditRowsFor(db, t.municipalityId, { action: 'reveal_cpr' })).at(-1)!;
      assert.equal(row.purpose, 'Kontakt til sundhedsplejen');
      assert.equal(row.childId, t.children.inA);
    });

    it('an administrator registers a child and enrols it; the next daycare enrolment closes the first', async () => {
      const created = await as.admin!.post('/api/children', {
        cpr: '012215-1234',
        firstName: 'Ny',
        lastName: 'Barnesen',
        birthDate: '2025-02-01',
        custodyHolders: [{ cpr: '010185-4321', firstName: 'Mor', lastName: 'Barnesen', relation: 'mor', hasCustody: true }],
        enrolment: { institutionId: t.institutionId, groupId: t.groupA, validFrom: '2026-01-01' },
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      const moved = await as.admin!.post(`/api/children/${id}/enrolments`, { institutionId: t.institutionId, groupId: t.groupB, validFrom: '2026-08-01' });
      assert.equal(moved.statusCode, 201, moved.body);
      const view = await as.admin!.post('/api/children/lookup', { cpr: '012215-1234' });
      assert.equal(view.statusCode, 200);
      assert.deepEqual(
        view.json().enrolments.map((e: { groupName: string; validTo: string | null }) => [e.groupName, e.validTo]),
        [
          ['Stue Grøn', null],
          ['Stue Blå', '2026-07-31'],
        ],
      );
      const dup = await as.admin!.post('/api/children', { cpr: '012215-1234', firstName: 'X', lastName: 'Y', birthDate: '2025-02-01' });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json().error.code, 'child.cpr_taken');
    });

    it('a professional cannot register children', async () => {
      const res = await as.paedagogA!.post('/api/children', { cpr: '022215-1234', firstName: 'X', lastName: 'Y', birthDate: '2025-02-02' });
      assert.equal(res.statusCode, 403);
    });

    it('bad input never gives a 5xx and never writes a child (fuzz)', async () => {
      const count = async () =>
        db.kysely.transaction().execute(async (trx) => {
          const { sql } = await import('kysely');
          await sql`SELECT set_config('app.municipality_id', ${t.municipalityId}, true)`.execute(trx);
          return (await trx.selectFrom('children').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
        });
      const before = await count();
      const badChild = fc.record(
        {
          cpr: fc.oneof(fc.string(), fc.constant('310299-1234'), fc.constant('012215-99999'), fc.integer()),
          firstName: fc.oneof(fc.string({ maxLength: 300 }), fc.constant(''), fc.constant(null)),
          lastName: fc.string(),
          birthDate: fc.oneof(fc.string(), fc.constant('2026-02-30'), fc.constant('2026-13-01')),
          custodyHolders: fc.oneof(fc.anything(), fc.array(fc.record({ cpr: fc.string() }))),
          enrolment: fc.oneof(fc.constant(undefined), fc.record({ institutionId: fc.uuid(), validFrom: fc.string() })),
          extra: fc.anything(),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(badChild, async (body) => {
          const res = await as.admin!.post('/api/children', body);
          return res.statusCode >= 400 && res.statusCode < 500;
        }),
        { numRuns: engine === 'postgres' ? 150 : 40 },
      );
      await fc.assert(
        fc.asyncProperty(fc.string(), fc.anything(), async (id, q) => {
          const a = await as.leder!.get(`/api/children/${encodeURIComponent(id)}`);
          const b = await as.leder!.post('/api/children/search', { q });
          return a.statusCode < 500 && b.statusCode < 500;
        }),
        { numRuns: engine === 'postgres' ? 150 : 40 },
      );
      assert.equal(await count(), before);
    });
  });
}
