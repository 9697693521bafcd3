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

/** Easter Sunday (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Days a Danish municipality's offices are closed besides weekends: the public holidays
 * (helligdagsloven; Store bededag abolished from 2024) and the days public administration
 * keeps closed by custom (Grundlovsdag, juleaftensdag, nytårsaftensdag). Working-day
 * deadlines such as the receipt to a professional notifier (BL § 136) count past them.
 */
export function closedDays(year: number): Map<string, string> {
  const easter = easterSunday(year);
  const days: [string, string][] = [
    [`${year}-01-01`, 'Nytårsdag'],
    [addDays(easter, -3), 'Skærtorsdag'],
    [addDays(easter, -2), 'Langfredag'],
    [easter, 'Påskedag'],
    [addDays(easter, 1), '2. påskedag'],
    ...(year <= 2023 ? ([[addDays(easter, 26), 'Store bededag']] as [string, string][]) : []),
    [addDays(easter, 39), 'Kristi himmelfartsdag'],
    [addDays(easter, 49), 'Pinsedag'],
    [addDays(easter, 50), '2. pinsedag'],
    [`${year}-06-05`, 'Grundlovsdag'],
    [`${year}-12-24`, 'Juleaftensdag'],
    [`${year}-12-25`, '1. juledag'],
    [`${year}-12-26`, '2. juledag'],
    [`${year}-12-31`, 'Nytårsaftensdag'],
  ];
  return new Map(days);
}

const closedByYear = new Map<number, Map<string, string>>();

/** A weekday on which the municipality's offices are open. */
export function isWorkingDay(day: string): boolean {
  if (isWeekend(day)) return false;
  const year = Number(day.slice(0, 4));
  let closed = closedByYear.get(year);
  if (!closed) {
    closed = closedDays(year);
    closedByYear.set(year, closed);
  }
  return !closed.has(day);
}

/**
 * The n-th working day after `day` (the day itself never counts, as in a deadline of "6 working
 * days from receipt": a notification received on a Saturday has Monday as its first day).
 */
export function addWorkingDays(day: string, n: number): string {
  let current = day;
  for (let left = n; left > 0; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}

/** The last working day on or before `day`. */
export function workingDayOnOrBefore(day: string): string {
  let current = day;
  while (!isWorkingDay(current)) current = addDays(current, -1);
  return current;
}
