// The agreed goals (S4): who proposed each (parents may propose goals in the portal), its
// status, and — for those who may write — a new goal, a changed text, or a status change.
// A goal's own version guards its changes (If-Match); a new goal is an append.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { LogGoal } from '../../api/stafetlog.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { formatDayShort } from '../../components/format.ts';
import { TextareaField } from '../../components/FormField.tsx';
import { DialogButtons, RowButton } from '../admin/widgets.tsx';
import { useStafetlogLabels } from './labels.ts';
import { useLogPage, useLogWrite, useWriteErrorText } from './logWrite.tsx';

type GoalPatch = { goal: LogGoal; text?: string; status?: LogGoal['status'] };

export function useGoalPatch(done?: (p: GoalPatch) => string, onSuccess?: () => void) {
  return useLogWrite(
    (l, p: GoalPatch) =>
      api.patch(`/api/stafetlogs/${l.id}/goals/${p.goal.id}`, { ...(p.text !== undefined ? { text: p.text } : {}), ...(p.status ? { status: p.status } : {}) }, { version: p.goal.version }),
    { done, onSuccess, focusFallback: 'log-goals-heading' },
  );
}

export function GoalsSection() {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const { log } = useLogPage();
  const writeError = useWriteErrorText();
  const [editing, setEditing] = useState<LogGoal | null>(null);
  const canWrite = log.status === 'open' && log.me.canWrite;
  const patch = useGoalPatch((p) => t('goals.statusSaved', { text: p.goal.text, status: labels.goalStatus(p.status ?? p.goal.status) }));

  const columns: Column<LogGoal>[] = [
    { key: 'text', header: t('goals.text'), rowHeader: true, cell: (g) => <span className="tidlig-stafetlog-pre">{g.text}</span> },
    { key: 'status', header: t('goals.statusHeader'), cell: (g) => labels.goalStatus(g.status) },
    {
      key: 'by',
      header: t('goals.proposedBy'),
      cell: (g) => (g.proposedBy.kind === 'citizen' ? t('goals.byParent', { name: g.proposedBy.name }) : g.proposedBy.name),
    },
    { key: 'at', header: t('goals.createdAt'), className: 'tidlig-nowrap', cell: (g) => formatDayShort(g.createdAt.slice(0, 10)) },
  ];
  if (canWrite) {
    columns.push({
      key: 'actions',
      header: <span className="sr-only">{t('goals.actions')}</span>,
      cell: (g) => (
        <span className="tidlig-stafetlog-row-actions">
          {g.status === 'active' ? (
            <>
              <RowButton label={t('goals.markAchieved')} target={g.text} onClick={() => patch.mutate({ goal: g, status: 'achieved' })} />
              <RowButton label={t('goals.markDropped')} target={g.text} onClick={() => patch.mutate({ goal: g, status: 'dropped' })} />
            </>
          ) : (
            <RowButton label={t('goals.reopen')} target={g.text} onClick={() => patch.mutate({ goal: g, status: 'active' })} />
          )}
          <RowButton label={t('goals.edit')} target={g.text} icon="edit" onClick={() => setEditing(g)} />
        </span>
      ),
    });
  }

  return (
    <section className="tidlig-section" aria-labelledby="log-goals-heading">
      <h2 id="log-goals-heading" tabIndex={-1}>{t('goals.heading')}</h2>
      {patch.isError ? <ErrorSummary errors={[{ message: writeError(patch.error) }]} /> : null}
      <DataTable caption={t('goals.caption')} captionHidden columns={columns} rows={log.goals} rowKey={(g) => g.id} empty={t('goals.empty')} />
      {canWrite ? <NewGoalForm /> : null}
      {editing ? <EditGoalDialog goal={editing} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}

function NewGoalForm() {
  const { t } = useTranslation('stafetlog');
  const writeError = useWriteErrorText();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = useLogWrite((l, body: { text: string }) => api.post(`/api/stafetlogs/${l.id}/goals`, body), {
    done: t('goals.added'),
    onSuccess: () => setText(''),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setError(t('goals.textRequired'));
      document.getElementById('new-goal-text')?.focus();
      return;
    }
    setError(null);
    add.mutate({ text: text.trim() });
  };
  return (
    <form className="tidlig-stafetlog-form mt-5" onSubmit={submit} noValidate>
      {add.isError ? <ErrorSummary errors={[{ message: writeError(add.error) }]} /> : null}
      <TextareaField id="new-goal-text" label={t('goals.new')} hint={t('goals.newHint')} value={text} onChange={(e) => setText(e.target.value)} error={error} maxLength={2000} rows={2} />
      <button type="submit" className="button button-secondary mt-4" disabled={add.isPending}>
        {t('goals.addSubmit')}
      </button>
    </form>
  );
}

function EditGoalDialog({ goal, onClose }: { goal: LogGoal; onClose: () => void }) {
  const { t } = useTranslation('stafetlog');
  const writeError = useWriteErrorText();
  const { log } = useLogPage();
  const [text, setText] = useState(goal.text);
  const [error, setError] = useState<string | null>(null);
  const save = useGoalPatch(() => t('goals.saved'), onClose);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setError(t('goals.textRequired'));
      return;
    }
    setError(null);
    if (text.trim() === goal.text) {
      onClose();
      return;
    }
    // After a 412 the newest goal (and its version) is in the log: send the edit against it.
    const current = log.goals.find((g) => g.id === goal.id) ?? goal;
    save.mutate({ goal: current, text: text.trim() });
  };
  return (
    <Dialog open onClose={onClose} title={t('goals.editTitle')} footer={<DialogButtons formId="edit-goal-form" submit={t('common.save')} busy={save.isPending} onCancel={onClose} />}>
      {save.isError ? <ErrorSummary errors={[{ message: writeError(save.error) }]} /> : null}
      <form id="edit-goal-form" onSubmit={submit} noValidate>
        <TextareaField id="edit-goal-text" label={t('goals.text')} value={text} onChange={(e) => setText(e.target.value)} error={error} maxLength={2000} rows={3} />
      </form>
    </Dialog>
  );
}
