import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Transaction } from 'kysely';
import { systemActor } from '../access/actor.ts';
import { withScope, type Clock } from '../access/scope.ts';
import { openDatabase, type Database } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import type { DB } from '../db/types.ts';
import { ChainVerifier } from '../domain/audit-chain.ts';
import { addDays, ageOn, coversDay, isValidDay } from '../domain/calendar.ts';
import { parseCpr } from '../domain/cpr.ts';
import { overlaps, trackOf } from '../domain/enrolment.ts';
import { isRole } from '../domain/roles.ts';
import { verifyPassword } from '../modules/auth/passwords.ts';
import { DEMO_LOGINS, DEMO_MUNICIPALITY_ID, DEMO_PASSWORD, demoRoundName, seedDemo, type DemoSummary } from './seed-demo.ts';

const TODAY = '2025-10-01';
const LEAP_DAY = '2028-02-29';
const clockAt = (day: string): Clock => ({ now: () => new Date(`${day}T08:00:00Z`) });

async function freshDatabase(): Promise<Database> {
  const db = await openDatabase({});
  await migrate(db.pool);
  return db;
}

function read<T>(db: Database, day: string, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return withScope({ db, clock: clockAt(day) }, systemActor(DEMO_MUNICIPALITY_ID, 'test'), (scope) => fn(scope.trx));
}

