// Retention (GDPR art. 5, stk. 1, litra e: storage limitation; docs/adr/0006): how many years
// each kind of record is kept after it ended, per municipality, and which day a record falls due.
// Years are calendar years: a record that ended on 29 February is N years old on 28 February
// in a common year, and is due the day after ("more than N years ago").

export const RETENTION_KEYS = ['screeningYears', 'stafetlogYears', 'consentYears', 'childYears', 'auditYears'] as const;
export type RetentionKey = (typeof RETENTION_KEYS)[number];
export type RetentionSettings = Record<RetentionKey, number>;

export const RETENTION_DEFAULTS: RetentionSettings = {
  screeningYears: 5,
  stafetlogYears: 5,
  consentYears: 5,
  childYears: 5,
  auditYears: 5,
};

/**
 * The audit floor is 2 years: Datatilsynet asks for access logs to be kept at least 6 months;
 * we keep at least 2 so a citizen's request for insight ("who read my child's data") and a
 * complaint handled by Datatilsynet can still be answered (docs/adr/0006).
 */
export const RETENTION_BOUNDS: Record<RetentionKey, { min: number; max: number }> = {
  screeningYears: { min: 1, max: 10 },
  stafetlogYears: { min: 1, max: 10 },
  consentYears: { min: 1, max: 10 },
  childYears: { min: 1, max: 10 },
  auditYears: { min: 2, max: 20 },
};

export function withinBounds(key: RetentionKey, years: unknown): years is number {
  return Number.isInteger(years) && (years as number) >= RETENTION_BOUNDS[key].min && (years as number) <= RETENTION_BOUNDS[key].max;
}

/** The stored settings (jsonb, possibly partial or from an older version): defaults fill the gaps. */
export function readRetentionSettings(stored: unknown): RetentionSettings {
  const src = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const out = { ...RETENTION_DEFAULTS };
  for (const k of RETENTION_KEYS) if (withinBounds(k, src[k])) out[k] = src[k];
  return out;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Calendar arithmetic: the same month and day N years later; 29 February becomes 28 February in a common year. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const dd = m === 2 && d === 29 && !isLeapYear(year) ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

function shiftDay(day: string, days: number): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** A record that ended on `endDay` is due on `today` when more than N years have passed. */
export function isDue(endDay: string, today: string, years: number): boolean {
  return addYears(endDay, years) < today;
}

/**
 * The first end day that is not yet due: a record is due exactly when its end day is before
 * the cutoff, so one `end < cutoff` filter in SQL applies the rule. (addYears is monotone, so
 * the due days form a prefix of the calendar.)
 */
export function retentionCutoff(today: string, years: number): string {
  let c = addYears(today, -years);
  while (!isDue(shiftDay(c, -1), today, years)) c = shiftDay(c, -1);
  while (isDue(c, today, years)) c = shiftDay(c, 1);
  return c;
}

export interface RetentionCutoffs {
  /** Ratings of rounds whose last day is before this day. */
  screening: string;
  /** Stafetlogs closed (Copenhagen day) before this day. */
  stafetlog: string;
  /** Consents that ended (withdrawn, or the last valid day) before this day. */
  consent: string;
  /** Children whose last contact with the municipality was before this day. */
  child: string;
  /** Audit rows written before the start of this Copenhagen day. */
  audit: string;
}

export function retentionCutoffs(settings: RetentionSettings, today: string): RetentionCutoffs {
  return {
    screening: retentionCutoff(today, settings.screeningYears),
    stafetlog: retentionCutoff(today, settings.stafetlogYears),
    consent: retentionCutoff(today, settings.consentYears),
    child: retentionCutoff(today, settings.childYears),
    audit: retentionCutoff(today, settings.auditYears),
  };
}

/** A consent ends when it is withdrawn or after its last valid day, whichever is first. */
export function consentEndDay(validTo: string, withdrawnDay: string | null): string {
  return withdrawnDay !== null && withdrawnDay < validTo ? withdrawnDay : validTo;
}

/** What an anonymised child keeps: no name, no CPR, only the birth year (for statistics by age). */
export const ANONYMOUS_CHILD = { firstName: 'Anonymiseret', lastName: 'Barn' } as const;

export function anonymisedBirthDate(birthDate: string): string {
  return `${birthDate.slice(0, 4)}-01-01`;
}

/**
 * The n-th anonymised child's stand-in for the CPR column (which must stay ten unique digits):
 * month 00, which no CPR number ever has, so it never matches or validates as a person's number.
 */
export function anonymousCprPlaceholder(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99_999_999) throw new RangeError('placeholder number out of range');
  const p = String(n).padStart(8, '0');
  return `${p.slice(0, 2)}00${p.slice(2)}`;
}
