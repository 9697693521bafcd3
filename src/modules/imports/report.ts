// The per-row report of a run: what each line did (or would do), and why a line was refused.

export interface ReportRow {
  /** Line number in the file (the header is line 1). */
  row: number;
  status: 'ok' | 'error';
  /** Danish text; never a CPR number. */
  messages: string[];
  /** What the row creates (or, in a dry run, would create). */
  created: string[];
}

/** What is kept and shown: errors first, then the rest, in file order, at most 1,000 rows. */
export const REPORT_CAP = 1000;

export function capReport(rows: readonly ReportRow[]): ReportRow[] {
  const byRow = (a: ReportRow, b: ReportRow) => a.row - b.row;
  const errors = rows.filter((r) => r.status === 'error').sort(byRow);
  const ok = rows.filter((r) => r.status === 'ok').sort(byRow);
  return [...errors, ...ok].slice(0, REPORT_CAP).map((r) => ({ ...r, messages: r.messages.map(wellFormed), created: r.created.map(wellFormed) }));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** PostgreSQL's jsonb refuses half a surrogate pair: replace any with U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

export function hasLoneSurrogate(text: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(text);
}
