// Dates and times as Danish users read them, always in Europe/Copenhagen.
import i18n from '../i18n/index.ts';

const TZ = 'Europe/Copenhagen';
const locale = () => (i18n.language === 'en' ? 'en-GB' : 'da-DK');

/** '2019-05-03' (a calendar day) → '3. maj 2019' / '3 May 2019'. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const d = new Date(`${day.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** '2019-05-03' → '03.05.2019' (compact, for tables). */
export function formatDayShort(day: string | null | undefined): string {
  if (!day) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? (i18n.language === 'en' ? `${m[3]}/${m[2]}/${m[1]}` : `${m[3]}.${m[2]}.${m[1]}`) : day;
}

/** An ISO instant → '03.05.2026 14:07:09' in Copenhagen time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), {
    timeZone: TZ,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(d);
}

/** Today's calendar day in Copenhagen, 'YYYY-MM-DD'. */
export function todayInCopenhagen(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
