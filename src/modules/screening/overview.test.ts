import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { staffActor } from '../../access/actor.ts';
import { Scope } from '../../access/scope.ts';
import type { Database } from '../../db/connect.ts';
import { fictitiousCpr } from '../../domain/cpr.ts';
import { assertSqlSnapshot, compileOnly } from '../../../test/sql-snapshot.ts';
import { databaseFor, fixedClock, testApp } from '../../../test/harness.ts';
import { auditRowsFor, createTenant, login, PASSWORD, type Client, type Tenant } from '../../../test/fixtures.ts';
import { ratingStatesOfEnrolledQuery } from './overview-repo.ts';

interface Cell {
  ordinal: number;
  value: number | null;
  status: string;
}
interface Dist {
  total: number;
  withheld: boolean;
  cells: Cell[];
  concernShare: number | null;
}
interface Unit {
  id: string;
  name: string;
  coverage: { done: number; total: number };
  distribution: Dist;
  previous: Dist | null;
  concernChange: number | null;
}
interface Listed {
  id: string;
  firstName: string;
  now: { position: { label: string } };
  previous: { position: { label: string }; institutionName: string; roundName: string };
  transition: boolean;
}

// Run on PostgreSQL and on the embedded PGlite the demo starts with.
for (const engine of ['postgres', 'pglite'] as const) {
  describe(`screening overviews (${engine})`, () => {
    // Last autumn's round (1–20 October 2025) and this spring's (2–20 March 2026), for daycare and school.
    const autumnDay = new Date('2025-10-10T10:00:00Z');
    const springDay = new Date('2026-03-10T10:00:00Z');
    const clock = fixedClock(autumnDay);
    let harness: Awaited<ReturnType<typeof testApp>>;
    let db: Database;
    let closeDb: () => Promise<void>;
    let t: Tenant;
    let other: Tenant;
    const as: Record<string, Client> = {};
    const kid: Record<string, string> = {};
    let vuggestue: string;
    let groupV: string;
    let autumn: string;
    let spring: string;
    const pos: Record<string, string> = {};

    const overview = (who: string, query = '') => as[who]!.get(`/api/screening/overview${query}`);
    const detail = (who: string, id: string, query = '') => as[who]!.get(`/api/screening/overview/institutions/${id}${query}`);
    const relogin = async (...who: string[]) => {
      for (const u of who) as[u] = await login(harness.app, t, u.toLowerCase());
    };
    const rate = async (who: string, roundId: string, groupId: string, ratings: Record<string, string>) => {
      const res = await as[who]!.post(`/api/screening/rounds/${roundId}/groups/${groupId}/ratings`, {
        ratings: Object.entries(ratings).map(([k, p]) => ({ childId: kid[k] ?? k, positionId: pos[p] })),
      });
      assert.equal(res.statusCode, 201, res.body);
    };
    const child = async (name: string, birthDate: string, n: number, institutionId: string, groupId: string, validFrom = '2025-08-01') => {
      const res = await as.admin!.post('/api/children', {
        cpr: fictitiousCpr(birthDate, 8000 + n),
        firstName: name,
        lastName: 'Overbliksen',
        birthDate,
        enrolment: { institutionId, groupId, validFrom },
      });
      assert.equal(res.statusCode, 201, res.body);
      kid[name] = res.json().id;
    };

    before(async () => {
      ({ db, close: closeDb } = await databaseFor(engine));
      harness = await testApp({ db, clock });
      t = await createTenant(db, { clock });
      other = await createTenant(db, { clock });
      for (const u of ['paedagogA', 'paedagogB', 'leder', 'laerer', 'admin', 'facilitator', 'dpo']) as[u] = await login(harness.app, t, u.toLowerCase());
      as.otherLeder = await login(harness.app, other, 'leder');
      kid.inA = t.children.inA;
      kid.inB = t.children.inB;
      kid.atSchool = t.children.atSchool;

      // A vuggestue in the same district, with its own pædagog: where the transition child comes from.
      const v = await as.admin!.post('/api/org/institutions', { name: 'Vuggestuen Mariehønen', type: 'vuggestue', districtId: t.districtId });
      assert.equal(v.statusCode, 201, v.body);
      vuggestue = v.json().id;
      const g = await as.admin!.post('/api/org/groups', { institutionId: vuggestue, name: 'Lilleputterne' });
      assert.equal(g.statusCode, 201, g.body);
      groupV = g.json().id;
      const staff = await as.admin!.post('/api/staff', { username: 'paedagogv', displayName: 'Test paedagogV', profession: 'paedagog', password: PASSWORD });
      assert.equal(staff.statusCode, 201, staff.body);
      const m = await as.admin!.post(`/api/staff/${staff.json().id}/memberships`, { role: 'fagperson', unitKind: 'group', unitId: groupV, validFrom: '2025-01-01' });
      assert.equal(m.statusCode, 201, m.body);
      as.paedagogV = await login(harness.app, t, 'paedagogv');

      for (let i = 1; i <= 11; i++) await child(`A${i}`, '2021-04-0' + ((i % 9) + 1), i, t.institutionId, t.groupA);
      for (let i = 1; i <= 5; i++) await child(`B${i}`, '2021-05-0' + i, 20 + i, t.institutionId, t.groupB);
      for (let i = 1; i <= 4; i++) await child(`V${i}`, '2023-06-0' + i, 30 + i, vuggestue, groupV, '2025-01-01');
      await child('Tove', '2022-12-01', 40, vuggestue, groupV, '2025-01-01');

      // Autumn 2025: every group rates.
      const a = await as.admin!.post('/api/screening/rounds', { name: 'Efterår 2025', institutionTypes: ['boernehave', 'vuggestue', 'skole'], opensOn: '2025-10-01', closesOn: '2025-10-20' });
      assert.equal(a.statusCode, 201, a.body);
      autumn = a.json().id;
      const scale = (await as.admin!.get('/api/screening/scales')).json().items[0];
      [pos.groen, pos.gul, pos.roed] = scale.versions[0].positions.map((p: { id: string }) => p.id);
      await rate('paedagogA', autumn, t.groupA, {
        inA: 'groen', A1: 'groen', A2: 'groen', A3: 'groen', A4: 'groen', A5: 'groen', A6: 'groen', A7: 'gul', A8: 'gul', A9: 'roed', A10: 'groen', A11: 'groen',
      });
      await rate('paedagogB', autumn, t.groupB, { inB: 'groen', B1: 'groen', B2: 'groen', B3: 'groen', B4: 'groen', B5: 'gul' });
      await rate('paedagogV', autumn, groupV, { Tove: 'groen', V1: 'gul', V2: 'groen', V3: 'groen', V4: 'groen' });
      await rate('laerer', autumn, t.classId, { atSchool: 'gul' });

      // New year: Tove starts in Solsikken's group A (the vuggestue enrolment closes the day before).
      const moved = await as.admin!.post(`/api/children/${kid.Tove}/enrolments`, { institutionId: t.institutionId, groupId: t.groupA, validFrom: '2026-01-01' });
      assert.equal(moved.statusCode, 201, moved.body);

      // The scale gets a new version (same three places, new wording): ratings still compare by place.
      const v2 = await as.admin!.post(
        `/api/screening/scales/${scale.id}/versions`,
        {
          positions: [
            { label: 'Grøn', colour: '#2e7d32', meaning: 'Barnet trives', isConcern: false },
            { label: 'Gul', colour: '#f9a825', meaning: 'Vi er bekymrede', isConcern: true },
            { label: 'Rød', colour: '#c62828', meaning: 'Vi er meget bekymrede', isConcern: true },
          ],
        },
        { 'if-match': String(scale.version) },
      );
      assert.equal(v2.statusCode, 201, v2.body);

      clock.set(springDay);
      await relogin('paedagogA', 'paedagogB', 'paedagogV', 'leder', 'laerer', 'admin', 'facilitator', 'dpo');
      as.otherLeder = await login(harness.app, other, 'leder');
      const s = await as.admin!.post('/api/screening/rounds', { name: 'Forår 2026', institutionTypes: ['boernehave', 'vuggestue', 'skole'], opensOn: '2026-03-02', closesOn: '2026-03-20' });
      assert.equal(s.statusCode, 201, s.body);
      spring = s.json().id;
      const positions = (await as.admin!.get('/api/screening/scales')).json().items[0].versions[1].positions;
      [pos.groen, pos.gul, pos.roed] = positions.map((p: { id: string }) => p.id);
      // Tove moved to a worse position across the transition; A7 went gul → rød; A8 stayed gul; A9 improved.
      await rate('paedagogA', spring, t.groupA, {
        inA: 'groen', Tove: 'gul', A1: 'groen', A2: 'groen', A3: 'groen', A4: 'groen', A5: 'groen', A6: 'groen', A7: 'roed', A8: 'gul', A9: 'groen', A10: 'groen',
      });
      await rate('paedagogB', spring, t.groupB, { inB: 'gul', B1: 'groen', B2: 'groen', B3: 'groen', B4: 'groen', B5: 'groen' });
      await rate('paedagogV', spring, groupV, { V1: 'gul', V2: 'groen', V3: 'groen' });
    });
    after(async () => {
      await harness.close();
      await closeDb();
    });

    it('a leader sees her institution by group, this round against the last, with coverage', async () => {
      const res = await overview('leder');
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.round.id, spring, 'the latest round that has opened is the default');
      assert.equal(body.previousRound.id, autumn);
      assert.equal(body.comparable, true, 'a new version with the same places compares position by position');
      assert.equal(body.threshold, 5);
      assert.equal(body.municipality, null);
      assert.deepEqual(body.districts, []);
      assert.deepEqual(body.institutions.map((i: { id: string }) => i.id), [t.institutionId]);
      const inst = body.institutions[0];
      assert.equal(inst.lead, true);
      // Group A: 13 enrolled (A11 not rated yet); group B: 6 rated.
      assert.deepEqual(inst.coverage.done, 18);
      assert.deepEqual(inst.coverage.total, 19);
      const a = inst.groups.find((g: Unit) => g.id === t.groupA) as Unit;
      assert.equal(a.distribution.total, 12);
      // 9 grøn, 2 gul, 1 rød: the gul and rød counts are "<5".
      assert.deepEqual(a.distribution.cells.map((c) => [c.ordinal, c.value, c.status]), [
        [1, 9, 'shown'],
        [2, null, 'small'],
        [3, null, 'small'],
      ]);
      assert.ok(a.previous, 'group A was rated last autumn too');
      assert.equal(a.previous!.total, 12);
      // Group B: 5 grøn and 1 gul out of 6 — the one gul would follow from any shown count: the row is withheld.
      const b = inst.groups.find((g: Unit) => g.id === t.groupB) as Unit;
      assert.equal(b.distribution.total, 6);
      assert.ok(b.distribution.cells.every((c) => c.value === null));
      assert.equal(b.distribution.withheld, true);
      assert.ok(!JSON.stringify(body).includes('Overbliksen'), 'the overview names no child');
    });

    it('a suppressed count never follows from the total and the other counts', async () => {
      const body = (await overview('leder')).json();
      for (const unit of [body.institutions[0], ...body.institutions[0].groups] as Unit[]) {
        const d = unit.distribution;
        const hidden = d.cells.filter((c) => c.status !== 'shown');
        assert.notEqual(hidden.length, 1, `${unit.name}: a single hidden count would be total minus the rest`);
        if (hidden.length === 0) assert.equal(d.cells.reduce((n, c) => n + c.value!, 0), d.total);
      }
    });

    it('the leader lists the children who moved to a worse position and those at concern twice in a row — each audited', async () => {
      const res = await detail('leder', t.institutionId);
      assert.equal(res.statusCode, 200, res.body);
      const { lists, institution } = res.json();
      assert.equal(institution.groups.length, 2);
      const names = (xs: Listed[]) => xs.map((x) => x.firstName).sort();
      assert.deepEqual(names(lists.worse), ['A7', 'Barn2', 'Tove']);
      assert.deepEqual(names(lists.concernTwice), ['A7', 'A8']);
      const tove = lists.worse.find((x: Listed) => x.firstName === 'Tove') as Listed;
      assert.equal(tove.transition, true);
      assert.equal(tove.previous.institutionName, 'Vuggestuen Mariehønen');
      assert.equal(tove.previous.roundName, 'Efterår 2025');
      assert.deepEqual([tove.previous.position.label, tove.now.position.label], ['Grøn', 'Gul']);
      assert.equal((lists.concernTwice as Listed[]).find((x) => x.firstName === 'A8')!.transition, false);
      for (const name of ['A7', 'A8', 'Tove']) {
        const rows = await auditRowsFor(db, t.municipalityId, { childId: kid[name]!, action: 'list' });
        const listed = rows.filter((r) => r.resourceType === 'screening_rating' && r.actorUserId === t.users.leder);
        assert.equal(listed.length, 1, name);
        assert.deepEqual((listed[0]!.details as { lists: string[] }).lists, name === 'A7' ? ['worse', 'concern_twice'] : name === 'A8' ? ['concern_twice'] : ['worse']);
      }
      const notListed = await auditRowsFor(db, t.municipalityId, { childId: kid.A1!, action: 'list' });
      assert.equal(notListed.filter((r) => r.actorUserId === t.users.leder).length, 0, 'children not on a list are not read');
    });

    it('the district facilitator sees the district and its institutions as counts: suppressed, never a name or a list', async () => {
      const res = await overview('facilitator');
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.deepEqual(body.districts.map((d: Unit) => d.id), [t.districtId]);
      assert.deepEqual(body.institutions.map((i: { name: string }) => i.name).sort(), ['Børnehuset Solsikken', 'Nordskolen', 'Vuggestuen Mariehønen']);
      assert.ok(body.institutions.every((i: { lead: boolean; groups: unknown[] }) => !i.lead && i.groups.length === 0));
      const school = body.institutions.find((i: { name: string }) => i.name === 'Nordskolen');
      assert.equal(school.coverage.total, 1);
      assert.ok(school.previous.cells.every((c: Cell) => c.value === null || c.value === 0), 'one child last autumn: no count of 1–4 is shown');
      const district = body.districts[0] as Unit;
      assert.equal(district.coverage.total, body.institutions.reduce((n: number, i: Unit) => n + i.coverage.total, 0));

      const d = await detail('facilitator', t.institutionId);
      assert.equal(d.statusCode, 200, d.body);
      assert.equal(d.json().lists, null);
      assert.equal(d.json().institution.groups.length, 2);
      const text = res.body + d.body;
      for (const id of Object.values(kid)) assert.ok(!text.includes(id), 'no child id');
      assert.ok(!text.includes('Overbliksen') && !text.includes('Barn1'), 'no child name');
    });

    it('the administrator sees the municipality and every district', async () => {
      const body = (await overview('admin')).json();
      assert.equal(body.municipality.coverage.total, body.districts.reduce((n: number, d: Unit) => n + d.coverage.total, 0));
      assert.deepEqual(body.districts.map((d: Unit) => d.id), [t.districtId]);
      assert.equal((await detail('admin', t.institutionId)).json().lists, null, 'the administrator gets no names');
    });

    it('the same institution shows the same suppressed counts on the overview and on its own page', async () => {
      const a = (await overview('facilitator')).json().institutions.find((i: Unit) => i.id === t.institutionId);
      const b = (await detail('facilitator', t.institutionId)).json().institution;
      assert.deepEqual(a.distribution, b.distribution);
    });

    it('a pædagog gets 403; the attempt is audited', async () => {
      const res = await overview('paedagogA');
      assert.equal(res.statusCode, 403);
      assert.equal((await detail('paedagogA', t.institutionId)).statusCode, 403);
      const denied = await auditRowsFor(db, t.municipalityId, { action: 'access_denied' });
      assert.ok(denied.some((r) => r.actorUserId === t.users.paedagogA && r.resourceType === 'screening_overview'));
    });

    it("another municipality's or another institution's ids answer 404 like a missing one, and the attempt is audited", async () => {
      const foreign = await detail('otherLeder', t.institutionId);
      const missing = await detail('otherLeder', '00000000-0000-4000-8000-000000000000');
      assert.equal(foreign.statusCode, 404);
      assert.equal(foreign.body, missing.body);
      assert.equal(foreign.json().error.code, 'institution.not_found');
      const notMine = await detail('leder', t.schoolId);
      assert.equal(notMine.statusCode, 404);
      assert.equal(notMine.body, foreign.body);
      const denied = await auditRowsFor(db, t.municipalityId, { action: 'access_denied' });
      assert.ok(denied.some((r) => r.actorUserId === t.users.leder && r.resourceId === t.schoolId));
      const theirs = await auditRowsFor(db, other.municipalityId, { action: 'access_denied' });
      assert.ok(theirs.some((r) => r.resourceId === t.institutionId), 'recorded in the asking municipality');
      assert.equal((await overview('otherLeder', `?roundId=${spring}`)).statusCode, 404, "another municipality's round is unknown");
    });

    it('bad input: a round id that is not an id is 400, an unknown round 404, an unknown parameter 400', async () => {
      const bad = await overview('leder', '?roundId=foraar');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'request.invalid');
      const unknown = await overview('leder', '?roundId=00000000-0000-4000-8000-000000000001');
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().error.code, 'screening.round_not_found');
      assert.equal((await overview('leder', '?roundId=' + spring + '&groupId=x')).statusCode, 400);
    });

    it('an earlier round can be chosen; a round for another institution type is refused for the institution', async () => {
      const body = (await overview('leder', `?roundId=${autumn}`)).json();
      assert.equal(body.round.id, autumn);
      assert.equal(body.previousRound, null);
      assert.equal(body.institutions[0].previous, null);
      const school = await as.admin!.post('/api/screening/rounds', { name: 'Skole maj 2025', institutionTypes: ['skole'], opensOn: '2025-05-01', closesOn: '2025-05-20' });
      assert.equal(school.statusCode, 201, school.body);
      const refused = await detail('leder', t.institutionId, `?roundId=${school.json().id}`);
      assert.equal(refused.statusCode, 422);
      assert.equal(refused.json().error.code, 'screening.round_not_for_institution');
      // The leader's default is still the latest round for her institution's type.
      assert.equal((await detail('leder', t.institutionId)).json().round.id, spring);
      assert.ok((await overview('leder')).json().rounds.every((r: { id: string }) => r.id !== school.json().id), 'a school round is no choice for a daycare leader');
    });
  });
}

describe('screening overview query snapshot', () => {
  it("a round's ratings of the children enrolled in some groups is the reviewed query", () => {
    const actor = staffActor({ municipalityId: 'm', userId: 'u', displayName: 'x', memberships: [] });
    const scope = new Scope(compileOnly, actor, new Date('2026-03-10T10:00:00Z'));
    assertSqlSnapshot(path.join(path.dirname(fileURLToPath(import.meta.url)), 'overview-repo.snapshot.sql'), 'src/modules/screening/overview-repo.ts', [
      ['ratingStatesOfEnrolled', ratingStatesOfEnrolledQuery(scope, 'r', ['g1', 'g2'], '2026-03-10').compile()],
    ]);
  });
});
