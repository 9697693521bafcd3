// Reminders before a screening round closes (S2, issue 4 item 2): the raters of a group with
// children still missing, and the institution's leader, are told a week before and again two
// days before the window closes. A reminder that would fall on a weekend or a public holiday
// comes on the working day before, when people are at work; one missed (server down, first start) comes late rather than
// never, and only the most urgent one is sent once a later one is due.
import { addDays, daysBetween, workingDayOnOrBefore } from './calendar.ts';
import { roundPhase, type RoundWindow } from './screening-round.ts';

/** Days before the closing day; the first is the early warning, the last the final call. */
export const REMINDER_LEAD_DAYS = [7, 2] as const;

export interface DueReminder {
  /** Which reminder this is (one of the lead days): part of its de-duplication key. */
  leadDays: number;
  /** Calendar days left including today: 1 on the closing day. */
  daysLeft: number;
}

/** The first day a reminder `leadDays` before the close is sent: never before opening, only on a working day. */
export function reminderSendsFrom(round: RoundWindow, leadDays: number): string {
  const day = workingDayOnOrBefore(addDays(round.closesOn, -leadDays));
  return day < round.opensOn ? round.opensOn : day;
}

/** The reminder due on `today`, or null (round not open, or no reminder reached yet). */
export function dueReminder(round: RoundWindow, today: string, leads: readonly number[] = REMINDER_LEAD_DAYS): DueReminder | null {
  if (roundPhase(round, today) !== 'open') return null;
  const due = leads.filter((l) => reminderSendsFrom(round, l) <= today);
  if (due.length === 0) return null;
  return { leadDays: Math.min(...due), daysLeft: daysBetween(today, round.closesOn) + 1 };
}