/** The same calendar day some years earlier (28 February for a leap day). */
function yearsBefore(day: string, years: number): string {
  const candidate = `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;
  return isValidDay(candidate) ? candidate : addDays(candidate.replace(/-29$/, '-28'), 0);
}

async function snapshot(db: Database, day: string) {
  return read(db, day, async (trx) => ({
    children: await trx.selectFrom('children').select(['id', 'cpr', 'firstName', 'lastName', 'birthDate']).orderBy('id').execute(),
    holders: await trx.selectFrom('custodyHolders').select(['id', 'cpr', 'firstName', 'lastName']).orderBy('id').execute(),
    custody: await trx
      .selectFrom('childCustody')
      .select(['id', 'childId', 'custodyHolderId', 'relation', 'hasCustody', 'validFrom', 'validTo'])
      .orderBy('id')
      .execute(),
    enrolments: await trx
      .selectFrom('enrolments as e')
      .innerJoin('institutions as i', 'i.id', 'e.institutionId')
      .leftJoin('groups as g', 'g.id', 'e.groupId')
      .select(['e.id', 'e.childId', 'e.institutionId', 'e.groupId', 'e.validFrom', 'e.validTo', 'i.type', 'g.name as groupName'])
      .orderBy('e.id')
      .execute(),
    users: await trx.selectFrom('users').select(['id', 'username', 'passwordHash', 'profession', 'deactivatedAt']).execute(),
    memberships: await trx.selectFrom('memberships').select(['userId', 'role', 'unitKind', 'unitId', 'validFrom', 'validTo']).execute(),
    relations: await trx.selectFrom('childRelations').select(['childId', 'subjectId', 'kind', 'validFrom', 'validTo']).execute(),
    audit: await trx.selectFrom('auditEvents').selectAll().orderBy('seq').execute(),
    auditHead: await trx.selectFrom('auditHeads').select('seq').executeTakeFirst(),
  }));
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** The rules every seed must keep, whatever the day. */
function assertInvariants(snap: Snapshot, today: string): void {
  // ≈ 5,700 children, every one 0–17 today.
  assert.ok(snap.children.length >= 5500 && snap.children.length <= 6000, `children: ${snap.children.length}`);
  const ages = new Map<number, number>();
  for (const c of snap.children) {
    const age = ageOn(c.birthDate, today);
    assert.ok(age >= 0 && age <= 17, `age ${age} (${c.birthDate})`);
    ages.set(age, (ages.get(age) ?? 0) + 1);
  }
  // Births spread evenly: every year of age holds roughly 1/18 of the children.
  for (let age = 0; age <= 17; age += 1) {
    const n = ages.get(age) ?? 0;
    assert.ok(n > 250 && n < 390, `age ${age}: ${n} children`);
  }

  // Only fictitious CPR numbers (month + 20), matching the birth date, all distinct.
  const birthOf = new Map(snap.children.map((c) => [c.id, c.birthDate]));
  for (const c of snap.children) {
    const p = parseCpr(c.cpr);
    assert.ok(p?.fictitious, `child CPR not fictitious: ${c.cpr.slice(0, 6)}`);
    assert.equal(`${String(p.day).padStart(2, '0')}${String(p.month).padStart(2, '0')}${String(p.year).padStart(2, '0')}`, `${c.birthDate.slice(8, 10)}${c.birthDate.slice(5, 7)}${c.birthDate.slice(2, 4)}`);
  }
  for (const h of snap.holders) assert.ok(parseCpr(h.cpr)?.fictitious, `custody holder CPR not fictitious: ${h.cpr.slice(0, 6)}`);
  assert.equal(new Set([...snap.children, ...snap.holders].map((x) => x.cpr)).size, snap.children.length + snap.holders.length);

  // Every child has a custody holder with custody today; links make sense.
  const withCustody = new Set(snap.custody.filter((c) => c.hasCustody && coversDay(c, today)).map((c) => c.childId));
  for (const c of snap.children) assert.ok(withCustody.has(c.id), `child without custody holder: ${c.id}`);
  for (const c of snap.custody) {
    assert.ok(['mor', 'far', 'anden'].includes(c.relation));
    assert.ok(c.validFrom >= birthOf.get(c.childId)! && c.validFrom <= today);
  }
  const holdersPerChild = new Map<string, number>();
  for (const c of snap.custody) holdersPerChild.set(c.childId, (holdersPerChild.get(c.childId) ?? 0) + 1);
  assert.ok([...holdersPerChild.values()].every((n) => n >= 1 && n <= 2));
  assert.ok(snap.custody.some((c) => !c.hasCustody), 'some parents are linked without custody');
  const childrenPerHolder = new Map<string, number>();
  for (const c of snap.custody) childrenPerHolder.set(c.custodyHolderId, (childrenPerHolder.get(c.custodyHolderId) ?? 0) + 1);
  const siblingParents = [...childrenPerHolder.values()].filter((n) => n >= 2).length;
  assert.ok(siblingParents > 500, `parents with 2–3 children: ${siblingParents}`);
  assert.ok([...childrenPerHolder.values()].every((n) => n <= 3));

  // Enrolments: never two at once in the same track (so never in the same institution
  // type), periods well-formed, open only when current, within the three-year window.
  const windowStart = yearsBefore(today, 3);
  const byTrack = new Map<string, Snapshot['enrolments']>();
  for (const e of snap.enrolments) {
    assert.ok(e.validTo === null || (e.validTo >= e.validFrom && e.validTo < today), `period ${e.validFrom}–${e.validTo}`);
    assert.ok(e.validFrom <= today && (e.validTo ?? today) >= windowStart);
    assert.ok(e.validFrom >= birthOf.get(e.childId)!);
    const key = `${e.childId}:${trackOf(e.type)}`;
    const list = byTrack.get(key) ?? [];
    list.push(e);
    byTrack.set(key, list);
  }
  for (const [key, list] of byTrack) {
    for (let i = 0; i < list.length; i += 1) {
      for (let j = i + 1; j < list.length; j += 1) assert.ok(!overlaps(list[i]!, list[j]!), `overlapping enrolments for ${key}`);
    }
  }

  // The Danish path, seen in a seven-year-old: a school class now, a daycare three years ago.
  const threeYearsAgo = yearsBefore(today, 3);
  const sevens = snap.children.filter((c) => ageOn(c.birthDate, today) === 7);
  assert.ok(sevens.length > 250);
  const enrolmentsOf = new Map<string, Snapshot['enrolments']>();
  for (const e of snap.enrolments) enrolmentsOf.set(e.childId, [...(enrolmentsOf.get(e.childId) ?? []), e]);
  for (const c of sevens) {
    const list = enrolmentsOf.get(c.id) ?? [];
    const school = list.find((e) => e.type === 'skole' && coversDay(e, today));
    assert.ok(school?.groupId && /^[0-9]\.[A-Z]$/.test(school.groupName!), `7-year-old ${c.id} not in a school class`);
    assert.ok(
      list.some((e) => trackOf(e.type) === 'dagtilbud' && coversDay(e, threeYearsAgo)),
      `7-year-old ${c.id} was in no daycare on ${threeYearsAgo}`,
    );
  }
  // Class level follows age: born in year Y, in (school year start − Y − 6). klasse.
  for (const e of snap.enrolments.filter((x) => x.type === 'skole' && x.validTo === null)) {
    const born = Number(birthOf.get(e.childId)!.slice(0, 4));
    const schoolYear = today.slice(5) >= '08-01' ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
    assert.equal(Number(e.groupName!.split('.')[0]), schoolYear - born - 6);
  }
  // Each current track is the right one for the age.
  const currentTypes = (id: string) => (enrolmentsOf.get(id) ?? []).filter((e) => e.validTo === null).map((e) => e.type);
  for (const c of snap.children) {
    const age = ageOn(c.birthDate, today);
    const types = currentTypes(c.id);
    if (age >= 7 && age <= 14) assert.ok(types.includes('skole'), `age ${age} without school`);
    if (age >= 3 && age <= 4) assert.ok(types.some((t) => t === 'boernehave' || t === 'integreret'), `age ${age} without børnehave`);
    if (age === 0) assert.ok(types.includes('sundhedspleje'), 'a baby without sundhedspleje');
  }
  // Some families moved district: a child with two enrolments in one track, back to back.
  const moves = [...byTrack.values()].filter((l) => l.some((a) => l.some((b) => a.validTo !== null && addDays(a.validTo, 1) === b.validFrom && a.institutionId !== b.institutionId && a.type === b.type)));
  assert.ok(moves.length > 10, `moves: ${moves.length}`);

  // Every demo log-in exists with a current membership of the stated role.
  const userByName = new Map(snap.users.map((u) => [u.username, u]));
  for (const l of DEMO_LOGINS) {
    const u = userByName.get(l.username);
    assert.ok(u, `missing demo user ${l.username}`);
    assert.ok(u.passwordHash, `${l.username} has no password`);
    assert.ok(isRole(l.role));
    assert.ok(
      snap.memberships.some((m) => m.userId === u.id && m.role === l.role && coversDay(m, today)),
      `${l.username} has no current ${l.role} membership`,
    );
  }
  for (const u of snap.users) {
    assert.match(u.username, /^[a-z0-9._@-]{2,100}$/);
    if (!DEMO_LOGINS.some((l) => l.username === u.username)) assert.equal(u.passwordHash, null);
  }
  assert.ok(snap.memberships.some((m) => m.validTo !== null), 'some ended memberships (history)');
}

describe('the demo municipality', () => {
  let db: Database;
  let summary: DemoSummary;
  let snap: Snapshot;
  let seedMs = 0;

  before(async () => {
    db = await freshDatabase();
    const started = performance.now();
    summary = await seedDemo(db, { today: TODAY, clock: clockAt(TODAY) });
    seedMs = performance.now() - started;
    snap = await snapshot(db, TODAY);
  });
  after(async () => {
    await db?.close();
  });

  it('creates Demo Kommune (999) with its organisation, staff and children', async (t) => {
    t.diagnostic(`seed on in-memory PGlite: ${(seedMs / 1000).toFixed(2)} s`);
    assert.equal(summary.seeded, true);
    assert.equal(summary.municipalityId, DEMO_MUNICIPALITY_ID);
    assert.deepEqual(summary.logins, DEMO_LOGINS);
    const m = await db.kysely.selectFrom('municipalities').selectAll().where('code', '=', '999').executeTakeFirstOrThrow();
    assert.equal(m.id, '00000000-0000-4000-8000-000000000999');
    assert.equal(m.name, 'Demo Kommune');
    const c = summary.counts;
    assert.equal(c.districts, 5);
    assert.ok(c.institutions >= 30 && c.institutions <= 40, `institutions ${c.institutions}`);
    assert.ok(c.teams === 12, `teams ${c.teams}`);
    assert.ok(c.staff >= 140 && c.staff <= 220, `staff ${c.staff}`);
    assert.ok(c.children >= 5500 && c.children <= 6000);
    assert.ok(c.custodyHolders > c.children && c.custodyHolders < 2 * c.children);
    assert.ok(c.enrolments > 3 * c.children);
    assert.equal(c.enrolments, snap.enrolments.length);
    assert.equal(c.children, snap.children.length);
    const org = await read(db, TODAY, async (trx) => ({
      institutions: await trx.selectFrom('institutions').select(['type', 'districtId']).execute(),
      teams: await trx.selectFrom('teams').select(['kind', 'name', 'districtId', 'institutionId']).execute(),
    }));
    const ofType = (type: string) => org.institutions.filter((i) => i.type === type);
    assert.equal(ofType('skole').length, 5);
    assert.equal(ofType('sfo').length, 5);
    assert.ok(ofType('klub').length >= 2);
    const daycares = org.institutions.filter((i) => ['boernehave', 'vuggestue', 'integreret'].includes(i.type));
    assert.ok(daycares.length >= 13 && daycares.length <= 17);
    for (const type of ['dagpleje', 'sundhedspleje', 'ppr', 'myndighed', 'forebyggende_enhed', 'udfoerer']) assert.equal(ofType(type).length, 1, type);
    assert.equal(ofType('myndighed')[0]!.districtId, null);
    assert.equal(org.teams.filter((x) => x.kind === 'district_team' && x.districtId).length, 5);
    assert.equal(org.teams.filter((x) => x.kind === 'tvaerfagligt_team' && x.institutionId).length, 5);
    assert.deepEqual(org.teams.filter((x) => x.kind === 'case_team').map((x) => x.name).sort(), ['Myndighed Team 1', 'Myndighed Team 2']);
  });

  it('keeps the rules for children, custody, enrolments and log-ins', () => {
    assertInvariants(snap, TODAY);
  });

  it('gives every id the v4 UUID form', () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const x of [...snap.children, ...snap.holders, ...snap.custody, ...snap.enrolments, ...snap.users]) assert.match(x.id, v4);
  });

  it('the demo pædagog has one stue of about 20 children, the lærer one class', () => {
    const u = (name: string) => snap.users.find((x) => x.username === name)!;
    const groupsOf = (name: string) => snap.memberships.filter((m) => m.userId === u(name).id && m.unitKind === 'group' && m.validTo === null);
    const childrenIn = (groupId: string) => snap.enrolments.filter((e) => e.groupId === groupId && e.validTo === null).length;
    const [stue, ...more] = groupsOf('paedagog');
    assert.equal(more.length, 0);
    assert.ok(Math.abs(childrenIn(stue!.unitId) - 20) <= 4, `stue has ${childrenIn(stue!.unitId)}`);
    const [klasse] = groupsOf('laerer');
    assert.ok(childrenIn(klasse!.unitId) >= 18 && childrenIn(klasse!.unitId) <= 28);
    const dagplejer = groupsOf('dagplejer')[0]!;
    assert.ok(childrenIn(dagplejer.unitId) >= 1 && childrenIn(dagplejer.unitId) <= 6);
    // The leader leads the pædagog's børnehave.
    const stueInstitution = snap.enrolments.find((e) => e.groupId === stue!.unitId)!.institutionId;
    assert.ok(snap.memberships.some((m) => m.userId === u('leder').id && m.role === 'leder' && m.unitId === stueInstitution));
  });

  it('gives case workers their caseloads and the preventive staff their courses', () => {
    const current = (userId: string, kind: string) => snap.relations.filter((r) => r.subjectId === userId && r.kind === kind && r.validTo === null).length;
    const userId = (name: string) => snap.users.find((x) => x.username === name)!.id;
    assert.equal(current(userId('raadgiver'), 'case'), 25);
    assert.equal(current(userId('forebyggende'), 'course'), 8);
    assert.equal(current(userId('familiebehandler'), 'course'), 6);
    const caseWorkers = new Set(snap.memberships.filter((m) => m.role === 'myndighedsraadgiver' && m.validTo === null).map((m) => m.userId));
    assert.ok(caseWorkers.size >= 8);
    for (const id of caseWorkers) {
      const n = current(id, 'case');
      assert.ok(n >= 20 && n <= 32, `caseload ${n}`);
    }
    // S9: no case is opened about a family in a preventive course.
    const onCase = new Set(snap.relations.filter((r) => r.kind === 'case').map((r) => r.childId));
    const forebyggende = snap.relations.filter((r) => r.subjectId === userId('forebyggende'));
    assert.ok(forebyggende.every((r) => !onCase.has(r.childId)));
    const born = new Map(snap.children.map((c) => [c.id, c.birthDate]));
    assert.ok(snap.relations.every((r) => r.validFrom >= born.get(r.childId)! && r.validFrom <= TODAY));
  });

  it('the demo log-ins take the demo password', async () => {
    const byName = new Map(snap.users.map((u) => [u.username, u.passwordHash]));
    const results = await Promise.all(DEMO_LOGINS.map((l) => verifyPassword(byName.get(l.username) ?? null, DEMO_PASSWORD)));
    assert.deepEqual(results, DEMO_LOGINS.map(() => true));
  });

  it('records the seed as one import in an intact audit chain', () => {
    const seeds = snap.audit.filter((e) => e.resourceType === 'demo_seed');
    assert.equal(seeds.length, 1);
    assert.equal(seeds[0]!.action, 'import');
    assert.equal(seeds[0]!.actorKind, 'system');
    assert.equal(seeds[0]!.purpose, 'Demo-data oprettes');
    assert.equal((seeds[0]!.details as { children: number }).children, snap.children.length);
    const v = new ChainVerifier();
    for (const row of snap.audit) v.push(row);
    assert.deepEqual(v.result(snap.auditHead?.seq), { ok: true, checked: snap.audit.length });
  });

  it('plans one open screening round for daycare and school, by the demo administrator (and two closed ones as history)', async () => {
    const all = await db.kysely.transaction().execute(async (trx) => {
      await sql`SELECT set_config('app.municipality_id', ${DEMO_MUNICIPALITY_ID}, true)`.execute(trx);
      return trx.selectFrom('screeningRounds').selectAll().execute();
    });
    assert.equal(all.length, 3);
    assert.equal(all.filter((r) => r.closesOn < TODAY).length, 2, 'the earlier rounds have closed');
    const rounds = all.filter((r) => r.opensOn <= TODAY && TODAY <= r.closesOn);
    assert.equal(rounds.length, 1);
    assert.equal(rounds[0]!.name, demoRoundName(TODAY));
    assert.ok(rounds[0]!.opensOn <= TODAY && TODAY <= rounds[0]!.closesOn, 'open today');
    assert.deepEqual([...rounds[0]!.institutionTypes].sort(), ['boernehave', 'dagpleje', 'integreret', 'skole', 'vuggestue']);
    const created = snap.audit.filter((e) => e.resourceType === 'screening_round');
    assert.equal(created.length, 1);
    assert.equal(created[0]!.actorUserId, snap.users.find((u) => u.username === 'admin')!.id);
  });

  it('seeding again is a no-op that reports what is there', async () => {
    const again = await seedDemo(db, { today: TODAY, clock: clockAt(TODAY) });
    assert.equal(again.seeded, false);
    assert.deepEqual(again.counts, summary.counts);
    assert.deepEqual(again.logins, DEMO_LOGINS);
    // Even on a later day: nothing is added.
    const later = await seedDemo(db, { today: '2026-01-15', clock: clockAt('2026-01-15') });
    assert.equal(later.seeded, false);
    const after = await snapshot(db, TODAY);
    assert.equal(after.children.length, snap.children.length);
    assert.equal(after.enrolments.length, snap.enrolments.length);
    assert.equal(after.audit.length, snap.audit.length);
  });

  it('the same day gives the same rows in a fresh database', async () => {
    const other = await freshDatabase();
    try {
      const second = await seedDemo(other, { today: TODAY, clock: clockAt(TODAY) });
      assert.deepEqual(second.counts, summary.counts);
      const snap2 = await snapshot(other, TODAY);
      assert.deepEqual(snap2.children, snap.children);
      assert.deepEqual(snap2.holders, snap.holders);
      assert.deepEqual(snap2.custody, snap.custody);
      assert.deepEqual(snap2.enrolments, snap.enrolments);
      assert.deepEqual(snap2.relations, snap.relations);
      assert.deepEqual(
        snap2.users.map(({ passwordHash: _, ...u }) => u),
        snap.users.map(({ passwordHash: _, ...u }) => u),
      );
    } finally {
      await other.close();
    }
  });
});

describe('the demo municipality seeded on a leap day', () => {
  let db: Database;
  let snap: Snapshot;

  before(async () => {
    db = await freshDatabase();
    const summary = await seedDemo(db, { today: LEAP_DAY, clock: clockAt(LEAP_DAY) });
    assert.equal(summary.seeded, true);
    snap = await snapshot(db, LEAP_DAY);
  });
  after(async () => {
    await db?.close();
  });

  it('keeps the same rules on 29 February', () => {
    assertInvariants(snap, LEAP_DAY);
    assert.equal(yearsBefore(LEAP_DAY, 3), '2025-02-28');
  });
});
