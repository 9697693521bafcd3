// The child page's consent panel (S14): every consent for the child, newest first and never
// overwritten — purpose, information types, recipients, the period, who signed (and who has not
// yet, under joint custody), the child's view, and a withdrawal when and by whom. A
// professional registers a consent given on paper and can withdraw one on the parents' behalf;
// the withdrawal ends every participation that relied on it at once (the server does that).
//   <ConsentPanel childId={child.id} childName="Ida" />   (anchor #samtykker)
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { childConsentsQuery, stafetlogKeys, type ConsentView } from '../../api/stafetlog.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { formatDateTime, formatDayShort } from '../../components/format.ts';
import { TextareaField } from '../../components/FormField.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { errorText } from '../../i18n/index.ts';
import { DialogButtons, RowButton } from '../admin/widgets.tsx';
import { useStafetlogLabels } from './labels.ts';
import { PaperConsentDialog } from './PaperConsentDialog.tsx';
import './stafetlog.css';

export function ConsentPanel({ childId, childName }: { childId: string; childName: string }) {
  const may = useCan('consent.register');
  return may ? <Panel childId={childId} childName={childName} /> : null;
}

function Panel({ childId, childName }: { childId: string; childName: string }) {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const query = useQuery(childConsentsQuery(childId));
  const [registering, setRegistering] = useState(false);
  const [withdrawing, setWithdrawing] = useState<ConsentView | null>(null);
  const [status, setStatus] = useState('');

  const columns: Column<ConsentView>[] = [
    {
      key: 'purpose',
      header: t('consent.purpose'),
      rowHeader: true,
      cell: (c) => (
        <>
          {labels.purpose(c.purpose)}
          {c.purposeText ? <span className="d-block tidlig-stafetlog-muted tidlig-stafetlog-pre">{c.purposeText}</span> : null}
        </>
      ),
    },
    { key: 'recipients', header: t('consent.recipients'), cell: (c) => <List items={c.recipients.map(labels.recipient)} /> },
    { key: 'types', header: t('consent.informationTypesHeader'), cell: (c) => <List items={c.informationTypes.map(labels.informationType)} /> },
    { key: 'period', header: t('consent.period'), className: 'tidlig-nowrap', cell: (c) => `${formatDayShort(c.validFrom)} – ${formatDayShort(c.validTo)}` },
    {
      key: 'status',
      header: t('consent.statusHeader'),
      cell: (c) => (
        <>
          <strong>{labels.consentStatus(c.status)}</strong>
          {c.missingSigners.length && c.status !== 'withdrawn' ? (
            <span className="d-block">{t('consent.missing', { names: c.missingSigners.map((m) => m.name).join(', ') })}</span>
          ) : null}
          {c.withdrawn ? (
            <span className="d-block">
              {t('consent.withdrawnBy', { at: formatDateTime(c.withdrawn.at), name: c.withdrawn.byName })}
              {c.withdrawn.reason ? `: ${c.withdrawn.reason}` : ''}
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: 'given',
      header: t('consent.given'),
      cell: (c) => (
        <>
          <List items={c.signatures.map((s) => t('consent.signature', { name: s.name, method: t(`consent.methods.${s.method}`, { defaultValue: s.method }), at: formatDayShort(s.signedAt.slice(0, 10)) }))} />
          {c.givenByChild ? <span className="d-block">{t('consent.givenByChild')}</span> : null}
          <span className="d-block tidlig-stafetlog-muted">
            {c.form === 'paper' ? t('consent.paperBy', { name: c.registeredBy.name }) : t('consent.digital')}
          </span>
          {c.childView ? <span className="d-block">{t('consent.childView', { text: c.childView })}</span> : null}
        </>
      ),
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('consent.actions')}</span>,
      cell: (c) =>
        c.status === 'withdrawn' || c.status === 'expired' ? null : (
          <RowButton label={t('consent.withdraw')} target={t('consent.withdrawTarget', { purpose: labels.purpose(c.purpose) })} onClick={() => setWithdrawing(c)} />
        ),
    },
  ];

  return (
    <section className="tidlig-section" aria-labelledby="child-consents-heading" id="samtykker">
      <h2 id="child-consents-heading" tabIndex={-1}>
        {t('consent.heading')}
      </h2>
      <p>{t('consent.intro')}</p>
      <div role="status" aria-live="polite" aria-atomic="true">
        {status ? <Notice variant="success">{status}</Notice> : null}
      </div>
      {query.isPending ? (
        <Loading text={t('consent.loading')} />
      ) : query.isError ? (
        <Notice variant="error">{errorText(query.error)}</Notice>
      ) : (
        <>
          <Rules rules={query.data.rules} />
          <DataTable
            caption={t('consent.caption', { name: childName })}
            captionHidden
            columns={columns}
            rows={[...query.data.consents].sort((a, b) => b.createdAt.localeCompare(a.createdAt))}
            rowKey={(c) => c.id}
            empty={t('consent.empty')}
          />
          <div className="tidlig-admin-actions">
            <button type="button" className="button button-secondary" onClick={() => setRegistering(true)} aria-haspopup="dialog">
              <Icon name="add-document" />
              {t('consent.register')}
            </button>
          </div>
          {registering ? (
            <PaperConsentDialog
              childId={childId}
              childName={childName}
              data={query.data}
              onClose={() => setRegistering(false)}
              onSaved={(c) => {
                setRegistering(false);
                setStatus(t('consent.registered', { purpose: labels.purpose(c.purpose) }));
              }}
            />
          ) : null}
        </>
      )}
      {withdrawing ? (
        <WithdrawDialog
          consent={withdrawing}
          childId={childId}
          onClose={() => setWithdrawing(null)}
          onDone={() => {
            setWithdrawing(null);
            setStatus(t('consent.withdrawnDone'));
            window.setTimeout(() => document.getElementById('child-consents-heading')?.focus(), 60);
          }}
        />
      ) : null}
    </section>
  );
}

function List({ items }: { items: string[] }) {
  if (items.length === 1) return <>{items[0]}</>;
  return (
    <ul className="tidlig-stafetlog-cell-list">
      {items.map((i, n) => (
        <li key={`${n}-${i}`}>{i}</li>
      ))}
    </ul>
  );
}

function Rules({ rules }: { rules: { jointCustodyRule: 'both' | 'one'; oneHolderPurposes: string[]; ownConsentAge: number | null; childAge: number } }) {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  return (
    <ul className="tidlig-stafetlog-rules">
      <li>
        {rules.jointCustodyRule === 'both' || !rules.oneHolderPurposes.length
          ? t('consent.rules.both')
          : t('consent.rules.one', { purposes: rules.oneHolderPurposes.map(labels.purpose).join(', ') })}
      </li>
      <li>{rules.ownConsentAge === null ? t('consent.rules.noOwnConsent') : t('consent.rules.ownConsent', { age: rules.ownConsentAge })}</li>
      {rules.childAge >= 10 ? <li>{t('consent.rules.heard', { age: rules.childAge })}</li> : null}
    </ul>
  );
}

function WithdrawDialog({ consent, childId, onClose, onDone }: { consent: ConsentView; childId: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const withdraw = useMutation({
    mutationFn: (body: { reason?: string }) => api.post<ConsentView>(`/api/consents/${consent.id}/withdraw`, body),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: stafetlogKeys.consents(childId) });
      // Participants who relied on it are gone from the log at once: refresh what shows them.
      void qc.invalidateQueries({ queryKey: stafetlogKeys.all });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    withdraw.mutate(reason.trim() ? { reason: reason.trim() } : {});
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('consent.withdrawTitle', { purpose: labels.purpose(consent.purpose) })}
      initialFocus={reasonRef}
      footer={<DialogButtons formId="withdraw-consent-form" submit={t('consent.withdrawSubmit')} busy={withdraw.isPending} onCancel={onClose} />}
    >
      {withdraw.isError ? <ErrorSummary errors={[{ message: errorText(withdraw.error) }]} /> : null}
      <p className="mt-0">{t('consent.withdrawText')}</p>
      <form id="withdraw-consent-form" onSubmit={submit} noValidate>
        <TextareaField ref={reasonRef} id="withdraw-reason" label={t('consent.withdrawReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} rows={3} />
      </form>
    </Dialog>
  );
}
