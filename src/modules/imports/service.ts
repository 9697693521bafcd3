// CSV import for municipality administrators (S1: bring the organisation, staff, children and
// enrolments over from existing systems). The request checks the file at the door and
// answers 202 with the run's id; the run continues in the background:
//   parsing → validating (every row: cells, references, duplicates in the file) →
//   rejected (any row wrong: nothing written) | validated (dry run) |
//   applying (all rows in one transaction) → applied, or failed (rolled back, row named).
// The run and its report are kept in import_runs; one 'import' audit row per run, plus the
// per-child rows the people service writes for each child and enrolment.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../access/actor.ts';
import { withScope, type Scope } from '../../access/scope.ts';
import { maskSearchTerm } from '../../domain/cpr.ts';
import { AppError, messageFor } from '../../errors.ts';
import type { AppContext } from '../../http/types.ts';
import { enrol, insertChild } from '../people/service.ts';
import { MAX_ROWS, resolveHeader, template, type ImportKind } from './columns.ts';
import { csvErrorText, CsvLineError, inspect, readRecords, type CsvFile } from './csv.ts';
import { presentRun, presentSummary } from './presenter.ts';
import { progressOf, track, trackedRun, waitFor, type Progress } from './progress.ts';
import * as repo from './repo.ts';
import { capReport, type ReportRow } from './report.ts';
import { readRow, type ReadRow, type RowOf } from './rows.ts';
import { ChildRows, EnrolmentRows, InstitutionRows, StaffRows, type Checked, type OpOf } from './validate.ts';
import type { z } from 'zod';
import type * as s from './schema.ts';

/** Where the background job reports what went wrong (never CPR, names or free text). */
export interface JobLog {
  error(obj: object, msg: string): void;
}

/** A run still 'running' after this long is no longer being worked on (the server restarted). */
const STALE_AFTER_MS = 60 * 60 * 1000;
const CHUNK = 500;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Check the file at the door, record the run as 'running' and start it in the background. */
export async function startImport(ctx: AppContext, actor: Actor, input: z.infer<typeof s.importStart>, log: JobLog): Promise<{ id: string }> {
  const id = randomUUID();
  const { file, columns } = await withScope(ctx, actor, async (scope) => {
    scope.require('import.run', { resourceType: 'import_run' });
    const file = inspect(input.csv, MAX_ROWS);
    const columns = resolveHeader(input.kind, file.header);
    await repo.insertRun(scope, { id, kind: input.kind, fileName: input.fileName, rowsTotal: file.rows });
    return { file, columns };
  });
  // Not awaited: the request answers 202 while the run goes on.
  track({ id, progress: { phase: 'parsing', processed: 0, total: file.rows } }, (progress) =>
    runImport(ctx, actor, { id, kind: input.kind, dryRun: input.dryRun, file, columns }, progress, log),
  );
  return { id };
}

/** Settles when the run has its final status (tests, CLI). */
export function waitForImport(id: string): Promise<void> {
  return waitFor(id);
}

interface Job {
  id: string;
  kind: ImportKind;
  dryRun: boolean;
  file: CsvFile;
  columns: string[];
}

type Ending = { status: 'rejected' | 'validated' | 'failed' | 'applied'; report: ReportRow[]; rowsTotal: number };

/** Never rejects: every way out ends the run in a final status, or at worst logs why it could not. */
async function runImport(ctx: AppContext, actor: Actor, job: Job, progress: Progress, log: JobLog): Promise<void> {
  try {
    const ending = await execute(ctx, actor, job, progress, log);
    if (ending.status !== 'applied') await finish(ctx, actor, job, ending);
  } catch (err) {
    log.error({ importId: job.id, err: safeError(err) }, 'import run failed');
    const message = failureText(err).text;
    const ending: Ending = {
      status: 'failed',
      rowsTotal: progress.total,
      report: [{ row: 0, status: 'error', messages: [`Importen stoppede: ${message} Intet er gemt.`], created: [] }],
    };
    await finish(ctx, actor, job, ending).catch((e: unknown) => log.error({ importId: job.id, err: safeError(e) }, 'import run could not be marked failed'));
  }
}

