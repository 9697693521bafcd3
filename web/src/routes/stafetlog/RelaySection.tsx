// The relay (S4, issue 5 item 3): at a transition the stafetholder hands the log to the next
// professional or institution; the receiver accepts or declines; the sender sees the answer
// (a receipt). Consent must cover the receiver — the server refuses otherwise (consent.required)
// and the dialog says so. Handing over changes the log: If-Match on its version.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { LEGAL_BASIS_CODES, type DirectoryPerson, type LogRelay, type RelayBody } from '../../api/stafetlog.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { formatDateTime } from '../../components/format.ts';
import { SelectField, TextareaField } from '../../components/FormField.tsx';
import { Icon } from '../../components/Icon.tsx';
import type * as org from '../../../../src/modules/organisation/schema.ts';
import { DialogButtons, RadioGroup, RowButton } from '../admin/widgets.tsx';
import { useStafetlogLabels } from './labels.ts';
import { ConsentLink, useLogPage, useLogWrite, useWriteErrorText } from './logWrite.tsx';
import { PersonSearch } from './PersonSearch.tsx';
import { RelayAnswerDialog } from './RelayAnswerDialog.tsx';

type OrgTree = z.infer<typeof org.orgTree>;

export function RelaySection() {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const { log, announce } = useLogPage();
  const me = useMe();
  const writeError = useWriteErrorText();
  const [relaying, setRelaying] = useState(false);
  const [answering, setAnswering] = useState<{ relay: LogRelay; answer: 'accept' | 'decline' } | null>(null);
  const pending = log.relays.find((r) => r.status === 'pending');
  const canRelay = log.status === 'open' && log.me.isHolder && !pending;
  const cancel = useLogWrite((_, relay: LogRelay) => api.post(`/api/stafetlog-relays/${relay.id}/cancel`, {}), {
    done: t('relay.cancelled'),
    focusFallback: 'log-relay-heading',
  });
  const rows = [...log.relays].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  const columns: Column<LogRelay>[] = [
    { key: 'to', header: t('relay.to'), rowHeader: true, cell: (r) => (r.to.kind === 'institution' ? t('relay.toInstitution', { name: r.to.name }) : r.to.name) },
    { key: 'from', header: t('relay.from'), cell: (r) => r.from.name },
    { key: 'sent', header: t('relay.sent'), className: 'tidlig-nowrap', cell: (r) => formatDateTime(r.createdAt) },
    { key: 'message', header: t('relay.message'), cell: (r) => <span className="tidlig-stafetlog-pre">{r.message ?? ''}</span> },
    {
      key: 'status',
      header: t('relay.statusHeader'),
      cell: (r) => (
        <>
          {labels.relayStatus(r.status)}
          {r.answeredAt ? <span className="d-block tidlig-stafetlog-muted">{formatDateTime(r.answeredAt)}</span> : null}
          {r.answerNote ? <span className="d-block tidlig-stafetlog-pre">{r.answerNote}</span> : null}
        </>
      ),
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('relay.actions')}</span>,
      cell: (r) =>
        r.status !== 'pending' ? null : (
          <span className="tidlig-stafetlog-row-actions">
            {r.canAnswer ? (
              <>
                <RowButton label={t('relay.accept')} target={t('relay.fromTarget', { name: r.from.name })} onClick={() => setAnswering({ relay: r, answer: 'accept' })} />
                <RowButton label={t('relay.decline')} target={t('relay.fromTarget', { name: r.from.name })} onClick={() => setAnswering({ relay: r, answer: 'decline' })} />
              </>
            ) : null}
            {r.from.userId === me.user.id ? <RowButton label={t('relay.cancel')} target={t('relay.toTarget', { name: r.to.name })} onClick={() => cancel.mutate(r)} /> : null}
          </span>
        ),
    },
  ];

  if (!rows.length && !canRelay) return null;
  return (
    <section className="tidlig-section" aria-labelledby="log-relay-heading">
      <h2 id="log-relay-heading" tabIndex={-1}>
        {t('relay.heading')}
      </h2>
      <p>{t('relay.intro')}</p>
      {cancel.isError ? <ErrorSummary errors={[{ message: writeError(cancel.error) }]} /> : null}
      <DataTable caption={t('relay.caption')} captionHidden columns={columns} rows={rows} rowKey={(r) => r.id} empty={t('relay.empty')} />
      {canRelay ? (
        <div className="tidlig-admin-actions">
          <button type="button" className="button button-secondary" onClick={() => setRelaying(true)} aria-haspopup="dialog">
            <Icon name="arrow-forward" />
            {t('relay.start')}
          </button>
        </div>
      ) : null}
      {relaying ? <RelayDialog onClose={() => setRelaying(false)} /> : null}
      {answering ? (
        <RelayAnswerDialog
          relayId={answering.relay.id}
          answer={answering.answer}
          childName={log.child.firstName}
          fromName={answering.relay.from.name}
          onClose={() => setAnswering(null)}
          onAnswered={() => {
            announce(answering.answer === 'accept' ? t('relay.accepted') : t('relay.declined'));
            setAnswering(null);
            window.setTimeout(() => document.getElementById('log-relay-heading')?.focus(), 60);
          }}
        />
      ) : null}
    </section>
  );
}

function RelayDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const { log } = useLogPage();
  const writeError = useWriteErrorText();
  const [target, setTarget] = useState<'user' | 'institution'>('user');
  const [person, setPerson] = useState<DirectoryPerson | null>(null);
  const [institutionId, setInstitutionId] = useState('');
  const [message, setMessage] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const tree = useQuery({
    queryKey: ['org', 'tree'],
    queryFn: ({ signal }) => api.get<OrgTree>('/api/org/tree', { signal }),
    staleTime: 60_000,
    enabled: target === 'institution',
  });
  const institutions = tree.data
    ? [...tree.data.districts.flatMap((d) => d.institutions), ...tree.data.unassigned]
        .map((i) => ({ value: i.id, label: `${i.name} (${t(`translation:institutionTypes.${i.type}`, { defaultValue: i.type })})` }))
        .sort((a, b) => a.label.localeCompare(b.label, 'da'))
    : [];
  const send = useLogWrite((l, body: RelayBody) => api.post(`/api/stafetlogs/${l.id}/relays`, body, { version: l.version }), {
    done: t('relay.sentDone'),
    onSuccess: onClose,
  });
  const consentMissing = send.error instanceof ApiError && send.error.code === 'consent.required';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const to = target === 'user' ? person?.userId : institutionId;
    if (!to) {
      setFieldError(target === 'user' ? t('relay.pickPerson') : t('relay.pickInstitution'));
      document.getElementById(target === 'user' ? 'relay-person' : 'relay-institution')?.focus();
      return;
    }
    setFieldError(null);
    send.mutate({
      ...(target === 'user' ? { toUserId: to } : { toInstitutionId: to }),
      ...(message.trim() ? { message: message.trim() } : {}),
      ...(legalBasis ? { legalBasis } : {}),
    });
  };

  return (
    <Dialog open onClose={onClose} title={t('relay.dialogTitle')} footer={<DialogButtons formId="relay-form" submit={t('relay.submit')} busy={send.isPending} onCancel={onClose} />}>
      <p className="mt-0">{t('relay.dialogIntro')}</p>
      {send.isError ? <ErrorSummary heading={consentMissing ? t('participants.consentMissingHeading') : undefined} errors={[{ message: writeError(send.error) }]} /> : null}
      {consentMissing ? (
        <ConsentLink log={log} />
      ) : null}
      <form id="relay-form" onSubmit={submit} noValidate>
        <RadioGroup
          id="relay-target"
          name="relay-target"
          legend={t('relay.target')}
          options={[
            { value: 'user', label: t('relay.targetUser') },
            { value: 'institution', label: t('relay.targetInstitution') },
          ]}
          value={target}
          onChange={(v) => {
            setTarget(v as 'user' | 'institution');
            setFieldError(null);
          }}
          inline
        />
        {target === 'user' ? (
          <PersonSearch id="relay-person" label={t('relay.person')} value={person} onChange={setPerson} exclude={[log.holder.userId]} error={fieldError} />
        ) : (
          <SelectField
            id="relay-institution"
            label={t('relay.institution')}
            hint={t('relay.institutionHint')}
            placeholder={tree.isPending ? t('translation:common.loading') : t('relay.chooseInstitution')}
            options={institutions}
            value={institutionId}
            onChange={(e) => setInstitutionId(e.target.value)}
            error={fieldError}
          />
        )}
        <TextareaField id="relay-message" label={t('relay.messageLabel')} hint={t('relay.messageHint')} value={message} onChange={(e) => setMessage(e.target.value)} maxLength={4000} rows={4} />
        <SelectField
          id="relay-basis"
          label={t('participants.legalBasis')}
          hint={t('relay.legalBasisHint')}
          options={[{ value: '', label: t('participants.noLegalBasis') }, ...LEGAL_BASIS_CODES.map((c) => ({ value: c, label: labels.legalBasis(c) }))]}
          value={legalBasis}
          onChange={(e) => setLegalBasis(e.target.value)}
        />
      </form>
    </Dialog>
  );
}
