// Dates and numbers on the retention page; days as read in Copenhagen.
import { formatDay, todayInCopenhagen } from '../../../components/format.ts';
import i18n from '../../../i18n/index.ts';

/** The preview's "as of", a calendar day ('2026-11-23') or an instant, as a Copenhagen day. */
export function formatAsOf(asOf: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return formatDay(asOf);
  const d = new Date(asOf);
  return Number.isNaN(d.getTime()) ? asOf : formatDay(todayInCopenhagen(d));
}

export function formatCount(n: number): string {
  return n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'da-DK');
}
