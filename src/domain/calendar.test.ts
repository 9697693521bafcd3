import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, addWorkingDays, ageOn, closedDays, coversDay, dayInCopenhagen, easterSunday, isValidDay, isWorkingDay, workingDayOnOrBefore } from './calendar.ts';

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

describe('working days (Danish public holidays)', () => {
  it('finds Easter Sunday on the known dates', () => {
    assert.equal(easterSunday(2024), '2024-03-31');
    assert.equal(easterSunday(2025), '2025-04-20');
    assert.equal(easterSunday(2026), '2026-04-05');
    assert.equal(easterSunday(2027), '2027-03-28');
    assert.equal(easterSunday(2038), '2038-04-25'); // the latest possible date
    assert.equal(easterSunday(2285), '2285-03-22'); // the earliest possible date
  });

  it('knows the closed days of 2026, without Store bededag since 2024', () => {
    const closed = closedDays(2026);
    assert.deepEqual([...closed.keys()], [
      '2026-01-01', '2026-04-02', '2026-04-03', '2026-04-05', '2026-04-06', '2026-05-14', '2026-05-24', '2026-05-25',
      '2026-06-05', '2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31',
    ]);
    assert.equal(closedDays(2023).get('2023-05-05'), 'Store bededag');
    assert.equal([...closedDays(2024).values()].includes('Store bededag'), false);
    assert.equal(isWorkingDay('2024-04-26'), true); // was Store bededag's Friday, now a working day
  });

  it('counts working days past weekends and holidays (BL § 136: receipt within 6 working days)', () => {
    assert.equal(addWorkingDays('2026-11-23', 6), '2026-12-01'); // Monday → Tuesday next week
    assert.equal(addWorkingDays('2026-11-21', 6), '2026-11-30'); // received Saturday: Monday is day 1
    assert.equal(addWorkingDays('2026-04-01', 1), '2026-04-07'); // across Easter (Thu–Mon closed)
    assert.equal(addWorkingDays('2026-12-23', 1), '2026-12-28'); // across Christmas
    assert.equal(addWorkingDays('2026-12-30', 1), '2027-01-04'); // across New Year and a weekend
    assert.equal(addWorkingDays('2028-02-28', 1), '2028-02-29'); // a leap day is an ordinary Tuesday
    assert.equal(addWorkingDays('2026-11-23', 0), '2026-11-23');
    assert.equal(workingDayOnOrBefore('2026-04-06'), '2026-04-01');
    assert.equal(workingDayOnOrBefore('2026-11-23'), '2026-11-23');
  });

  it('the n-th working day after a day is a working day, n working days away', () => {
    const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 30 }), (from, n) => {
        const to = addWorkingDays(from, n);
        assert.ok(isWorkingDay(to));
        let count = 0;
        for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count += 1;
        assert.equal(count, n);
      }),
    );
  });
});
