import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays } from './calendar.ts';
import { addCoverage, coverage, enrolmentDay, overlappingRounds, ratingWindow, roundPhase, type ChildRoundStatus } from './screening-round.ts';

const round = { opensOn: '2026-03-02', closesOn: '2026-03-20' };
const dayArb = fc.integer({ min: 0, max: 2000 }).map((n) => addDays('2024-01-01', n));

describe('screening rounds', () => {
  it('a round is planned before it opens, open on both window days, closed the day after', () => {
    assert.equal(roundPhase(round, '2026-03-01'), 'planned');
    assert.equal(roundPhase(round, '2026-03-02'), 'open');
    assert.equal(roundPhase(round, '2026-03-20'), 'open');
    assert.equal(roundPhase(round, '2026-03-21'), 'closed');
  });

  it('a professional rates inside the window only; a leader may also rate late after it closes', () => {
    assert.deepEqual(ratingWindow(round, '2026-03-10', 'professional'), { allowed: true, late: false });
    assert.deepEqual(ratingWindow(round, '2026-03-21', 'professional'), { allowed: false, code: 'screening.round_closed' });
    assert.deepEqual(ratingWindow(round, '2026-03-21', 'leader'), { allowed: true, late: true });
    assert.deepEqual(ratingWindow(round, '2026-03-01', 'leader'), { allowed: false, code: 'screening.round_not_open' });
  });

  it('property: whoever may rate as a professional may rate as a leader, and never before the round opens', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 60 }), dayArb, (opensOn, len, day) => {
        const r = { opensOn, closesOn: addDays(opensOn, len) };
        const pro = ratingWindow(r, day, 'professional');
        const lead = ratingWindow(r, day, 'leader');
        if (pro.allowed) assert.ok(lead.allowed);
        if (day < r.opensOn) assert.ok(!lead.allowed && !pro.allowed);
        assert.equal(pro.allowed, roundPhase(r, day) === 'open');
        if (lead.allowed) assert.equal(lead.late, day > r.closesOn);
      }),
    );
  });

  it('rounds for the same institution type must not run at the same time; other types may', () => {
    const existing = [
      { id: 'spring-dagtilbud', opensOn: '2026-03-01', closesOn: '2026-03-31', institutionTypes: ['boernehave', 'vuggestue'] },
      { id: 'spring-skole', opensOn: '2026-03-01', closesOn: '2026-03-31', institutionTypes: ['skole'] },
    ];
    assert.deepEqual(overlappingRounds(existing, { opensOn: '2026-03-31', closesOn: '2026-04-10', institutionTypes: ['boernehave'] }), ['spring-dagtilbud']);
    assert.deepEqual(overlappingRounds(existing, { opensOn: '2026-04-01', closesOn: '2026-04-10', institutionTypes: ['boernehave', 'skole'] }), []);
    assert.deepEqual(overlappingRounds(existing, { id: 'spring-skole', opensOn: '2026-03-05', closesOn: '2026-04-10', institutionTypes: ['skole'] }), []);
  });

  it('coverage counts rated and not-assessed children as done; a conflict is not done until agreed', () => {
    const c = coverage(['rated', 'not_assessed', 'missing', 'conflict', 'agreed', 'awaiting_joint']);
    assert.deepEqual(c, { total: 6, done: 3, rated: 2, notAssessed: 1, missing: 1, conflicts: 1, awaitingJoint: 1, ratio: 0.5, complete: false });
    assert.equal(coverage([]).complete, true);
  });

  it('property: coverage parts add up, and adding groups equals the coverage of all their children', () => {
    const status = fc.constantFrom<ChildRoundStatus>('missing', 'not_assessed', 'rated', 'awaiting_joint', 'conflict', 'agreed');
    fc.assert(
      fc.property(fc.array(fc.array(status, { maxLength: 30 }), { maxLength: 6 }), (groups) => {
        const all = coverage(groups.flat());
        assert.equal(all.done + all.missing + all.conflicts + all.awaitingJoint, all.total);
        assert.equal(all.rated + all.notAssessed, all.done);
        assert.ok(all.ratio >= 0 && all.ratio <= 1);
        assert.deepEqual(addCoverage(groups.map((g) => coverage(g))), all);
      }),
    );
  });
});

describe('the enrolment day of a round', () => {
  it('is today while the round runs and the closing day once it has closed', () => {
    assert.equal(enrolmentDay(round, '2026-03-10'), '2026-03-10');
    assert.equal(enrolmentDay(round, '2026-04-30'), '2026-03-20');
  });
});
