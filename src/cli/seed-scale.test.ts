import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { systemActor } from '../access/actor.ts';
import { withScope } from '../access/scope.ts';
import type { Database } from '../db/connect.ts';
import { ChainVerifier } from '../domain/audit-chain.ts';
import { addDays, ageOn, coversDay } from '../domain/calendar.ts';
import { parseCpr } from '../domain/cpr.ts';
import { overlaps, planTransition, trackOf, type Track } from '../domain/enrolment.ts';
import { currentRows, mayAgreeJoint } from '../domain/screening-conflict.ts';
import { fixedClock, testApp, testDatabase, type TestDatabase } from '../../test/harness.ts';
import { login, PASSWORD, type Tenant } from '../../test/fixtures.ts';
import { municipalitySizes } from './scale-data.ts';
import { seedScale, type SeedScaleOptions, type SeedScaleResult } from './seed-scale.ts';

const TODAY = '2026-03-10';
const OPTIONS: SeedScaleOptions = { children: 300, municipalities: 2, years: 3, seed: 7, today: TODAY, password: PASSWORD, log: () => {} };
const TABLES = ['districts', 'institutions', 'groups', 'users', 'memberships', 'children', 'custody_holders', 'child_custody', 'enrolments', 'screening_rounds', 'screening_ratings'];

/** Read as the owner inside one municipality (the test connects as superuser: filter explicitly too). */
function inMunicipality<T>(db: Database, municipalityId: string, fn: Parameters<typeof withScope<T>>[2]) {
  return withScope({ db, clock: fixedClock(new Date(`${TODAY}T10:00:00Z`)) }, systemActor(municipalityId, 'test'), fn);
}

/** Each table's content without created_at (a column default) and password_hash (salted), for comparing loads. */
async function digest(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const r = await sql<{ d: string }>`SELECT md5(coalesce(string_agg((to_jsonb(t) - 'created_at' - 'password_hash')::text, ',' ORDER BY t.municipality_id, t.id), '')) AS d FROM ${sql.table(table)} t`.execute(db.kysely);
    out[table] = r.rows[0]!.d;
  }
  return out;
}

