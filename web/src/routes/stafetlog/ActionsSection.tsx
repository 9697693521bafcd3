// Actions (S4): what is to be done, by whom (a participant or the family) and by when, and its
// status. An overdue action is marked with an icon and the word "Overskredet" — not colour
// alone. New actions are appends; a changed text, due date or status is a PATCH with If-Match
// on the action's own version.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { LogAction } from '../../api/stafetlog.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary.tsx';
import { formatDayShort } from '../../components/format.ts';
import { SelectField, TextareaField, TextField } from '../../components/FormField.tsx';
import { Icon } from '../../components/Icon.tsx';
import { check } from '../admin/forms.ts';
import { DialogButtons, RowButton } from '../admin/widgets.tsx';
import { useStafetlogLabels } from './labels.ts';
import { useLogPage, useLogWrite, useWriteErrorText } from './logWrite.tsx';

type ActionPatch = { action: LogAction; text?: string; dueDate?: string; status?: LogAction['status'] };

export function OverdueBadge() {
  const { t } = useTranslation('stafetlog');
  return (
    <span className="tidlig-stafetlog-overdue">
      <Icon name="warning" />
      {t('actions.overdue')}
    </span>
  );
}

export function ActionsSection() {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const { log } = useLogPage();
  const writeError = useWriteErrorText();
  const [dialog, setDialog] = useState<{ action: LogAction | null } | null>(null);
  const canWrite = log.status === 'open' && log.me.canWrite;
  const goalText = new Map(log.goals.map((g) => [g.id, g.text]));
  const patch = useLogWrite(
    (l, p: ActionPatch) => api.patch(`/api/stafetlogs/${l.id}/actions/${p.action.id}`, { status: p.status }, { version: p.action.version }),
    { done: (p) => t('actions.statusSaved', { text: p.action.text, status: labels.actionStatus(p.status ?? p.action.status) }), focusFallback: 'log-actions-heading' },
  );
  const rows = [...log.actions].sort((a, b) => Number(a.status !== 'open') - Number(b.status !== 'open') || a.dueDate.localeCompare(b.dueDate));

  const columns: Column<LogAction>[] = [
    { key: 'text', header: t('actions.text'), rowHeader: true, cell: (a) => <span className="tidlig-stafetlog-pre">{a.text}</span> },
    { key: 'goal', header: t('actions.goal'), cell: (a) => (a.goalId ? (goalText.get(a.goalId) ?? '') : '–') },
    { key: 'owner', header: t('actions.owner'), cell: (a) => (a.owner.kind === 'family' ? t('actions.family') : (a.owner.name ?? '')) },
    {
      key: 'due',
      header: t('actions.dueDate'),
      cell: (a) => (
        <>
          <span className="tidlig-nowrap">{formatDayShort(a.dueDate)}</span>
          {a.overdue && a.status === 'open' ? (
            <>
              {' '}
              <OverdueBadge />
            </>
          ) : null}
        </>
      ),
    },
    { key: 'status', header: t('actions.statusHeader'), cell: (a) => labels.actionStatus(a.status) },
  ];
  if (canWrite) {
    columns.push({
      key: 'actions',
      header: <span className="sr-only">{t('actions.actions')}</span>,
      cell: (a) => (
        <span className="tidlig-stafetlog-row-actions">
          {a.status === 'open' ? (
            <>
              <RowButton label={t('actions.markDone')} target={a.text} onClick={() => patch.mutate({ action: a, status: 'done' })} />
              <RowButton label={t('actions.cancel')} target={a.text} onClick={() => patch.mutate({ action: a, status: 'cancelled' })} />
            </>
          ) : (
            <RowButton label={t('actions.reopen')} target={a.text} onClick={() => patch.mutate({ action: a, status: 'open' })} />
          )}
          <RowButton label={t('actions.edit')} target={a.text} icon="edit" onClick={() => setDialog({ action: a })} />
        </span>
      ),
    });
  }

  return (
    <section className="tidlig-section" aria-labelledby="log-actions-heading">
      <h2 id="log-actions-heading" tabIndex={-1}>{t('actions.heading')}</h2>
      {patch.isError ? <ErrorSummary errors={[{ message: writeError(patch.error) }]} /> : null}
      <DataTable caption={t('actions.caption')} captionHidden columns={columns} rows={rows} rowKey={(a) => a.id} empty={t('actions.empty')} />
      {canWrite ? (
        <div className="tidlig-admin-actions">
          <button type="button" className="button button-secondary" onClick={() => setDialog({ action: null })} aria-haspopup="dialog">
            <Icon name="plus" />
            {t('actions.add')}
          </button>
        </div>
      ) : null}
      {dialog ? <ActionDialog existing={dialog.action} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}

function ActionDialog({ existing, onClose }: { existing: LogAction | null; onClose: () => void }) {
  const { t } = useTranslation('stafetlog');
  const { log } = useLogPage();
  const writeError = useWriteErrorText();
  const [text, setText] = useState(existing?.text ?? '');
  const [goalId, setGoalId] = useState(existing?.goalId ?? '');
  const [owner, setOwner] = useState(existing ? (existing.owner.kind === 'family' ? 'family' : (existing.owner.userId ?? '')) : '');
  const [dueDate, setDueDate] = useState(existing?.dueDate ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useLogWrite(
    (l, body: Record<string, unknown>) => {
      if (!existing) return api.post(`/api/stafetlogs/${l.id}/actions`, body);
      const current = l.actions.find((a) => a.id === existing.id) ?? existing;
      return api.patch(`/api/stafetlogs/${l.id}/actions/${existing.id}`, body, { version: current.version });
    },
    { done: existing ? t('actions.saved') : t('actions.added'), onSuccess: onClose, focusFallback: 'log-actions-heading' },
  );
  const owners = [
    ...log.participants.filter((p) => p.active).map((p) => ({ value: p.userId, label: p.name })),
    { value: 'family', label: t('actions.family') },
  ];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!text.trim()) next.text = t('actions.textRequired');
    if (!existing && !owner) next.owner = t('actions.ownerRequired');
    if (!check.day(dueDate)) next.dueDate = t('actions.dueRequired');
    setErrors(next);
    if (Object.keys(next).length) {
      document.getElementById(`action-${Object.keys(next)[0]}`)?.focus();
      return;
    }
    if (existing) {
      const changed = { ...(text.trim() !== existing.text ? { text: text.trim() } : {}), ...(dueDate !== existing.dueDate ? { dueDate } : {}) };
      if (Object.keys(changed).length) save.mutate(changed);
      else onClose();
    } else {
      save.mutate({
        text: text.trim(),
        dueDate,
        ...(goalId ? { goalId } : {}),
        owner: owner === 'family' ? { kind: 'family' } : { kind: 'user', userId: owner },
      });
    }
  };
  const summary: SummaryError[] = [
    ...Object.entries(errors).map(([k, message]) => ({ fieldId: `action-${k}`, message })),
    ...(save.isError ? [{ message: writeError(save.error) }] : []),
  ];

  return (
    <Dialog
      open
      onClose={onClose}
      title={existing ? t('actions.editTitle') : t('actions.addTitle')}
      footer={<DialogButtons formId="action-form" submit={existing ? t('common.save') : t('actions.addSubmit')} busy={save.isPending} onCancel={onClose} />}
    >
      <ErrorSummary errors={summary} />
      <form id="action-form" onSubmit={submit} noValidate>
        <TextareaField id="action-text" label={t('actions.text')} value={text} onChange={(e) => setText(e.target.value)} error={errors.text} maxLength={2000} rows={2} required />
        {existing ? null : (
          <>
            <SelectField
              id="action-goal"
              label={t('actions.goalOptional')}
              placeholder={t('actions.noGoal')}
              options={log.goals.filter((g) => g.status === 'active').map((g) => ({ value: g.id, label: g.text.length > 80 ? `${g.text.slice(0, 79)}…` : g.text }))}
              value={goalId}
              onChange={(e) => setGoalId(e.target.value)}
            />
            <SelectField
              id="action-owner"
              label={t('actions.owner')}
              placeholder={t('actions.chooseOwner')}
              options={owners}
              value={owner}
              onChange={(e) => setOwner(e.target.value)}
              error={errors.owner}
              required
            />
          </>
        )}
        <TextField id="action-dueDate" type="date" label={t('actions.dueDate')} value={dueDate} onChange={(e) => setDueDate(e.target.value)} error={errors.dueDate} required />
      </form>
    </Dialog>
  );
}
