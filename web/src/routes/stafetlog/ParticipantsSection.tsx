// Who takes part, and on which basis (S14: every disclosure stores the consent it relied on,
// or the legal basis). The stafetholder adds a professional found in the directory; the server
// refuses one that no consent covers (403 consent.required, audited) and the dialog says so in
// plain Danish, with the way forward: register the parents' consent on the child's page, or
// name a legal basis. Adding and removing change the log: If-Match on its version.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { LEGAL_BASIS_CODES, type DirectoryPerson, type LogParticipant } from '../../api/stafetlog.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { formatDateTime, formatDayShort } from '../../components/format.ts';
import { SelectField } from '../../components/FormField.tsx';
import { Icon } from '../../components/Icon.tsx';
import { DialogButtons, RowButton } from '../admin/widgets.tsx';
import { useStafetlogLabels } from './labels.ts';
import { ConsentLink, useLogPage, useLogWrite, useWriteErrorText } from './logWrite.tsx';
import { PersonSearch } from './PersonSearch.tsx';

export function ParticipantsSection() {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const { log } = useLogPage();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<LogParticipant | null>(null);
  const canManage = log.status === 'open' && log.me.isHolder;
  const rows = [...log.participants].sort((a, b) => Number(b.active) - Number(a.active) || a.joinedAt.localeCompare(b.joinedAt));

  const columns: Column<LogParticipant>[] = [
    { key: 'name', header: t('participants.name'), rowHeader: true, cell: (p) => p.name },
    { key: 'profession', header: t('participants.profession'), cell: (p) => labels.profession(p.profession) },
    { key: 'part', header: t('participants.part'), cell: (p) => labels.part(p.part) },
    { key: 'basis', header: t('participants.basis'), cell: (p) => labels.basis(p) },
    { key: 'joined', header: t('participants.joined'), className: 'tidlig-nowrap', cell: (p) => formatDayShort(p.joinedAt.slice(0, 10)) },
    {
      key: 'status',
      header: t('participants.status'),
      cell: (p) => (p.active ? t('participants.active') : t('participants.inactive', { at: formatDateTime(p.leftAt), reason: labels.leftReason(p.leftReason) })),
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: <span className="sr-only">{t('participants.actions')}</span>,
      cell: (p) =>
        p.active && p.part !== 'stafetholder' ? <RowButton label={t('participants.remove')} target={p.name} icon="delete" onClick={() => setRemoving(p)} /> : null,
    });
  }

  return (
    <section className="tidlig-section" aria-labelledby="log-participants-heading">
      <h2 id="log-participants-heading" tabIndex={-1}>{t('participants.heading')}</h2>
      <DataTable caption={t('participants.caption')} captionHidden columns={columns} rows={rows} rowKey={(p) => p.id} />
      {canManage ? (
        <div className="tidlig-admin-actions">
          <button type="button" className="button button-secondary" onClick={() => setAdding(true)} aria-haspopup="dialog">
            <Icon name="plus" />
            {t('participants.add')}
          </button>
        </div>
      ) : null}
      {adding ? <AddParticipantDialog onClose={() => setAdding(false)} /> : null}
      {removing ? <RemoveParticipantDialog participant={removing} onClose={() => setRemoving(null)} /> : null}
    </section>
  );
}

function AddParticipantDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const { log } = useLogPage();
  const writeError = useWriteErrorText();
  const [person, setPerson] = useState<DirectoryPerson | null>(null);
  const [legalBasis, setLegalBasis] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const add = useLogWrite(
    (l, body: { userId: string; legalBasis?: string }) => api.post(`/api/stafetlogs/${l.id}/participants`, body, { version: l.version }),
    { done: () => t('participants.added', { name: person?.name ?? '' }), onSuccess: onClose },
  );
  const consentMissing = add.error instanceof ApiError && add.error.code === 'consent.required';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!person) {
      setFieldError(t('participants.pickPerson'));
      document.getElementById('add-participant-search')?.focus();
      return;
    }
    setFieldError(null);
    add.mutate({ userId: person.userId, ...(legalBasis ? { legalBasis } : {}) });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('participants.addTitle')}
      id="add-participant-dialog"
      footer={<DialogButtons formId="add-participant-form" submit={t('participants.addSubmit')} busy={add.isPending} onCancel={onClose} />}
    >
      <p className="mt-0">{t('participants.addIntro')}</p>
      {add.isError ? (
        <ErrorSummary
          heading={consentMissing ? t('participants.consentMissingHeading') : undefined}
          errors={[{ message: writeError(add.error) }]}
        />
      ) : null}
      {consentMissing ? (
        <ConsentLink log={log} />
      ) : null}
      <form id="add-participant-form" onSubmit={submit} noValidate>
        <PersonSearch
          id="add-participant-search"
          value={person}
          onChange={(p) => {
            setPerson(p);
            add.reset();
          }}
          exclude={log.participants.filter((p) => p.active).map((p) => p.userId)}
          error={fieldError}
        />
        <SelectField
          id="add-participant-basis"
          label={t('participants.legalBasis')}
          hint={t('participants.legalBasisHint')}
          options={[{ value: '', label: t('participants.noLegalBasis') }, ...LEGAL_BASIS_CODES.map((c) => ({ value: c, label: labels.legalBasis(c) }))]}
          value={legalBasis}
          onChange={(e) => setLegalBasis(e.target.value)}
        />
      </form>
    </Dialog>
  );
}

function RemoveParticipantDialog({ participant, onClose }: { participant: LogParticipant; onClose: () => void }) {
  const { t } = useTranslation('stafetlog');
  const writeError = useWriteErrorText();
  const remove = useLogWrite((l) => api.delete(`/api/stafetlogs/${l.id}/participants/${participant.id}`, { version: l.version }), {
    done: t('participants.removed', { name: participant.name }),
    onSuccess: onClose,
    focusFallback: 'log-participants-heading',
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('participants.removeTitle', { name: participant.name })}
      footer={
        <>
          <button type="button" className="button button-primary" onClick={() => remove.mutate(undefined)} disabled={remove.isPending}>
            {t('participants.removeConfirm')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('translation:common.cancel')}
          </button>
        </>
      }
    >
      {remove.isError ? <ErrorSummary errors={[{ message: writeError(remove.error) }]} /> : null}
      <p className="mt-0">{t('participants.removeText', { name: participant.name })}</p>
    </Dialog>
  );
}
