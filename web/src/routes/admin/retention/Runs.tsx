// "Kør nu" and the latest runs. A run deletes for good, so it asks first, in plain words, with
// what a run today would remove under the SAVED settings (not the unsaved ones in the form).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { Dialog } from '../../../components/Dialog.tsx';
import { formatDateTime } from '../../../components/format.ts';
import { Notice } from '../../../components/Notice.tsx';
import { Loading } from '../../../components/Spinner.tsx';
import { errorText } from '../../../i18n/index.ts';
import { COUNT_KEYS, previewQuery, retentionKeys, startRun, type RetentionRun, type RetentionSettings } from './api.ts';
import { CountsTable, useCountsSentence } from './Counts.tsx';
import { formatAsOf, formatCount } from './format.ts';

export function RunsSection({ base, unsaved }: { base: RetentionSettings; unsaved: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const sentence = useCountsSentence(true);
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<RetentionRun | null>(null);
  const run = useMutation({
    mutationFn: startRun,
    onSuccess: async (r) => {
      setOpen(false);
      setDone(r);
      await qc.invalidateQueries({ queryKey: retentionKeys.all });
    },
  });

  const columns: Column<RetentionRun>[] = [
    { key: 'startedAt', header: t('retention.runs.started'), rowHeader: true, cell: (r) => formatDateTime(r.startedAt) },
    { key: 'finishedAt', header: t('retention.runs.finished'), cell: (r) => (r.finishedAt ? formatDateTime(r.finishedAt) : t('retention.runs.running')) },
    { key: 'trigger', header: t('retention.runs.trigger'), cell: (r) => t(`retention.runs.triggers.${r.trigger}`) },
    ...COUNT_KEYS.map((k) => ({ key: k, header: t(`retention.runs.columns.${k}`), className: 'align-text-right', cell: (r: RetentionRun) => formatCount(r.counts[k]) })),
  ];

  return (
    <section className="tidlig-section" aria-labelledby="retention-runs-heading">
      <h2 id="retention-runs-heading">{t('retention.runs.heading')}</h2>
      <p>{t('retention.runs.intro')}</p>
      <div className="tidlig-admin-actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            run.reset();
            setDone(null);
            setOpen(true);
          }}
        >
          {t('retention.run.button')}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {done ? (
          <Notice variant="success" className="mt-5">
            {t('retention.run.done', { counts: sentence(done.counts) })}
          </Notice>
        ) : null}
      </div>
      <DataTable caption={t('retention.runs.caption')} columns={columns} rows={base.runs} rowKey={(r) => r.id} empty={t('retention.runs.empty')} compact />
      <RunDialog open={open} onClose={() => setOpen(false)} base={base} unsaved={unsaved} onConfirm={() => run.mutate()} busy={run.isPending} error={run.isError ? run.error : null} />
    </section>
  );
}

interface RunDialogProps {
  open: boolean;
  onClose: () => void;
  base: RetentionSettings;
  unsaved: boolean;
  onConfirm: () => void;
  busy: boolean;
  error: unknown;
}

function RunDialog({ open, onClose, base, unsaved, onConfirm, busy, error }: RunDialogProps) {
  const { t } = useTranslation();
  const preview = useQuery({ ...previewQuery(base.settings), enabled: open, staleTime: 0 });
  // Deleting is the one thing not to do by accident: the safe choice has focus first.
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      initialFocus={cancelRef}
      open={open}
      onClose={onClose}
      role="alertdialog"
      id="retention-run-dialog"
      title={t('retention.run.dialogTitle')}
      footer={
        <>
          <button type="button" className="button button-primary" onClick={onConfirm} disabled={busy} aria-disabled={busy || undefined}>
            {t('retention.run.confirm')}
          </button>
          <button ref={cancelRef} type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <p>
        <strong>{t('retention.run.warning')}</strong>
      </p>
      {unsaved ? (
        <Notice variant="warning" headingLevel={3}>
          {t('retention.run.unsaved')}
        </Notice>
      ) : null}
      {preview.isPending ? <Loading text={t('retention.preview.loading')} /> : null}
      {preview.isError ? <Notice variant="error">{errorText(preview.error)}</Notice> : null}
      {preview.data ? <CountsTable caption={t('retention.run.caption', { date: formatAsOf(preview.data.asOf) })} counts={preview.data.counts} /> : null}
      {busy ? <Loading text={t('retention.run.running')} /> : null}
      <div aria-live="assertive">{error ? <Notice variant="error">{errorText(error)}</Notice> : null}</div>
    </Dialog>
  );
}
