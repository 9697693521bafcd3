// /admin/import — CSV import of institutions, staff, children or enrolments. The whole file
// is checked first and applied in one transaction: one bad row and nothing is changed.
// The file is read in the browser (FileReader, UTF-8, falling back to Windows-1252 for
// files saved by older Excel) and sent as text; the run is then polled every 500 ms and
// its progress shown until it is done, followed by the report.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { describedBy } from '../../../components/FormField.tsx';
import { formatDateTime } from '../../../components/format.ts';
import { Icon } from '../../../components/Icon.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { Pagination } from '../../../components/Pagination.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { errorText } from '../../../i18n/index.ts';
import { adminKeys, IMPORT_KINDS, type ImportKind, type ImportReportRow, type ImportRun, type ImportsPage, type ImportStatus, type ImportSummary } from '../api.ts';
import { useFormErrors } from '../forms.ts';
import { Checkbox, Badge, RadioGroup } from '../widgets.tsx';
import { ImportProgress } from './ImportProgress.tsx';

/** The server takes bodies up to 5 MB; leave room for JSON escaping. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const POLL_MS = 500;
const HISTORY_PAGE_SIZE = 10;

/** Read a file as text: UTF-8 (BOM dropped), or Windows-1252 when it is not valid UTF-8. */
export function readFileText(file: File): Promise<string> {
  const read = (encoding: string) =>
    new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result ?? ''));
      reader.onerror = () => reject(reader.error ?? new Error('read failed'));
      reader.readAsText(file, encoding);
    });
  return read('utf-8').then((text) => (text.includes('\uFFFD') ? read('windows-1252') : text)).then((text) => text.replace(/^\uFEFF/, ''));
}

const FINISHED: readonly ImportStatus[] = ['applied', 'rejected', 'validated', 'failed'];

export function ImportPage() {
  const { t } = useTranslation('admin');
  usePageTitle(t('import.title'));
  const qc = useQueryClient();
  const formId = 'import-form';
  const errors = useFormErrors(formId);
  const [kind, setKind] = useState<ImportKind | ''>('');
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);
  const [fromHistory, setFromHistory] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const start = useMutation({
    mutationFn: async (input: { kind: ImportKind; file: File; dryRun: boolean }) => {
      const csv = await readFileText(input.file);
      return api.post<{ id: string }>('/api/imports', { kind: input.kind, fileName: input.file.name, csv, dryRun: input.dryRun });
    },
    onSuccess: (res) => {
      setRunId(res.id);
      setFromHistory(false);
      void qc.invalidateQueries({ queryKey: adminKeys.imports });
    },
    onError: (e) => {
      // A file refused at the door (422): say why on the file field.
      if (e instanceof ApiError && e.code.startsWith('import.')) {
        const d = (e.details ?? {}) as { message?: unknown; reason?: unknown; line?: unknown };
        const why = typeof d.message === 'string' ? d.message : typeof d.reason === 'string' ? d.reason : '';
        const line = typeof d.line === 'number' ? ` ${t('import.atLine', { line: d.line })}` : '';
        errors.setFieldErrors({ csv: `${errorText(e)}${why ? ` ${why}` : ''}${line}` });
        return;
      }
      errors.fromApi(e);
    },
  });

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (!kind) e.kind = t('import.kindRequired');
    if (!file) e.csv = t('import.fileRequired');
    else if (file.size === 0) e.csv = t('import.fileEmpty');
    else if (file.size > MAX_FILE_BYTES) e.csv = t('import.fileTooLarge', { mb: MAX_FILE_BYTES / 1024 / 1024 });
    if (errors.setFieldErrors(e) || !kind || !file) return;
    setRunId(null);
    start.mutate({ kind, file, dryRun });
  };

  return (
    <>
      <h1>{t('import.title')}</h1>
      <p className="font-lead">{t('import.intro')}</p>
      <Notice variant="info">{t('import.allOrNothing')}</Notice>

      <section className="tidlig-section" aria-labelledby="import-new-heading">
        <h2 id="import-new-heading">{t('import.newHeading')}</h2>
        <form id={formId} onSubmit={onSubmit} noValidate className="tidlig-admin-form">
          <ErrorSummary errors={errors.summary} />
          <RadioGroup
            id={errors.id('kind')}
            name="import-kind"
            legend={t('import.kindLegend')}
            options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`import.kinds.${k}.label`) }))}
            value={kind}
            onChange={(k) => setKind(k as ImportKind)}
            error={errors.error('kind')}
          />
          {kind ? <KindHelp kind={kind} /> : null}
          <FileField
            id={errors.id('csv')}
            inputRef={fileInput}
            error={errors.error('csv')}
            file={file}
            onChange={(f) => setFile(f)}
          />
          <Checkbox id={errors.id('dryRun')} label={t('import.dryRun')} hint={t('import.dryRunHint')} checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          <button type="submit" className="button button-primary mt-5" disabled={start.isPending}>
            <Icon name="upload" />
            {t('import.start')}
          </button>
        </form>
      </section>

      {runId ? <ImportRunView key={runId} id={runId} focusOnLoad={fromHistory} /> : null}

      <ImportHistory
        onShow={(id) => {
          setFromHistory(true);
          setRunId(id);
        }}
        currentId={runId}
      />
    </>
  );
}

