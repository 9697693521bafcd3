import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, ageOn } from './calendar.ts';
import {
  addYears,
  anonymisedBirthDate,
  anonymousCprPlaceholder,
  consentEndDay,
  isDue,
  readRetentionSettings,
  RETENTION_BOUNDS,
  RETENTION_DEFAULTS,
  retentionCutoff,
  retentionCutoffs,
  withinBounds,
} from './retention.ts';
import { isValidCpr } from './cpr.ts';

const dayArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const yearsArb = fc.integer({ min: 1, max: 20 });

describe('retention rules', () => {
  it('adds calendar years; 29 February becomes 28 February in a common year', () => {
    assert.equal(addYears('2024-02-29', 5), '2029-02-28');
    assert.equal(addYears('2024-02-29', 4), '2028-02-29');
    assert.equal(addYears('2023-03-01', 5), '2028-03-01');
    assert.equal(addYears('2029-02-28', -5), '2024-02-28');
  });

  it('a record is due the day after its N-year anniversary, not on it', () => {
    assert.equal(isDue('2020-06-15', '2025-06-15', 5), false);
    assert.equal(isDue('2020-06-15', '2025-06-16', 5), true);
    // Closed on a leap day: five years old on 28 February 2029, due on 1 March.
    assert.equal(isDue('2024-02-29', '2029-02-28', 5), false);
    assert.equal(isDue('2024-02-29', '2029-03-01', 5), true);
    assert.equal(isDue('2024-02-29', '2025-03-01', 1), true);
    assert.equal(isDue('2024-02-29', '2025-02-28', 1), false);
  });

  it('the cutoff is the first end day not yet due, also around leap days', () => {
    assert.equal(retentionCutoff('2025-06-16', 5), '2020-06-16');
    assert.equal(retentionCutoff('2029-03-01', 5), '2024-03-01');
    assert.equal(retentionCutoff('2029-02-28', 5), '2024-02-28');
    // Today is a leap day and the year N back is common: 28 Feb of that year is already due.
    assert.equal(retentionCutoff('2028-02-29', 1), '2027-03-01');
    assert.equal(retentionCutoff('2028-02-29', 4), '2024-02-29');
  });

  it('property: due exactly when the end day is before the cutoff', () => {
    fc.assert(
      fc.property(dayArb, dayArb, yearsArb, (end, today, n) => {
        assert.equal(isDue(end, today, n), end < retentionCutoff(today, n));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a record is never due before it is N whole years old, and always once it is N years and a day', () => {
    fc.assert(
      fc.property(dayArb, dayArb, yearsArb, (end, today, n) => {
        if (isDue(end, today, n)) assert.ok(ageOn(end, today) >= n, `${end} due on ${today} at ${n} years`);
        if (end <= today && addYears(end, n) < today) assert.equal(isDue(end, today, n), true);
        assert.equal(isDue(end, addDays(addYears(end, n), 1), n), true);
        assert.equal(isDue(end, addYears(end, n), n), false);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: raising a setting never makes more records due (the cutoff never moves later)', () => {
    fc.assert(
      fc.property(dayArb, dayArb, yearsArb, yearsArb, (end, today, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        if (isDue(end, today, hi)) assert.equal(isDue(end, today, lo), true);
        assert.ok(retentionCutoff(today, hi) <= retentionCutoff(today, lo));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a later today never un-dues a record', () => {
    fc.assert(
      fc.property(dayArb, dayArb, fc.integer({ min: 0, max: 800 }), yearsArb, (end, today, later, n) => {
        if (isDue(end, today, n)) assert.equal(isDue(end, addDays(today, later), n), true);
      }),
    );
  });

  it('reads stored settings: defaults for what is missing or out of bounds', () => {
    assert.deepEqual(readRetentionSettings(undefined), RETENTION_DEFAULTS);
    assert.deepEqual(readRetentionSettings({ screeningYears: 3, auditYears: 1, consentYears: 2.5, childYears: '7' }), { ...RETENTION_DEFAULTS, screeningYears: 3 });
    assert.equal(withinBounds('auditYears', 1), false);
    assert.equal(withinBounds('auditYears', 2), true);
    assert.equal(withinBounds('auditYears', 20), true);
    assert.equal(withinBounds('childYears', 11), false);
    for (const [k, b] of Object.entries(RETENTION_BOUNDS)) {
      const d = RETENTION_DEFAULTS[k as keyof typeof RETENTION_DEFAULTS];
      assert.ok(d >= b.min && d <= b.max, k);
    }
  });

  it('gives one cutoff per kind from the settings', () => {
    const c = retentionCutoffs({ ...RETENTION_DEFAULTS, auditYears: 10, screeningYears: 1 }, '2030-01-15');
    assert.deepEqual(c, { screening: '2029-01-15', stafetlog: '2025-01-15', consent: '2025-01-15', child: '2025-01-15', audit: '2020-01-15' });
  });

  it('a consent ends at its withdrawal or after its last valid day, whichever is first', () => {
    assert.equal(consentEndDay('2025-12-31', null), '2025-12-31');
    assert.equal(consentEndDay('2025-12-31', '2025-03-01'), '2025-03-01');
    assert.equal(consentEndDay('2025-12-31', '2026-02-01'), '2025-12-31');
  });

  it('anonymises: birth year only, and a CPR stand-in that is never a valid CPR number and is unique', () => {
    assert.equal(anonymisedBirthDate('2019-07-23'), '2019-01-01');
    assert.equal(anonymousCprPlaceholder(1), '0000000001');
    assert.equal(anonymousCprPlaceholder(12_345_678), '1200345678');
    assert.throws(() => anonymousCprPlaceholder(0), RangeError);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 1, max: 99_999_999 }), (a, b) => {
        const pa = anonymousCprPlaceholder(a);
        assert.match(pa, /^\d{2}00\d{6}$/);
        assert.equal(isValidCpr(pa), false);
        if (a !== b) assert.notEqual(pa, anonymousCprPlaceholder(b));
      }),
    );
  });
});
