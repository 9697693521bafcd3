import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, ageOn, coversDay, dayInCopenhagen, isValidDay } from './calendar.ts';

describe('calendar (Europe/Copenhagen)', () => {
  it('gives the Copenhagen day, not the UTC day, around midnight', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Copenhagen (UTC+1 in winter).
    assert.equal(dayInCopenhagen(new Date('2025-12-31T23:30:00Z')), '2026-01-01');
    // 22:30 UTC on 30 June is 00:30 on 1 July in summer time (UTC+2).
    assert.equal(dayInCopenhagen(new Date('2026-06-30T22:30:00Z')), '2026-07-01');
    assert.equal(dayInCopenhagen(new Date('2026-06-30T21:59:59Z')), '2026-06-30');
  });

  it('handles the DST changes: the day is right on both sides of the switch', () => {
    // Summer time starts 29 March 2026 at 02:00 local (01:00 UTC).
    assert.equal(dayInCopenhagen(new Date('2026-03-29T00:59:00Z')), '2026-03-29');
    assert.equal(dayInCopenhagen(new Date('2026-03-28T23:00:00Z')), '2026-03-29');
    // Winter time starts 25 October 2026; 22:59 UTC on the 25th is 23:59 local.
    assert.equal(dayInCopenhagen(new Date('2026-10-25T22:59:00Z')), '2026-10-25');
    assert.equal(dayInCopenhagen(new Date('2026-10-25T23:00:00Z')), '2026-10-26');
  });

  it('validates days, including leap days', () => {
    assert.equal(isValidDay('2028-02-29'), true);
    assert.equal(isValidDay('2026-02-29'), false);
    assert.equal(isValidDay('2000-02-29'), true);
    assert.equal(isValidDay('1900-02-29'), false);
    assert.equal(isValidDay('2026-13-01'), false);
    assert.equal(isValidDay('2026-1-01'), false);
  });

  it('computes age; a leap-day child turns a year older on 1 March in common years', () => {
    assert.equal(ageOn('2020-02-29', '2021-02-28'), 0);
    assert.equal(ageOn('2020-02-29', '2021-03-01'), 1);
    assert.equal(ageOn('2020-02-29', '2024-02-29'), 4);
    assert.equal(ageOn('2016-11-23', '2026-11-23'), 10);
    assert.equal(ageOn('2016-11-24', '2026-11-23'), 9);
  });

  it('adds days across month and year ends', () => {
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2026-08-01', -1), '2026-07-31');
  });

  it('property: adding then subtracting days returns the same day, and ages never decrease', () => {
    const dayArb = fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(fc.property(dayArb, fc.integer({ min: -3000, max: 3000 }), (d, n) => addDays(addDays(d, n), -n) === d));
    fc.assert(
      fc.property(dayArb, dayArb, fc.integer({ min: 0, max: 400 }), (birth, day, n) => {
        fc.pre(birth <= day);
        return ageOn(birth, addDays(day, n)) >= ageOn(birth, day) && ageOn(birth, day) >= 0;
      }),
    );
  });

  it('a validity period covers its first and last day and an open period covers the future', () => {
    assert.equal(coversDay({ validFrom: '2026-01-01', validTo: '2026-01-31' }, '2026-01-31'), true);
    assert.equal(coversDay({ validFrom: '2026-01-01', validTo: '2026-01-31' }, '2026-02-01'), false);
    assert.equal(coversDay({ validFrom: '2026-01-01', validTo: null }, '2099-01-01'), true);
    assert.equal(coversDay({ validFrom: '2026-01-02', validTo: null }, '2026-01-01'), false);
  });
});
