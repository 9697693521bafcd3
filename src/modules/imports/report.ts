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
  return [...errors, ...ok].slice(0, REPORT_CAP);
}