describe('seed:scale, the synthetic municipalities for the scale benchmarks', () => {
  let strict: TestDatabase;
  let fast: TestDatabase;
  let result: SeedScaleResult;
  let fastResult: SeedScaleResult;

  before(async () => {
    strict = await testDatabase();
    fast = await testDatabase();
    // Once with PostgreSQL checking every foreign key row by row, one municipality at a time;
    // once checked set-based afterwards, two municipalities at once (the national set-up).
    result = await seedScale(strict.db.pool, { ...OPTIONS, checkFks: 'during', parallel: 1 });
    fastResult = await seedScale(fast.db.pool, { ...OPTIONS, checkFks: 'after', parallel: 2 });
  });
  after(async () => {
    await strict?.close();
    await fast?.close();
  });

  it('spreads the children over the municipalities, skewed like Denmark, summing exactly', () => {
    assert.deepEqual(
      result.municipalities.map((m) => m.counts.children),
      municipalitySizes(300, 2),
    );
    const national = municipalitySizes(1_200_000, 98);
    assert.equal(national.reduce((a, b) => a + b, 0), 1_200_000);
    assert.ok(national[0]! > 90_000 && national[0]! < 150_000, `largest ${national[0]}`);
    assert.ok(national[97]! > 2_000, `smallest ${national[97]}`);
    assert.equal(result.totals.children, 300);
    assert.equal(result.totals.rounds, 2 * (3 * 3 + 3 * 2));
    assert.ok(result.totals.ratings > 600, `ratings ${result.totals.ratings}`);
  });

  it('loads the same rows whether foreign keys are checked during or after the load, one or two at a time (deterministic by seed)', async () => {
    assert.equal(result.checkFks, 'during');
    assert.equal(fastResult.checkFks, 'after');
    assert.deepEqual(fastResult.totals, result.totals);
    assert.deepEqual(await digest(fast.db), await digest(strict.db));
  });

  it('refuses to load the same seed twice into one database', async () => {
    await assert.rejects(seedScale(fast.db.pool, OPTIONS), /already holds the municipalities of seed 7/);
  });

  it('gives every child fictitious, unique CPR numbers and a custody holder', async () => {
    for (const m of result.municipalities) {
      await inMunicipality(strict.db, m.id, async (scope) => {
        const children = await scope.trx.selectFrom('children').select(['id', 'cpr', 'birthDate']).where('municipalityId', '=', m.id).execute();
        const holders = await scope.trx.selectFrom('custodyHolders').select('cpr').where('municipalityId', '=', m.id).execute();
        assert.equal(children.length, m.counts.children);
        for (const c of children) {
          assert.ok(parseCpr(c.cpr)?.fictitious, 'fictitious CPR');
          assert.ok(ageOn(c.birthDate, TODAY) >= 0 && ageOn(c.birthDate, TODAY) <= 17);
        }
        for (const h of holders) assert.ok(parseCpr(h.cpr)?.fictitious);
        assert.equal(new Set([...children, ...holders].map((x) => x.cpr)).size, children.length + holders.length);
        const custody = await scope.trx.selectFrom('childCustody').select(['childId', 'validFrom']).where('municipalityId', '=', m.id).execute();
        assert.equal(new Set(custody.map((c) => c.childId)).size, children.length);
      });
    }
  });

  it('keeps every enrolment history valid: one institution per track at a time, transitions back to back', async () => {
    const enrolments = await strict.db.kysely
      .selectFrom('enrolments as e')
      .innerJoin('institutions as i', (j) => j.onRef('i.municipalityId', '=', 'e.municipalityId').onRef('i.id', '=', 'e.institutionId'))
      .innerJoin('children as c', (j) => j.onRef('c.municipalityId', '=', 'e.municipalityId').onRef('c.id', '=', 'e.childId'))
      .select(['e.id', 'e.childId', 'e.groupId', 'e.validFrom', 'e.validTo', 'i.type', 'c.birthDate'])
      .orderBy('e.validFrom')
      .execute();
    const byChild = new Map<string, typeof enrolments>();
    for (const e of enrolments) byChild.set(e.childId, [...(byChild.get(e.childId) ?? []), e]);
    assert.equal(byChild.size, 300, 'every child has an enrolment in the window');
    let transitions = 0;
    for (const [childId, list] of byChild) {
      for (const e of list) {
        assert.ok(e.validFrom >= e.birthDate && e.validFrom <= TODAY, `${childId}: starts ${e.validFrom}`);
        assert.ok(e.validTo === null || (e.validTo >= e.validFrom && e.validTo < TODAY), `${childId}: ${e.validFrom}–${e.validTo}`);
        if (['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'skole', 'sundhedspleje'].includes(e.type)) assert.ok(e.groupId, 'a group where children are screened');
      }
      const tracks = new Map<Track, typeof list>();
      for (const e of list) tracks.set(trackOf(e.type), [...(tracks.get(trackOf(e.type)) ?? []), e]);
      for (const [track, same] of tracks) {
        for (let i = 1; i < same.length; i += 1) {
          // The next enrolment in a track closes the previous one the day before it starts (enrolment.ts).
          const plan = planTransition([{ ...same[i - 1]!, validTo: null, track }], { validFrom: same[i]!.validFrom, validTo: same[i]!.validTo, track });
          assert.deepEqual(plan.conflicts, [], `${childId}: overlapping ${track}`);
          assert.equal(plan.close[0]?.validTo, same[i - 1]!.validTo, `${childId}: gap or overlap in ${track}`);
          assert.ok(!overlaps(same[i - 1]!, same[i]!));
        }
        assert.ok(same.slice(0, -1).every((e) => e.validTo !== null), `${childId}: only the last ${track} enrolment may be open`);
      }
      // The care path dagtilbud → skole has no gap: school starts the day after daycare ends.
      const path = list.filter((e) => ['dagtilbud', 'skole'].includes(trackOf(e.type)));
      for (let i = 1; i < path.length; i += 1) {
        assert.equal(path[i]!.validFrom, addDays(path[i - 1]!.validTo!, 1), `${childId}: gap in the care path`);
        if (trackOf(path[i]!.type) !== trackOf(path[i - 1]!.type)) transitions += 1;
      }
    }
    assert.ok(transitions > 10, `daycare → school transitions: ${transitions}`);
  });

  it('rates nearly every enrolled child in every closed round, mostly green, with worry that persists', async () => {
    const db = strict.db.kysely;
    const rounds = await db.selectFrom('screeningRounds').selectAll().execute();
    const ratings = await db.selectFrom('screeningRatings as r').innerJoin('screeningPositions as p', 'p.id', 'r.positionId').select(['r.roundId', 'r.childId', 'r.kind', 'p.ordinal']).execute();
    const enrolments = await db.selectFrom('enrolments as e').innerJoin('institutions as i', 'i.id', 'e.institutionId').select(['e.municipalityId', 'e.childId', 'e.groupId', 'e.validFrom', 'e.validTo', 'i.type']).execute();
    const rated = new Set((await db.selectFrom('screeningRatings').select(['roundId', 'childId']).execute()).map((r) => `${r.roundId}:${r.childId}`));
    let expected = 0;
    let found = 0;
    for (const r of rounds.filter((x) => x.closesOn < TODAY)) {
      const due = enrolments.filter((e) => e.municipalityId === r.municipalityId && e.groupId && r.institutionTypes.includes(e.type) && coversDay(e, r.closesOn));
      expected += due.length;
      found += due.filter((e) => rated.has(`${r.id}:${e.childId}`)).length;
    }
    assert.ok(found / expected > 0.95 && found < expected, `rated ${found} of ${expected}`);
    const open = rounds.filter((r) => r.opensOn <= TODAY && r.closesOn >= TODAY);
    assert.equal(open.length, 4, 'the newest dagtilbud and skole rounds are open in each municipality');

    const individual = ratings.filter((r) => r.kind === 'individual');
    const share = (o: number) => individual.filter((r) => r.ordinal === o).length / individual.length;
    assert.ok(share(1) > 0.7 && share(1) < 0.95, `green ${share(1)}`);
    assert.ok(share(2) > 0.03 && share(3) > 0.005, `yellow ${share(2)}, red ${share(3)}`);
    // Persistence: a child in worry in one round is far more often in worry in the next.
    const byChild = new Map<string, { opens: string; concern: boolean }[]>();
    const opensOf = new Map(rounds.map((r) => [r.id, r.opensOn]));
    for (const r of ratings) byChild.set(r.childId, [...(byChild.get(r.childId) ?? []), { opens: opensOf.get(r.roundId)!, concern: r.ordinal > 1 }]);
    let pairs = 0;
    let worryThenWorry = 0;
    let worry = 0;
    for (const list of byChild.values()) {
      list.sort((a, b) => a.opens.localeCompare(b.opens));
      for (let i = 1; i < list.length; i += 1) {
        if (!list[i - 1]!.concern) continue;
        worry += 1;
        if (list[i]!.concern) worryThenWorry += 1;
      }
      pairs += list.length;
    }
    assert.ok(worry > 20 && worryThenWorry / worry > 2 * (1 - share(1)), `persistence ${worryThenWorry}/${worry} of ${pairs}`);
  });

  it('rates each child in the group it was in, by a professional of that group, keeping the rating rules', async () => {
    const db = strict.db.kysely;
    const rows = await db
      .selectFrom('screeningRatings as r')
      .innerJoin('screeningRounds as o', 'o.id', 'r.roundId')
      .innerJoin('groups as g', 'g.id', 'r.groupId')
      .select(['r.id', 'r.roundId', 'r.childId', 'r.groupId', 'r.institutionId', 'r.raterUserId', 'r.kind', 'r.positionId', 'r.notAssessedReason', 'r.correctsId', 'r.createdAt', 'o.opensOn', 'o.closesOn', 'g.institutionId as groupInstitution'])
      .execute();
    const members = new Set((await db.selectFrom('memberships').select(['userId', 'unitId']).where('role', '=', 'fagperson').execute()).map((m) => `${m.userId}:${m.unitId}`));
    const enrolled = await db.selectFrom('enrolments').select(['childId', 'groupId', 'validFrom', 'validTo']).execute();
    const now = new Date(`${TODAY}T10:00:00Z`);
    const byChildRound = new Map<string, typeof rows>();
    for (const r of rows) {
      assert.equal(r.institutionId, r.groupInstitution);
      assert.ok(members.has(`${r.raterUserId}:${r.groupId}`), 'the rater works in the group');
      const ref = r.closesOn < TODAY ? r.closesOn : TODAY;
      assert.ok(enrolled.some((e) => e.childId === r.childId && e.groupId === r.groupId && coversDay(e, ref)), 'the child was in the group');
      const day = r.createdAt.toISOString().slice(0, 10);
      assert.ok(day >= r.opensOn && day <= r.closesOn && r.createdAt < now, `rated ${day} in ${r.opensOn}–${r.closesOn}`);
      byChildRound.set(`${r.roundId}:${r.childId}`, [...(byChildRound.get(`${r.roundId}:${r.childId}`) ?? []), r]);
    }
    let joints = 0;
    let notAssessed = 0;
    for (const list of byChildRound.values()) {
      const current = currentRows(list);
      const individual = current.filter((r) => r.kind === 'individual');
      assert.equal(new Set(individual.map((r) => r.raterUserId)).size, individual.length, 'one current rating per rater');
      const joint = current.filter((r) => r.kind === 'joint');
      assert.ok(joint.length <= 1);
      if (joint.length) {
        joints += 1;
        assert.ok(mayAgreeJoint(individual.map((r) => ({ raterId: r.raterUserId, position: r.positionId ? { id: r.positionId, ordinal: 1, isConcern: false } : null }))));
      }
      notAssessed += individual.filter((r) => r.notAssessedReason).length;
    }
    assert.ok(joints > 0 && notAssessed > 0, `joint ${joints}, not assessed ${notAssessed}`);
    assert.ok(rows.some((r) => r.correctsId), 'some ratings are corrected by a later row');
  });

  it('keeps the municipalities apart under row-level security, and writes no audit rows', async () => {
    const [a, b] = result.municipalities as [SeedScaleResult['municipalities'][0], SeedScaleResult['municipalities'][0]];
    for (const m of [a, b]) {
      const seen = await inMunicipality(strict.db, m.id, async (scope) => {
        const count = async (table: 'children' | 'screeningRatings' | 'enrolments') =>
          Number((await scope.trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        return { children: await count('children'), ratings: await count('screeningRatings'), enrolments: await count('enrolments') };
      });
      assert.deepEqual(seen, { children: m.counts.children, ratings: m.counts.ratings, enrolments: m.counts.enrolments });
    }
    assert.equal(Number((await strict.db.kysely.selectFrom('auditEvents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 0);

    // Through the app: a pædagog of the first municipality reads her own child's history, not the other's.
    const clock = fixedClock(new Date(`${TODAY}T10:00:00Z`));
    const harness = await testApp({ db: strict.db, clock });
    try {
      const mine = await strict.db.kysely
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.userId')
        .innerJoin('enrolments as e', (j) => j.onRef('e.groupId', '=', 'm.unitId'))
        .innerJoin('institutions as i', 'i.id', 'e.institutionId')
        .select(['u.username', 'e.childId'])
        .where('m.municipalityId', '=', a.id)
        .where('i.type', '=', 'boernehave')
        .where('e.validTo', 'is', null)
        .executeTakeFirstOrThrow();
      const theirs = await strict.db.kysely.selectFrom('children').select('id').where('municipalityId', '=', b.id).executeTakeFirstOrThrow();
      const client = await login(harness.app, { municipalityId: a.id } as Tenant, mine.username);
      const own = await client.get(`/api/screening/children/${mine.childId}`);
      assert.equal(own.statusCode, 200, own.body);
      assert.ok(own.json().rounds.length >= 1);
      assert.equal((await client.get(`/api/screening/children/${theirs.id}`)).statusCode, 404);
    } finally {
      await harness.app.close();
    }
    // The municipality's audit chain starts with that first real use and verifies.
    const chain = await strict.db.kysely.transaction().execute(async (trx) => {
      await sql`SELECT set_config('app.municipality_id', ${a.id}, true)`.execute(trx);
      const rows = await trx.selectFrom('auditEvents').selectAll().where('municipalityId', '=', a.id).orderBy('seq').execute();
      const head = await trx.selectFrom('auditHeads').select('seq').where('municipalityId', '=', a.id).executeTakeFirst();
      const v = new ChainVerifier();
      rows.forEach((r) => v.push(r));
      return v.result(head?.seq);
    });
    assert.ok(chain.ok && chain.checked >= 2, JSON.stringify(chain));
  });
});
