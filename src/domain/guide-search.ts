// Searching the samarbejdsguide (domain.md S3: "Searchable … readable by citizens"). The words
// a user types become a PostgreSQL `danish` tsquery in which every word is a stemmed prefix:
// "netværksmøder" finds "netværksmøde", and "netværk" finds the compound "netværksmøde" too.
// The query text is built from letters and digits only, so no input can make to_tsquery fail.

export const QUERY_MAX = 200;
const MAX_WORDS = 8;
/** Delimiters for ts_headline: control characters never stored in guide text (see cleanText). */
export const MARK_START = '\u0001';
export const MARK_STOP = '\u0002';

/** Collapse whitespace, drop control characters, cap the length; null when nothing is left. */
export function normaliseQuery(q: string | null | undefined): string | null {
  if (!q) return null;
  const clean = cleanText(q).replace(/\s+/g, ' ').trim().slice(0, QUERY_MAX).trim();
  return clean ? clean : null;
}

/** Control characters other than newline and tab removed (they would confuse snippets). */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** The words of a query: runs of letters and digits, lower-cased, at most MAX_WORDS, no repeats. */
export function queryWords(q: string): string[] {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_WORDS);
}

/**
 * The text for `to_tsquery('danish', …)`: every word as a prefix, all required
 * ("sundhedspleje spæd" → "sundhedspleje:* & spæd:*"). Null when the query has no words.
 */
export function tsQueryText(q: string | null | undefined): string | null {
  const n = normaliseQuery(q);
  if (!n) return null;
  const words = queryWords(n);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

export interface Segment {
  text: string;
  match: boolean;
}

/** A ts_headline result with MARK_START/MARK_STOP around hits → plain text segments to render safely. */
export function headlineSegments(headline: string): Segment[] {
  const out: Segment[] = [];
  let match = false;
  let text = '';
  const push = () => {
    if (text) {
      const last = out[out.length - 1];
      if (last && last.match === match) last.text += text;
      else out.push({ text, match });
    }
    text = '';
  };
  for (const ch of headline) {
    if (ch === MARK_START || ch === MARK_STOP) {
      push();
      match = ch === MARK_START;
    } else text += ch;
  }
  push();
  return out;
}