function KindHelp({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation('admin');
  const columns = t(`import.kinds.${kind}.columns`, { returnObjects: true }) as unknown;
  return (
    <div className="tidlig-admin-kind-help" id="import-kind-help">
      <h3 className="h5 mt-0">{t('import.columnsHeading', { kind: t(`import.kinds.${kind}.label`) })}</h3>
      <p>{t(`import.kinds.${kind}.description`)}</p>
      {Array.isArray(columns) ? (
        <ul className="tidlig-admin-columns">
          {(columns as string[]).map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <a className="function-link" href={`/api/imports/templates/${kind}`} download={`tidlig-${kind}.csv`}>
          <Icon name="download" />
          {t('import.template')}
          <span className="sr-only"> {t('import.templateFor', { kind: t(`import.kinds.${kind}.label`) })}</span>
        </a>
      </p>
    </div>
  );
}

function FileField({ id, inputRef, error, file, onChange }: { id: string; inputRef: RefObject<HTMLInputElement | null>; error?: string; file: File | null; onChange: (f: File | null) => void }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const hint = t('import.fileHint');
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {t('import.file')}
      </label>
      <span className="form-hint" id={`${id}-hint`}>
        {hint}
      </span>
      {error ? (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">{tc('common.errorPrefix')} </span>
          {error}
        </span>
      ) : null}
      <input
        ref={inputRef}
        id={id}
        type="file"
        accept=".csv,text/csv,text/plain"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
      />
      {file ? <p className="form-hint">{t('import.fileChosen', { name: file.name, kb: Math.max(1, Math.round(file.size / 1024)) })}</p> : null}
    </div>
  );
}

function ImportRunView({ id, focusOnLoad }: { id: string; focusOnLoad: boolean }) {
  const { t } = useTranslation('admin');
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: adminKeys.importRun(id),
    queryFn: ({ signal }) => api.get<ImportRun>(`/api/imports/${id}`, { signal }),
    refetchInterval: (q) => (q.state.data && FINISHED.includes(q.state.data.status) ? false : POLL_MS),
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
  const run = query.data;
  const finished = run ? FINISHED.includes(run.status) : false;
  const heading = useRef<HTMLHeadingElement>(null);
  const shownResult = useRef(false);
  useEffect(() => {
    if (focusOnLoad) heading.current?.focus();
  }, [focusOnLoad]);
  useEffect(() => {
    if (!finished || shownResult.current) return;
    shownResult.current = true;
    void qc.invalidateQueries({ queryKey: adminKeys.imports });
    // A run the user just started: move focus to its result (an old report already has it).
    if (!focusOnLoad) heading.current?.focus();
  }, [finished, focusOnLoad, qc]);

  return (
    <section className="tidlig-section" aria-labelledby="import-run-heading">
      <h2 id="import-run-heading" ref={heading} tabIndex={-1} className="tidlig-admin-focus-target">
        {finished ? t('import.resultHeading') : t('import.runningHeading')}
      </h2>
      {run ? <p>{t('import.runFor', { kind: t(`import.kinds.${run.kind}.label`), file: run.fileName ?? t('import.noFileName') })}</p> : null}
      {query.isError ? (
        <Notice variant="error" live="assertive">
          {errorText(query.error)}
        </Notice>
      ) : null}
      {!run || !finished ? (
        <ImportProgress
          id="import-progress"
          phase={run?.progress?.phase ?? null}
          processed={run?.progress?.processed ?? 0}
          total={run?.progress?.total ?? run?.rowsTotal ?? 0}
        />
      ) : (
        <ImportResult run={run} />
      )}
    </section>
  );
}

function ImportResult({ run }: { run: ImportRun }) {
  const { t } = useTranslation('admin');
  const errorRows = run.report.filter((r) => r.status === 'error');
  if (run.status === 'applied') {
    return (
      <Notice variant="success" heading={t('import.appliedHeading')} headingLevel={3}>
        {t('import.appliedText', { count: run.rowsOk })}
      </Notice>
    );
  }
  if (run.status === 'validated') {
    return (
      <Notice variant="success" heading={t('import.validatedHeading')} headingLevel={3}>
        {t('import.validatedText', { count: run.rowsOk })}
      </Notice>
    );
  }
  if (run.status === 'failed') {
    return (
      <Notice variant="error" heading={t('import.failedHeading')} headingLevel={3}>
        {t('import.failedText')}
      </Notice>
    );
  }
  // rejected: nothing changed; list the rows with errors.
  const columns: Column<ImportReportRow>[] = [
    { key: 'row', header: t('import.row'), rowHeader: true, cell: (r) => (r.row === 0 ? t('import.wholeFile') : r.row), className: 'tidlig-nowrap' },
    {
      key: 'messages',
      header: t('import.problems'),
      cell: (r) =>
        r.messages.length === 1 ? (
          r.messages[0]
        ) : (
          <ul className="tidlig-admin-messages">
            {r.messages.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        ),
    },
  ];
  return (
    <>
      <div className="alert alert-error" id="import-rejected">
        <Icon name="error" label={t('translation:common.error')} className="alert-icon" />
        <div className="alert-body">
          <h3 className="alert-heading">{t('import.rejectedHeading')}</h3>
          <p className="alert-text">
            {t('import.rejectedText', { count: run.rowsFailed || errorRows.length, total: run.rowsTotal })}{' '}
            <a href="#import-errors-table" className="function-link">
              {t('import.seeRows')}
            </a>
          </p>
        </div>
      </div>
      <div id="import-errors-table" className="mt-5">
        <p>{t('import.rowHint')}</p>
        <DataTable caption={t('import.errorsCaption')} columns={columns} rows={errorRows} rowKey={(r) => `${r.row}`} />
      </div>
    </>
  );
}

const STATUS_VARIANT: Record<ImportStatus, 'info' | 'success' | 'warning' | 'error'> = {
  running: 'info',
  applied: 'success',
  validated: 'success',
  rejected: 'error',
  failed: 'error',
};

function ImportHistory({ onShow, currentId }: { onShow: (id: string) => void; currentId: string | null }) {
  const { t } = useTranslation('admin');
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: adminKeys.importsPage(page),
    queryFn: ({ signal }) => api.get<ImportsPage>('/api/imports', { signal, query: { page, pageSize: HISTORY_PAGE_SIZE } }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const data = query.data;
  const columns: Column<ImportSummary>[] = [
    { key: 'time', header: t('import.time'), rowHeader: true, cell: (r) => formatDateTime(r.createdAt), className: 'tidlig-nowrap' },
    { key: 'kind', header: t('import.kind'), cell: (r) => t(`import.kinds.${r.kind}.label`) },
    { key: 'file', header: t('import.fileName'), cell: (r) => <span className="tidlig-admin-break">{r.fileName ?? t('import.noFileName')}</span> },
    { key: 'status', header: t('import.status'), cell: (r) => <Badge variant={STATUS_VARIANT[r.status]}>{t(`import.statuses.${r.status}`)}</Badge> },
    { key: 'rows', header: t('import.rows'), cell: (r) => t('import.rowCounts', { total: r.rowsTotal, ok: r.rowsOk, failed: r.rowsFailed }) },
    {
      key: 'actions',
      header: <span className="sr-only">{t('org.actions')}</span>,
      cell: (r) =>
        r.id === currentId ? (
          <span className="tidlig-admin-muted">{t('import.shownAbove')}</span>
        ) : (
          <button type="button" className="button button-tertiary tidlig-admin-row-button" onClick={() => onShow(r.id)}>
            {t('import.showReport')}
            <span className="sr-only"> {t('import.reportFor', { file: r.fileName ?? t('import.noFileName'), time: formatDateTime(r.createdAt) })}</span>
          </button>
        ),
    },
  ];
  return (
    <section className="tidlig-section" aria-labelledby="import-history-heading">
      <h2 id="import-history-heading">{t('import.historyHeading')}</h2>
      {query.isError ? (
        <Notice variant="error" live="assertive">
          {errorText(query.error)}
        </Notice>
      ) : null}
      <DataTable
        caption={t('import.historyCaption')}
        captionHidden
        columns={columns}
        rows={data?.items}
        rowKey={(r) => r.id}
        loading={query.isPending}
        empty={query.isSuccess ? t('import.historyEmpty') : undefined}
      />
      {data ? <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPageChange={setPage} label={t('import.historyPagination')} /> : null}
    </section>
  );
}
