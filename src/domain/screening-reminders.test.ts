import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, daysBetween, isWeekend, isWorkingDay } from './calendar.ts';
import { dueReminder, REMINDER_LEAD_DAYS, reminderSendsFrom } from './screening-reminders.ts';

// 2026-03-20 is a Friday.
const round = { opensOn: '2026-03-02', closesOn: '2026-03-20' };
const dayArb = fc.integer({ min: 0, max: 1500 }).map((n) => addDays('2025-01-01', n));

describe('screening reminders', () => {
  it('a week before the close, then two days before; nothing before that or after the close', () => {
    assert.deepEqual(REMINDER_LEAD_DAYS, [7, 2]);
    assert.equal(dueReminder(round, '2026-03-12'), null);
    assert.deepEqual(dueReminder(round, '2026-03-13'), { leadDays: 7, daysLeft: 8 });
    assert.deepEqual(dueReminder(round, '2026-03-17'), { leadDays: 7, daysLeft: 4 });
    assert.deepEqual(dueReminder(round, '2026-03-18'), { leadDays: 2, daysLeft: 3 });
    assert.deepEqual(dueReminder(round, '2026-03-20'), { leadDays: 2, daysLeft: 1 });
    assert.equal(dueReminder(round, '2026-03-21'), null);
  });

  it('a reminder that would fall on a weekend comes on the Friday before', () => {
    // closes Tuesday 24 March: two days before is Sunday 22 → Friday 20
    const r = { opensOn: '2026-03-02', closesOn: '2026-03-24' };
    assert.equal(reminderSendsFrom(r, 2), '2026-03-20');
    assert.deepEqual(dueReminder(r, '2026-03-20'), { leadDays: 2, daysLeft: 5 });
  });

  it('a reminder that would fall on a public holiday comes on the working day before', () => {
    // closes Wednesday 8 April 2026: two days before is 2. påskedag, the Thursday–Monday of Easter is closed
    const r = { opensOn: '2026-03-02', closesOn: '2026-04-08' };
    assert.equal(reminderSendsFrom(r, 2), '2026-04-01');
    // closes Monday 28 December: a week before is Monday 21 (open), two days before is 2. juledag → 23 December
    const christmas = { opensOn: '2026-11-02', closesOn: '2026-12-28' };
    assert.equal(reminderSendsFrom(christmas, 7), '2026-12-21');
    assert.equal(reminderSendsFrom(christmas, 2), '2026-12-23');
  });

  it('a short round reminds from the day it opens, never before', () => {
    const r = { opensOn: '2026-03-18', closesOn: '2026-03-20' };
    assert.equal(reminderSendsFrom(r, 7), '2026-03-18');
    assert.equal(dueReminder(r, '2026-03-17'), null);
    assert.deepEqual(dueReminder(r, '2026-03-18'), { leadDays: 2, daysLeft: 3 });
  });

  it('counts days across the change to summer time and a leap day', () => {
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2); // DST starts 29 March in Copenhagen
    assert.equal(daysBetween('2028-02-28', '2028-03-01'), 2);
    assert.equal(isWeekend('2028-02-29'), false); // a Tuesday
    assert.equal(isWeekend('2026-03-21'), true);
  });

  it('property: a due reminder is inside the window, on or after its send day, and the most urgent one due', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 40 }), dayArb, (opensOn, len, today) => {
        const r = { opensOn, closesOn: addDays(opensOn, len) };
        const due = dueReminder(r, today);
        if (today < r.opensOn || today > r.closesOn) return due === null;
        if (!due) return REMINDER_LEAD_DAYS.every((l) => reminderSendsFrom(r, l) > today);
        const sendDay = reminderSendsFrom(r, due.leadDays);
        const moreUrgent = REMINDER_LEAD_DAYS.filter((l) => l < due.leadDays);
        const sendDayFits = sendDay <= today && sendDay >= r.opensOn && (isWorkingDay(sendDay) || sendDay === r.opensOn);
        const noMoreUrgentDue = moreUrgent.every((l) => reminderSendsFrom(r, l) > today);
        return sendDayFits && noMoreUrgentDue && due.daysLeft === daysBetween(today, r.closesOn) + 1;
      }),
    );
  });
});
