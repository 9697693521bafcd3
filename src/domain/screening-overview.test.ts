import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays } from './calendar.ts';
import {
  addDistributions,
  comparableScales,
  concernShare,
  concernTwiceInARow,
  distribution,
  latestOpenedRound,
  movedWorse,
  previousComparableRound,
  previousScreening,
  type Placed,
} from './screening-overview.ts';
import { BOERNELINEALEN, TRAFIKLYS } from './screening-scale.ts';

const round = (id: string, opensOn: string, closesOn: string, institutionTypes: string[] = ['boernehave']) => ({ id, opensOn, closesOn, institutionTypes });
const [groen, gul, roed] = TRAFIKLYS.positions as unknown as [Placed, Placed, Placed];
const [trivsel, moderat, saarbar] = BOERNELINEALEN.positions as unknown as [Placed, Placed, Placed];

describe('the previous round', () => {
  const autumn = round('autumn', '2025-10-01', '2025-10-20');
  const spring = round('spring', '2026-03-02', '2026-03-20');
  const school = round('school', '2026-02-01', '2026-02-20', ['skole']);

  it('is the latest earlier round for the same institution types', () => {
    assert.equal(previousComparableRound([autumn, spring, school], spring)?.id, 'autumn', 'a school round does not count for daycare');
    assert.equal(previousComparableRound([autumn, spring], autumn), null);
  });

  it('must have closed before this one opened', () => {
    const running = round('running', '2026-02-20', '2026-03-05');
    assert.equal(previousComparableRound([autumn, running, spring], spring)?.id, 'autumn');
  });

  it('a round for several types is compared with a round for any of them', () => {
    const mixed = round('mixed', '2026-05-01', '2026-05-20', ['skole', 'boernehave']);
    assert.equal(previousComparableRound([autumn, spring, school, mixed], mixed)?.id, 'spring');
  });

  it("a child's previous screening is its latest rated round before, wherever it was given", () => {
    const daycareLast = round('daycare-spring', '2025-05-01', '2025-05-20', ['boernehave']);
    const firstSchool = round('school-autumn', '2025-10-01', '2025-10-20', ['skole']);
    assert.equal(previousScreening([daycareLast], firstSchool)?.id, 'daycare-spring');
    assert.equal(previousScreening([firstSchool], firstSchool), null);
  });

  it('the default round is the one that opened last; a planned round is not yet', () => {
    const planned = round('planned', '2026-09-01', '2026-09-20');
    assert.equal(latestOpenedRound([autumn, spring, planned], '2026-03-10')?.id, 'spring');
    assert.equal(latestOpenedRound([planned], '2026-03-10'), null);
  });

  const roundArb = fc.record({ start: fc.integer({ min: 0, max: 900 }), len: fc.integer({ min: 0, max: 40 }), types: fc.subarray(['skole', 'boernehave', 'dagpleje'], { minLength: 1 }) });
  it('property: the previous round closed before, shares a type, and no other such round is later', () => {
    fc.assert(
      fc.property(fc.array(roundArb, { minLength: 1, maxLength: 8 }), fc.nat(), (specs, pick) => {
        const rounds = specs.map((s, i) => round(`r${i}`, addDays('2024-01-01', s.start), addDays('2024-01-01', s.start + s.len), s.types));
        const current = rounds[pick % rounds.length]!;
        const prev = previousComparableRound(rounds, current);
        const qualifies = (r: (typeof rounds)[number]) => r.id !== current.id && r.closesOn < current.opensOn && r.institutionTypes.some((t) => current.institutionTypes.includes(t));
        if (!prev) return assert.ok(!rounds.some(qualifies));
        assert.ok(qualifies(prev));
        assert.ok(rounds.filter(qualifies).every((r) => r.opensOn <= prev.opensOn));
      }),
    );
  });
});

