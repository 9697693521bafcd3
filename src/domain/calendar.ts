// Calendar days in Europe/Copenhagen. Rules work on days; the clock is always an argument.

const copenhagenDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day ('YYYY-MM-DD') in Copenhagen at the given instant. */
export function dayInCopenhagen(instant: Date): string {
  return copenhagenDay.format(instant);
}

export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** Add whole days to a calendar day (no time zone involved). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from one calendar day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Saturday or Sunday. */
export function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Age in whole years on a day; a leap-day child turns a year older on 1 March in common years. */
export function ageOn(birthDay: string, day: string): number {
  const [by, bm, bd] = birthDay.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** Whether a validity period [from, to] (to inclusive, null = open) covers the day. */
export function coversDay(period: { validFrom: string; validTo: string | null }, day: string): boolean {
  return period.validFrom <= day && (period.validTo === null || period.validTo >= day);
}
