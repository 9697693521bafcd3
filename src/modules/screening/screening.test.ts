import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { systemActor } from '../../access/actor.ts';
import { withScope } from '../../access/scope.ts';
import type { Database } from '../../db/connect.ts';
import { fictitiousCpr } from '../../domain/cpr.ts';
import { databaseFor, fixedClock, testApp } from '../../../test/harness.ts';
import { auditRowsFor, createTenant, login, PASSWORD, type Client, type Tenant } from '../../../test/fixtures.ts';

// Run on PostgreSQL and on the embedded PGlite the demo starts with.
for (const engine of ['postgres', 'pglite'] as const) {
  describe(`screening: rounds, fast entry, joint position (${engine})`, () => {
    // A spring round for daycare, 2–20 March 2026; "today" is 10 March unless a test moves the clock.
    const clock = fixedClock(new Date('2026-03-10T10:00:00Z'));
    let harness: Awaited<ReturnType<typeof testApp>>;
    let db: Database;
    let closeDb: () => Promise<void>;
    let t: Tenant;
    let other: Tenant;
    const as: Record<string, Client> = {};
    const groupA: string[] = []; // children in group A
    let roundId: string;
    let green: string;
    let yellow: string;
    let red: string;

    const sheet = (who: string, groupId = t.groupA) => as[who]!.get(`/api/screening/rounds/${roundId}/groups/${groupId}`);
    const rate = (who: string, ratings: unknown[], groupId = t.groupA) => as[who]!.post(`/api/screening/rounds/${roundId}/groups/${groupId}/ratings`, { ratings });
    const ratingCount = async () =>
      (
        await db.kysely
          .selectFrom('screeningRatings')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('municipalityId', '=', t.municipalityId)
          .executeTakeFirstOrThrow()
      ).n;
    const childOf = (res: { json(): { children: { id: string }[] } }, id: string) => res.json().children.find((c) => c.id === id) as Record<string, any>;

    before(async () => {
      ({ db, close: closeDb } = await databaseFor(engine));
      harness = await testApp({ db, clock });
      t = await createTenant(db, { clock });
      other = await createTenant(db, { clock });
      for (const u of ['paedagogA', 'paedagogB', 'leder', 'laerer', 'admin', 'dpo', 'facilitator'] as const) as[u] = await login(harness.app, t, u);
      as.otherLeder = await login(harness.app, other, 'leder');
      as.otherAdmin = await login(harness.app, other, 'admin');
      // Three more children in group A, and a second pædagog there (TOPI: two raters).
      groupA.push(t.children.inA);
      for (let i = 0; i < 3; i++) {
        const res = await as.admin!.post('/api/children', {
          cpr: fictitiousCpr('2021-06-0' + (i + 1), 7000 + i),
          firstName: `Ekstra${i}`,
          lastName: 'Screeningsen',
          birthDate: `2021-06-0${i + 1}`,
          enrolment: { institutionId: t.institutionId, groupId: t.groupA, validFrom: '2025-08-01' },
        });
        assert.equal(res.statusCode, 201, res.body);
        groupA.push(res.json().id);
      }
      const colleague = await as.admin!.post('/api/staff', { username: 'paedagoga2', displayName: 'Test paedagogA2', profession: 'paedagog', password: PASSWORD });
      assert.equal(colleague.statusCode, 201, colleague.body);
      const m = await as.admin!.post(`/api/staff/${colleague.json().id}/memberships`, { role: 'fagperson', unitKind: 'group', unitId: t.groupA, validFrom: '2025-01-01' });
      assert.equal(m.statusCode, 201, m.body);
      as.paedagogA2 = await login(harness.app, t, 'paedagoga2');
    });
    after(async () => {
      await harness.close();
      await closeDb();
    });

    it('a pædagog cannot plan rounds; the administrator can, and gets the default grøn/gul/rød scale', async () => {
      const body = { name: 'Forår 2026 dagtilbud', institutionTypes: ['boernehave', 'vuggestue'], opensOn: '2026-03-02', closesOn: '2026-03-20' };
      assert.equal((await as.paedagogA!.post('/api/screening/rounds', body)).statusCode, 403);
      const res = await as.admin!.post('/api/screening/rounds', body);
      assert.equal(res.statusCode, 201, res.body);
      roundId = res.json().id;
      const scales = (await as.admin!.get('/api/screening/scales')).json().items;
      assert.equal(scales.length, 1);
      const positions = scales[0].versions[0].positions;
      assert.deepEqual(positions.map((p: { label: string; isConcern: boolean }) => [p.label, p.isConcern]), [
        ['Grøn', false],
        ['Gul', true],
        ['Rød', true],
      ]);
      [green, yellow, red] = positions.map((p: { id: string }) => p.id);
      assert.equal((await as.admin!.get(`/api/screening/rounds/${roundId}`)).json().phase, 'open');
    });

    it('a second round for the same institution type in an overlapping window is refused; a school round is not', async () => {
      const clash = await as.admin!.post('/api/screening/rounds', { name: 'Dobbelt', institutionTypes: ['boernehave'], opensOn: '2026-03-15', closesOn: '2026-04-01' });
      assert.equal(clash.statusCode, 409);
      assert.equal(clash.json().error.code, 'screening.round_overlap');
      const school = await as.admin!.post('/api/screening/rounds', { name: 'Forår 2026 skole', institutionTypes: ['skole'], opensOn: '2026-03-02', closesOn: '2026-03-20' });
      assert.equal(school.statusCode, 201, school.body);
    });

    it('with several scales a round must name one; Børnelinealen is a ready template, and a scale gets new versions', async () => {
      const b = await as.admin!.post('/api/screening/scales', { template: 'boernelinealen' });
      assert.equal(b.statusCode, 201, b.body);
      const noScale = await as.admin!.post('/api/screening/rounds', { name: 'Efterår 2026', institutionTypes: ['boernehave'], opensOn: '2026-10-01', closesOn: '2026-10-20' });
      assert.equal(noScale.json().error.code, 'screening.scale_required');
      const bad = await as.admin!.post(`/api/screening/scales/${b.json().id}/versions`, { positions: [{ label: 'Rød', colour: '#ff0000', isConcern: true }, { label: 'Grøn', colour: '#00ff00', isConcern: false }] }, { 'if-match': '1' });
      assert.equal(bad.json().error.code, 'screening.scale_invalid');
      const v2 = await as.admin!.post(
        `/api/screening/scales/${b.json().id}/versions`,
        { positions: [{ label: 'Trivsel', colour: '#2e7d32', isConcern: false }, { label: 'Mistrivsel', colour: '#c62828', isConcern: true }] },
        { 'if-match': '1' },
      );
      assert.equal(v2.statusCode, 201, v2.body);
      const scale = (await as.admin!.get('/api/screening/scales')).json().items.find((x: { id: string }) => x.id === b.json().id);
      assert.deepEqual(scale.versions.map((v: { number: number; positions: unknown[] }) => [v.number, v.positions.length]), [
        [1, 5],
        [2, 2],
      ]);
    });

    it('a pædagog sees the open round with her own group only', async () => {
      const res = await as.paedagogA!.get('/api/screening/rounds');
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json().items;
      assert.deepEqual(items.map((r: { id: string }) => r.id), [roundId]);
      assert.deepEqual(items[0].groups.map((g: { id: string; mayRate: boolean }) => [g.id, g.mayRate]), [[t.groupA, true]]);
      const leader = (await as.leder!.get('/api/screening/rounds')).json().items[0];
      assert.deepEqual(leader.groups.map((g: { id: string }) => g.id).sort(), [t.groupA, t.groupB].sort());
    });

    it("a pædagog's list is every child in her group, each read audited; another group answers 404 and the attempt is audited", async () => {
      const res = await sheet('paedagogA');
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().children.map((c: { id: string }) => c.id).sort(), [...groupA].sort());
      assert.equal(res.json().positions.length, 3);
      assert.deepEqual(res.json().coverage, { total: 4, done: 0, rated: 0, notAssessed: 0, missing: 4, conflicts: 0, awaitingJoint: 0, ratio: 0, complete: false });
      const listed = await auditRowsFor(db, t.municipalityId, { childId: t.children.inA, action: 'list' });
      assert.ok(listed.some((r) => r.resourceType === 'screening_rating' && r.actorUserId === t.users.paedagogA));

      const denied = await sheet('paedagogA', t.groupB);
      const missing = await sheet('paedagogA', '00000000-0000-4000-8000-000000000000');
      assert.equal(denied.statusCode, 404);
      assert.equal(denied.body, missing.body);
      const rows = await auditRowsFor(db, t.municipalityId, { action: 'access_denied' });
      assert.ok(rows.some((r) => r.resourceId === t.groupB && r.actorUserId === t.users.paedagogA));
    });

    it('a leader sees every group in the institution; another municipality sees nothing', async () => {
      assert.equal((await sheet('leder', t.groupA)).statusCode, 200);
      assert.deepEqual((await sheet('leder', t.groupB)).json().children.map((c: { id: string }) => c.id), [t.children.inB]);
      assert.equal((await as.otherLeder!.get(`/api/screening/rounds/${roundId}/groups/${t.groupA}`)).statusCode, 404);
      assert.equal((await as.otherLeder!.get(`/api/screening/rounds/${roundId}/progress`)).statusCode, 404);
      assert.deepEqual((await as.otherLeder!.get('/api/screening/rounds')).json().items, []);
      assert.deepEqual((await as.otherAdmin!.get('/api/screening/scales')).json().items, []);
      assert.equal((await as.otherLeder!.get(`/api/screening/children/${t.children.inA}`)).statusCode, 404);
    });

    it('bad input saves nothing: a child from another group, an unknown position, a missing reason', async () => {
      const before = await ratingCount();
      const foreign = await rate('paedagogA', [
        { childId: groupA[0], positionId: green },
        { childId: t.children.inB, positionId: green },
      ]);
      assert.equal(foreign.statusCode, 422);
      assert.equal(foreign.json().error.code, 'screening.child_not_in_group');
      assert.deepEqual(foreign.json().error.details, [{ index: 1, path: 'ratings.1.childId', code: 'screening.child_not_in_group' }]);
      const denied = await auditRowsFor(db, t.municipalityId, { childId: t.children.inB, action: 'access_denied' });
      assert.equal(denied.at(-1)!.resourceType, 'screening_rating');

      const unknown = await rate('paedagogA', [{ childId: groupA[0], positionId: '00000000-0000-4000-8000-000000000009' }]);
      assert.equal(unknown.statusCode, 422);
      assert.equal(unknown.json().error.code, 'screening.position_unknown');

      const noReason = await rate('paedagogA', [{ childId: groupA[0], positionId: null }]);
      assert.equal(noReason.statusCode, 400);
      assert.ok(noReason.json().error.details.some((d: { path: string }) => d.path.endsWith('notAssessedReason')));

      const extra = await as.paedagogA!.post(`/api/screening/rounds/${roundId}/groups/${t.groupA}/ratings`, { ratings: [{ childId: groupA[0], positionId: green, raterUserId: t.users.leder }] });
      assert.equal(extra.statusCode, 400, 'unknown fields are refused');
      assert.equal(await ratingCount(), before);
    });

    it('fast entry: the whole group in one request and one transaction, each rating audited', async () => {
      const res = await rate('paedagogA', [
        { childId: groupA[0], positionId: green },
        { childId: groupA[1], positionId: yellow, note: 'Trækker sig fra legen' },
        { childId: groupA[2], positionId: green },
        { childId: groupA[3], positionId: null, notAssessedReason: 'Startede i sidste uge' },
      ]);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().saved.length, 4);
      for (const childId of groupA) {
        const rows = await auditRowsFor(db, t.municipalityId, { childId, action: 'create' });
        assert.equal(rows.filter((r) => r.resourceType === 'screening_rating').length, 1, childId);
      }
      const s = await sheet('paedagogA');
      assert.equal(childOf(s, groupA[1]!).mine.positionId, yellow);
      assert.equal(childOf(s, groupA[1]!).mine.note, 'Trækker sig fra legen');
      assert.equal(s.json().coverage.done, 4);
      assert.equal(s.json().coverage.complete, true);
    });

    it('a second rating of the same child is a duplicate (409); a correction must point at the current rating', async () => {
      const before = await ratingCount();
      const dup = await rate('paedagogA', [{ childId: groupA[0], positionId: red }]);
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json().error.code, 'screening.duplicate_rating');
      const twice = await rate('paedagogA2', [
        { childId: groupA[0], positionId: red },
        { childId: groupA[0], positionId: green },
      ]);
      assert.equal(twice.json().error.code, 'screening.duplicate_rating');
      assert.equal(await ratingCount(), before);

      const mine = childOf(await sheet('paedagogA'), groupA[0]!).mine;
      const fix = await rate('paedagogA', [{ childId: groupA[0], positionId: yellow, correctsId: mine.id }]);
      assert.equal(fix.statusCode, 201, fix.body);
      const stale = await rate('paedagogA', [{ childId: groupA[0], positionId: red, correctsId: mine.id }]);
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, 'screening.correction_invalid');
      assert.equal(childOf(await sheet('paedagogA'), groupA[0]!).mine.positionId, yellow, 'the correction is current; the old row is kept');
      assert.equal(await ratingCount(), before + 1);
    });

    it('two raters two steps apart are a conflict; a joint position needs two raters and clears it', async () => {
      // groupA[2]: pædagog A said green; her colleague says red (two steps, and concern vs none).
      const single = await as.paedagogA!.post(`/api/screening/rounds/${roundId}/groups/${t.groupA}/joint`, { childId: groupA[1], positionId: yellow });
      assert.equal(single.statusCode, 409);
      assert.equal(single.json().error.code, 'screening.joint_needs_raters');

      assert.equal((await rate('paedagogA2', [{ childId: groupA[2], positionId: red, note: 'Bekymret for sproget' }])).statusCode, 201);
      let s = await sheet('paedagogA');
      let child = childOf(s, groupA[2]!);
      assert.equal(child.status, 'conflict');
      assert.deepEqual(child.conflict.reasons, ['distance', 'concern_mix']);
      assert.deepEqual(child.others, [{ raterName: 'Test paedagogA2', positionId: red, notAssessed: false }], "another rater's position, not her note");
      assert.equal(s.json().coverage.conflicts, 1);

      const joint = await as.paedagogA2!.post(`/api/screening/rounds/${roundId}/groups/${t.groupA}/joint`, { childId: groupA[2], positionId: yellow, note: 'Aftalt efter fælles snak' });
      assert.equal(joint.statusCode, 201, joint.body);
      const again = await as.paedagogA!.post(`/api/screening/rounds/${roundId}/groups/${t.groupA}/joint`, { childId: groupA[2], positionId: red });
      assert.equal(again.json().error.code, 'screening.duplicate_rating');
      s = await sheet('paedagogA');
      child = childOf(s, groupA[2]!);
      assert.equal(child.status, 'agreed');
      assert.equal(child.effectivePositionId, yellow);
      assert.equal(child.joint.agreedBy, 'Test paedagogA2');
      assert.equal(s.json().coverage.conflicts, 0);
    });

    it('progress: the leader sees rated / total per group; the facilitator and administrator see counts; a pædagog does not', async () => {
      const res = await as.leder!.get(`/api/screening/rounds/${roundId}/progress`);
      assert.equal(res.statusCode, 200, res.body);
      const inst = res.json().institutions.find((i: { id: string }) => i.id === t.institutionId);
      const byGroup = Object.fromEntries(inst.groups.map((g: { id: string; coverage: { done: number; total: number } }) => [g.id, [g.coverage.done, g.coverage.total]]));
      assert.deepEqual(byGroup, { [t.groupA]: [4, 4], [t.groupB]: [0, 1] });
      assert.deepEqual([inst.coverage.done, inst.coverage.total], [4, 5]);
      assert.equal((await as.facilitator!.get(`/api/screening/rounds/${roundId}/progress`)).statusCode, 200);
      assert.equal((await as.admin!.get(`/api/screening/rounds/${roundId}/progress`)).statusCode, 200);
      assert.equal((await as.paedagogA!.get(`/api/screening/rounds/${roundId}/progress`)).statusCode, 403);
    });

    it("a child's history shows the round's position; notes only to those in the group; other groups answer 404", async () => {
      const res = await as.leder!.get(`/api/screening/children/${groupA[2]}`);
      assert.equal(res.statusCode, 200, res.body);
      const [entry] = res.json().rounds;
      assert.equal(entry.effectivePosition.label, 'Gul');
      assert.equal(entry.status, 'agreed');
      assert.equal(entry.groupName, 'Stue Blå');
      assert.deepEqual(entry.ratings.map((r: { position: { label: string } }) => r.position.label).sort(), ['Grøn', 'Rød']);
      assert.ok(entry.ratings.some((r: { note: string | null }) => r.note === 'Bekymret for sproget'));
      const read = await auditRowsFor(db, t.municipalityId, { childId: groupA[2], action: 'read' });
      assert.equal(read.at(-1)!.resourceType, 'screening_rating');
      assert.equal((await as.paedagogB!.get(`/api/screening/children/${groupA[2]}`)).statusCode, 404);
    });

    it('ratings are append-only in the database: the application role cannot change or delete them', async () => {
      await assert.rejects(
        withScope({ db, clock }, systemActor(t.municipalityId, 'test'), (s) => s.trx.updateTable('screeningRatings').set({ note: 'x' }).execute()),
        /permission denied/,
      );
      await assert.rejects(
        withScope({ db, clock }, systemActor(t.municipalityId, 'test'), (s) => s.trx.deleteFrom('screeningRatings').execute()),
        /permission denied/,
      );
    });

    it('two submissions of the same child at once: one is saved, the other is a duplicate (409)', async () => {
      const once = () => rate('paedagogB', [{ childId: t.children.inB, positionId: green }], t.groupB);
      const results = await Promise.all([once(), once()]);
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409], results.map((r) => r.body).join(' '));
      assert.equal(results.find((r) => r.statusCode === 409)!.json().error.code, 'screening.duplicate_rating');
    });

    it('after the round closes a pædagog cannot rate; the leader can, and the rating is marked late', async () => {
      clock.set(new Date('2026-03-21T08:00:00Z'));
      try {
        as.paedagogB = await login(harness.app, t, 'paedagogB');
        as.leder = await login(harness.app, t, 'leder');
        const closed = await rate('paedagogB', [{ childId: t.children.inB, positionId: green }], t.groupB);
        assert.equal(closed.statusCode, 409);
        assert.equal(closed.json().error.code, 'screening.round_closed');
        const late = await rate('leder', [{ childId: t.children.inB, positionId: green }], t.groupB);
        assert.equal(late.statusCode, 201, late.body);
        const s = await sheet('leder', t.groupB);
        assert.equal(s.json().late, true);
        assert.equal(childOf(s, t.children.inB).mine.late, true);
        assert.equal(s.json().coverage.complete, true);
      } finally {
        clock.set(new Date('2026-03-10T10:00:00Z'));
      }
    });

    it('before a round opens nobody can rate', async () => {
      const planned = await as.admin!.post('/api/screening/rounds', { name: 'Efterår 2026 dagtilbud', institutionTypes: ['boernehave'], opensOn: '2026-10-01', closesOn: '2026-10-20', scaleId: (await as.admin!.get('/api/screening/scales')).json().items.find((x: { template: string }) => x.template === 'trafiklys').id });
      assert.equal(planned.statusCode, 201, planned.body);
      const res = await as.leder!.post(`/api/screening/rounds/${planned.json().id}/groups/${t.groupA}/ratings`, { ratings: [{ childId: groupA[0], positionId: green }] });
      assert.equal(res.statusCode, 409);
      assert.equal(res.json().error.code, 'screening.round_not_open');
    });

    it('a round is changed with If-Match; a stale version is 412; its institution types are fixed once it has ratings', async () => {
      const round = await as.admin!.get(`/api/screening/rounds/${roundId}`);
      const v = round.json().version;
      assert.equal((await as.admin!.patch(`/api/screening/rounds/${roundId}`, { closesOn: '2026-03-27' })).statusCode, 428);
      const ok = await as.admin!.patch(`/api/screening/rounds/${roundId}`, { closesOn: '2026-03-27' }, { 'if-match': `"${v}"` });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal((await as.admin!.get(`/api/screening/rounds/${roundId}`)).json().closesOn, '2026-03-27');
      assert.equal((await as.admin!.patch(`/api/screening/rounds/${roundId}`, { name: 'X' }, { 'if-match': `"${v}"` })).statusCode, 412);
      const types = await as.admin!.patch(`/api/screening/rounds/${roundId}`, { institutionTypes: ['skole'] }, { 'if-match': `"${v + 1}"` });
      assert.equal(types.statusCode, 409);
      assert.equal(types.json().error.code, 'screening.round_has_ratings');
    });
  });
}