async function execute(ctx: AppContext, actor: Actor, job: Job, progress: Progress, log: JobLog): Promise<Ending> {
  // Parsing: CSV records → typed rows.
  const rows: { line: number; read: ReadRow<ImportKind> }[] = [];
  try {
    await readRecords(job.file, (record) => {
      rows.push({ line: record.line, read: readRow(job.kind, job.columns, record.values) });
      progress.processed = rows.length;
    });
  } catch (err) {
    if (!(err instanceof CsvLineError)) throw err;
    const where = err.line ? `Linje ${err.line}` : 'Filen';
    return {
      status: 'rejected',
      rowsTotal: progress.total,
      report: [{ row: err.line, status: 'error', messages: [`${where} kan ikke læses som CSV: ${csvErrorText(err.reason)} ${messageFor('import.not_csv')}`], created: [] }],
    };
  }

  // The door check counted rows with content; a run that reads none must not end as applied.
  if (rows.length === 0) {
    return { status: 'rejected', rowsTotal: 0, report: [{ row: 0, status: 'error', messages: [messageFor('import.empty')], created: [] }] };
  }

  // Validating: references loaded once, then every row in file order.
  progress.phase = 'validating';
  progress.total = rows.length;
  progress.processed = 0;
  const validator = await withScope(ctx, actor, async (scope) => {
    scope.require('import.run', { resourceType: 'import_run', resourceId: job.id });
    return validatorFor(scope, job.kind, rows.flatMap((r) => (r.read.ok ? [r.read.value] : [])));
  });
  const checked: Checked<OpOf<ImportKind>>[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    for (const { line, read } of rows.slice(i, i + CHUNK)) {
      checked.push(read.ok ? validator(line, read.value) : { report: { row: line, status: 'error', messages: read.messages, created: [] }, op: null });
    }
    progress.processed = checked.length;
    await tick();
  }
  const report = checked.map((c) => c.report);
  if (report.some((r) => r.status === 'error')) return { status: 'rejected', report, rowsTotal: rows.length };
  if (job.dryRun) return { status: 'validated', report, rowsTotal: rows.length };

  // Applying: all rows in one transaction; the run becomes 'applied' in the same commit.
  progress.phase = 'applying';
  progress.processed = 0;
  try {
    await withScope(ctx, actor, async (scope) => {
      scope.require('import.run', { resourceType: 'import_run', resourceId: job.id });
      for (let i = 0; i < checked.length; i += 1) {
        const op = checked[i]!.op;
        if (op) {
          try {
            await applyRow(scope, job.kind, op);
          } catch (err) {
            throw new RowFailure(i, err);
          }
        }
        if (i % 50 === 0) progress.processed = i;
      }
      progress.processed = checked.length;
      const ending: Ending = { status: 'applied', report, rowsTotal: rows.length };
      await repo.finishRun(scope, job.id, totals(ending));
      scope.audit(auditOf(job, ending));
    });
    return { status: 'applied', report, rowsTotal: rows.length };
  } catch (err) {
    if (!(err instanceof RowFailure)) throw err;
    const { index, cause } = err;
    const failure = failureText(cause);
    if (!failure.expected) log.error({ importId: job.id, row: report[index]!.row, err: safeError(cause) }, 'import row failed');
    const failedReport = report.map((r, i) =>
      i === index
        ? { ...r, status: 'error' as const, messages: [`Linjen kunne ikke gemmes: ${failure.text} Hele filen er rullet tilbage – intet er gemt.`], created: [] }
        : r,
    );
    return { status: 'failed', report: failedReport, rowsTotal: rows.length };
  }
}

/** A row's write failed: the transaction rolls back and the run names the row. */
class RowFailure extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super('import row failed');
  }
}

type Validator = (line: number, row: RowOf<ImportKind>) => Checked<OpOf<ImportKind>>;

/** Load what the rows refer to (set-based, one query per kind of reference) and build the validator. */
async function validatorFor(scope: Scope, kind: ImportKind, rows: RowOf<ImportKind>[]): Promise<Validator> {
  switch (kind) {
    case 'institutions': {
      const v = new InstitutionRows(await repo.orgRefs(scope));
      return (line, row) => v.check(line, row as RowOf<'institutions'>);
    }
    case 'staff': {
      const staff = rows as RowOf<'staff'>[];
      const refs = await repo.staffRefs(
        scope,
        staff.map((r) => r.brugernavn),
        staff.flatMap((r) => (r.sso_id ? [r.sso_id] : [])),
      );
      const v = new StaffRows(refs, scope.today);
      return (line, row) => v.check(line, row as RowOf<'staff'>);
    }
    case 'children': {
      const children = rows as RowOf<'children'>[];
      const v = new ChildRows(
        {
          childCprs: await repo.existingCprs(scope, 'children', children.map((r) => r.cpr)),
          holderCprs: await repo.existingCprs(
            scope,
            'custodyHolders',
            children.flatMap((r) => [r.foraelder1_cpr, ...(r.foraelder2_cpr ? [r.foraelder2_cpr] : [])]),
          ),
        },
        scope.today,
      );
      return (line, row) => v.check(line, row as RowOf<'children'>);
    }
    case 'enrolments': {
      const v = new EnrolmentRows(await repo.enrolmentRefs(scope, (rows as RowOf<'enrolments'>[]).map((r) => r.cpr)));
      return (line, row) => v.check(line, row as RowOf<'enrolments'>);
    }
  }
}