describe('changes for a child', () => {
  it('grøn → gul and gul → rød are worse; rød → gul and gul → gul are not', () => {
    assert.equal(movedWorse(groen, gul), true);
    assert.equal(movedWorse(gul, roed), true);
    assert.equal(movedWorse(roed, gul), false);
    assert.equal(movedWorse(gul, gul), false);
  });

  it('across scales: from trivsel (Børnelinealen) to gul (trafiklys) is worse; from sårbar to gul is not', () => {
    assert.equal(movedWorse(trivsel, gul), true);
    assert.equal(movedWorse(saarbar, gul), false);
    // Moderat trivsel (ordinal 2, concern) and gul (ordinal 2, concern) are the same place.
    assert.equal(movedWorse(moderat, gul), false);
  });

  it('concern in two rounds in a row: gul then rød, rød then gul, gul then gul — not grøn then rød', () => {
    assert.equal(concernTwiceInARow(gul, roed), true);
    assert.equal(concernTwiceInARow(roed, gul), true);
    assert.equal(concernTwiceInARow(gul, gul), true);
    assert.equal(concernTwiceInARow(groen, roed), false);
  });

  it('without a position in either round (not assessed, no joint position yet) nothing is said', () => {
    assert.equal(movedWorse(null, roed), false);
    assert.equal(movedWorse(gul, null), false);
    assert.equal(concernTwiceInARow(null, roed), false);
  });

  const placed = fc.record({ ordinal: fc.integer({ min: 1, max: 5 }), isConcern: fc.boolean() });
  it('property: the same place is never worse; worse is never also better; concern twice needs concern now', () => {
    fc.assert(
      fc.property(fc.option(placed, { nil: null }), fc.option(placed, { nil: null }), (a, b) => {
        if (a) assert.equal(movedWorse(a, a), false);
        if (movedWorse(a, b) && a && b && a.isConcern === b.isConcern) assert.ok(!movedWorse(b, a));
        if (concernTwiceInARow(a, b)) assert.ok(b!.isConcern && a!.isConcern);
        assert.equal(concernTwiceInARow(a, b), concernTwiceInARow(b, a));
      }),
    );
  });
});

describe('distributions', () => {
  it('counts children per position; children without a position are not counted', () => {
    assert.deepEqual(distribution([1, 2, 3], [groen, groen, gul, null, roed, groen]), [3, 1, 1]);
  });

  it('Børnelinealen and trafiklys do not compare position by position; two versions of trafiklys do', () => {
    assert.equal(comparableScales(TRAFIKLYS.positions, BOERNELINEALEN.positions), false);
    assert.equal(comparableScales(TRAFIKLYS.positions, [...TRAFIKLYS.positions].reverse()), true);
  });

  it('the concern share follows from the shown counts only', () => {
    const cells = (g: number | null, y: number | null, r: number | null) => [
      { isConcern: false, value: g },
      { isConcern: true, value: y },
      { isConcern: true, value: r },
    ];
    assert.equal(concernShare(20, cells(15, 3, 2)), 0.25);
    assert.equal(concernShare(20, cells(15, null, null)), 0.25, 'the rest of the total is concern');
    assert.equal(concernShare(20, cells(null, 3, 2)), 0.25);
    assert.equal(concernShare(20, cells(null, null, 2)), null);
    assert.equal(concernShare(0, cells(0, 0, 0)), null);
  });

  it('property: a parent is the sum of its children, and a distribution adds up to the children with a position', () => {
    const eff = fc.array(fc.option(fc.constantFrom(groen, gul, roed), { nil: null }), { maxLength: 30 });
    fc.assert(
      fc.property(fc.array(eff, { maxLength: 6 }), (groups) => {
        const parts = groups.map((g) => distribution([1, 2, 3], g));
        parts.forEach((p, i) => assert.equal(p.reduce((a, b) => a + b, 0), groups[i]!.filter(Boolean).length));
        assert.deepEqual(addDistributions(3, parts), distribution([1, 2, 3], groups.flat()));
      }),
    );
  });
});
