// Evaluations on set dates (S4): planned dates, which are overdue (text + icon), and the
// summary once held. Planning is an append; holding one writes its summary (If-Match on the
// evaluation's version) and the server also records it as an 'evaluation' entry.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { LogEvaluation } from '../../api/stafetlog.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { formatDay, formatDayShort, todayInCopenhagen } from '../../components/format.ts';
import { TextareaField, TextField } from '../../components/FormField.tsx';
import { check } from '../admin/forms.ts';
import { DialogButtons, RowButton } from '../admin/widgets.tsx';
import { OverdueBadge } from './ActionsSection.tsx';
import { useLogPage, useLogWrite, useWriteErrorText } from './logWrite.tsx';

export function EvaluationsSection() {
  const { t } = useTranslation('stafetlog');
  const { log } = useLogPage();
  const [holding, setHolding] = useState<LogEvaluation | null>(null);
  const canWrite = log.status === 'open' && log.me.canWrite;
  const today = todayInCopenhagen();
  const rows = [...log.evaluations].sort((a, b) => a.dueDate.localeCompare(b.dueDate));

  const columns: Column<LogEvaluation>[] = [
    { key: 'due', header: t('evaluations.dueDate'), rowHeader: true, className: 'tidlig-nowrap', cell: (ev) => formatDayShort(ev.dueDate) },
    {
      key: 'status',
      header: t('evaluations.statusHeader'),
      cell: (ev) =>
        ev.heldAt ? (
          t('evaluations.held', { at: formatDayShort(ev.heldAt.slice(0, 10)) })
        ) : ev.dueDate < today ? (
          <OverdueBadge />
        ) : (
          t('evaluations.planned')
        ),
    },
    { key: 'summary', header: t('evaluations.summary'), cell: (ev) => <span className="tidlig-stafetlog-pre">{ev.summary ?? ''}</span> },
  ];
  if (canWrite) {
    columns.push({
      key: 'actions',
      header: <span className="sr-only">{t('evaluations.actions')}</span>,
      cell: (ev) => (ev.heldAt ? null : <RowButton label={t('evaluations.hold')} target={formatDay(ev.dueDate)} onClick={() => setHolding(ev)} />),
    });
  }

  return (
    <section className="tidlig-section" aria-labelledby="log-evaluations-heading">
      <h2 id="log-evaluations-heading" tabIndex={-1}>{t('evaluations.heading')}</h2>
      <DataTable caption={t('evaluations.caption')} captionHidden columns={columns} rows={rows} rowKey={(ev) => ev.id} empty={t('evaluations.empty')} />
      {canWrite ? <PlanEvaluationForm /> : null}
      {holding ? <HoldDialog evaluation={holding} onClose={() => setHolding(null)} /> : null}
    </section>
  );
}

function PlanEvaluationForm() {
  const { t } = useTranslation('stafetlog');
  const writeError = useWriteErrorText();
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const plan = useLogWrite((l, body: { dueDate: string }) => api.post(`/api/stafetlogs/${l.id}/evaluations`, body), {
    done: (b) => t('evaluations.planned_done', { date: formatDay(b.dueDate) }),
    onSuccess: () => setDueDate(''),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!check.day(dueDate)) {
      setError(t('evaluations.dateRequired'));
      document.getElementById('plan-evaluation-date')?.focus();
      return;
    }
    setError(null);
    plan.mutate({ dueDate });
  };
  return (
    <form className="tidlig-stafetlog-form tidlig-inline-actions mt-5" onSubmit={submit} noValidate>
      {plan.isError ? <ErrorSummary errors={[{ message: writeError(plan.error) }]} /> : null}
      <TextField id="plan-evaluation-date" type="date" label={t('evaluations.plan')} value={dueDate} onChange={(e) => setDueDate(e.target.value)} error={error} />
      <button type="submit" className="button button-secondary" disabled={plan.isPending}>
        {t('evaluations.planSubmit')}
      </button>
    </form>
  );
}

function HoldDialog({ evaluation, onClose }: { evaluation: LogEvaluation; onClose: () => void }) {
  const { t } = useTranslation('stafetlog');
  const writeError = useWriteErrorText();
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const hold = useLogWrite(
    (l, body: { summary: string }) => {
      const current = l.evaluations.find((ev) => ev.id === evaluation.id) ?? evaluation;
      return api.post(`/api/stafetlogs/${l.id}/evaluations/${evaluation.id}/hold`, body, { version: current.version });
    },
    { done: t('evaluations.heldDone'), onSuccess: onClose, focusFallback: 'log-evaluations-heading' },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!summary.trim()) {
      setError(t('evaluations.summaryRequired'));
      return;
    }
    setError(null);
    hold.mutate({ summary: summary.trim() });
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('evaluations.holdTitle', { date: formatDay(evaluation.dueDate) })}
      footer={<DialogButtons formId="hold-evaluation-form" submit={t('evaluations.holdSubmit')} busy={hold.isPending} onCancel={onClose} />}
    >
      {hold.isError ? <ErrorSummary errors={[{ message: writeError(hold.error) }]} /> : null}
      <form id="hold-evaluation-form" onSubmit={submit} noValidate>
        <TextareaField
          id="hold-evaluation-summary"
          label={t('evaluations.summary')}
          hint={t('evaluations.summaryHint')}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          error={error}
          maxLength={8000}
          rows={6}
        />
      </form>
    </Dialog>
  );
}