async function applyRow(scope: Scope, kind: ImportKind, op: OpOf<ImportKind>): Promise<void> {
  switch (kind) {
    case 'institutions':
      return repo.applyInstitution(scope, op as OpOf<'institutions'>);
    case 'staff':
      return repo.applyStaff(scope, op as OpOf<'staff'>);
    case 'children': {
      // The people service writes the child, its custody holders and the child's audit row.
      await insertChild(scope, op as OpOf<'children'>);
      return;
    }
    case 'enrolments': {
      const e = op as OpOf<'enrolments'>;
      // enrol() closes an open enrolment in the same track and audits the new one.
      const id = await enrol(scope, e.childId, { institutionId: e.institutionId, groupId: e.groupId, validFrom: e.validFrom });
      if (e.validTo) await repo.closeEnrolment(scope, id, e.validTo);
      return;
    }
  }
}

function totals(ending: Ending) {
  const failed = ending.report.filter((r) => r.status === 'error').length;
  return {
    status: ending.status,
    rowsTotal: ending.rowsTotal,
    rowsOk: Math.max(0, ending.rowsTotal - failed),
    rowsFailed: failed,
    report: capReport(ending.report),
  };
}

function auditOf(job: Job, ending: Ending) {
  return {
    action: 'import' as const,
    resourceType: 'import_run',
    resourceId: job.id,
    details: { kind: job.kind, rows: ending.rowsTotal, status: ending.status, dryRun: job.dryRun },
  };
}

/** Store a run's final status and report, with its audit row, in one small transaction. */
async function finish(ctx: AppContext, actor: Actor, job: Job, ending: Ending): Promise<void> {
  await withScope(ctx, actor, async (scope) => {
    await repo.finishRun(scope, job.id, totals(ending));
    scope.audit(auditOf(job, ending));
  });
}

/** Danish text for why a row could not be written; expected = a clash with data, not a bug. */
function failureText(err: unknown): { text: string; expected: boolean } {
  if (err instanceof AppError) return { text: messageFor(err.code), expected: err.status < 500 };
  const e = err as { code?: string; constraint?: string };
  if (e.code === '23505') {
    const c = e.constraint ?? '';
    if (c.includes('cpr')) return { text: 'CPR-nummeret er allerede registreret (oprettet af en anden imens).', expected: true };
    if (c.includes('username')) return { text: messageFor('username.taken'), expected: true };
    if (c.includes('sso')) return { text: 'SSO-id’et er allerede knyttet til en anden bruger.', expected: true };
    return { text: `${messageFor('name.taken')} (oprettet af en anden imens).`, expected: true };
  }
  if (e.code === '23503') return { text: 'En enhed, linjen henviser til, findes ikke længere.', expected: true };
  if (typeof e.code === 'string' && /^(08|57P|53)/.test(e.code)) return { text: messageFor('service.unavailable'), expected: false };
  if (typeof e.code === 'string' && /^ECONN|ETIMEDOUT|EPIPE/.test(e.code)) return { text: messageFor('service.unavailable'), expected: false };
  return { text: messageFor('internal'), expected: false };
}

/** What may be logged about an error: its kind and codes, the message with CPR-like digits masked. */
function safeError(err: unknown) {
  const e = err as { name?: string; code?: string; constraint?: string; message?: string };
  return { name: e?.name, code: e?.code, constraint: e?.constraint, message: e?.message ? maskSearchTerm(String(e.message)).slice(0, 300) : undefined };
}

// ── reading runs ────────────────────────────────────────────────────────────────────────

/** Runs left 'running' by a process that is gone end as failed (nothing of theirs was committed). */
async function sweepStale(scope: Scope): Promise<void> {
  const stale = await repo.staleRunIds(scope, new Date(scope.now.getTime() - STALE_AFTER_MS));
  for (const { id, kind, rowsTotal } of stale) {
    if (trackedRun(id)) continue;
    const report: ReportRow[] = [
      { row: 0, status: 'error', messages: ['Importen blev afbrudt, fordi serveren blev genstartet. Intet er gemt – kør importen igen.'], created: [] },
    ];
    await repo.finishRun(scope, id, { status: 'failed', rowsTotal, rowsOk: 0, rowsFailed: 0, report });
    scope.audit({ action: 'import', resourceType: 'import_run', resourceId: id, details: { kind, rows: rowsTotal, status: 'failed' } });
  }
}

export async function getImport(ctx: AppContext, actor: Actor, id: string) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('import.run', { resourceType: 'import_run', resourceId: id });
    await sweepStale(scope);
    const run = await repo.findRun(scope, id);
    if (!run) throw new AppError('import.not_found', 404);
    return presentRun(run, progressOf(id));
  });
}

export function listImports(ctx: AppContext, actor: Actor, query: z.infer<typeof s.importsQuery>) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('import.run', { resourceType: 'import_run' });
    await sweepStale(scope);
    const { items, total } = await repo.listRuns(scope, query.page, query.pageSize);
    return { items: items.map((r) => presentSummary(r, progressOf(r.id))), total, page: query.page, pageSize: query.pageSize };
  });
}

export async function importTemplate(ctx: AppContext, actor: Actor, kind: ImportKind): Promise<string> {
  await withScope(ctx, actor, async (scope) => scope.require('import.run', { resourceType: 'import_template' }));
  return template(kind);
}
