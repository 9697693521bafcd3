// Import runs as the API shows them: totals, progress while in flight, the capped report.
import type { Row } from '../../db/types.ts';
import type { ImportKind } from './columns.ts';
import type { Progress } from './progress.ts';
import { capReport, type ReportRow } from './report.ts';

type Summary = Pick<Row<'importRuns'>, 'id' | 'kind' | 'fileName' | 'status' | 'rowsTotal' | 'rowsOk' | 'rowsFailed' | 'createdAt' | 'finishedAt'>;

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

export function presentSummary(run: Summary, progress: Progress | null) {
  return {
    id: run.id,
    kind: run.kind as ImportKind,
    fileName: run.fileName,
    status: run.status,
    rowsTotal: run.rowsTotal,
    rowsOk: run.rowsOk,
    rowsFailed: run.rowsFailed,
    progress,
    createdAt: iso(run.createdAt),
    finishedAt: run.finishedAt ? iso(run.finishedAt) : null,
  };
}

export function presentRun(run: Row<'importRuns'>, progress: Progress | null) {
  const report = Array.isArray(run.report) ? (run.report as ReportRow[]) : [];
  return { ...presentSummary(run, progress), report: capReport(report) };
}
