// A move to another municipality (S4): the stafetholder records what is sent to the new
// municipality, and on which basis. Nothing is shared across municipalities — the receiving one
// gets its own copy, sent outside Tidlig — so the record is the proof of what left and why.
// The parents' consent must have the purpose 'overgang' and name that municipality (by its
// code); otherwise the server refuses (403 consent.required, audited) and the dialog says what
// is missing, with the way to the child's consents. Every reader of the log sees the transfers.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { LEGAL_BASIS_CODES, type LogTransfer, type TransferBody } from '../../api/stafetlog.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary.tsx';
import { formatDateTime } from '../../components/format.ts';
import { SelectField, TextareaField, TextField } from '../../components/FormField.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Notice } from '../../components/Notice.tsx';
import { DialogButtons } from '../admin/widgets.tsx';
import { useStafetlogLabels } from './labels.ts';
import { ConsentLink, useLogPage, useLogWrite, useWriteErrorText } from './logWrite.tsx';

const F = 'transfer';
const fid = (k: string) => `${F}-${k}`;

export function TransferSection() {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const { log } = useLogPage();
  const [open, setOpen] = useState(false);
  const canTransfer = log.status === 'open' && log.me.isHolder;
  if (!log.transfers.length && !canTransfer) return null;

  const columns: Column<LogTransfer>[] = [
    { key: 'municipality', header: t('transfer.municipality'), rowHeader: true, cell: (x) => t('transfer.municipalityValue', { name: x.toMunicipality.name, code: x.toMunicipality.code }) },
    { key: 'date', header: t('transfer.date'), className: 'tidlig-nowrap', cell: (x) => formatDateTime(x.createdAt) },
    { key: 'basis', header: t('participants.basis'), cell: (x) => labels.basis(x) },
    { key: 'by', header: t('transfer.by'), cell: (x) => x.createdBy.name },
    { key: 'summary', header: t('transfer.summary'), cell: (x) => <span className="tidlig-stafetlog-pre">{x.summary}</span> },
  ];

  return (
    <section className="tidlig-section" aria-labelledby="log-transfer-heading">
      <h2 id="log-transfer-heading" tabIndex={-1}>
        {t('transfer.heading')}
      </h2>
      <p>{t('transfer.intro')}</p>
      <DataTable caption={t('transfer.caption')} captionHidden columns={columns} rows={log.transfers} rowKey={(x) => x.id} empty={t('transfer.empty')} />
      {canTransfer ? (
        <div className="tidlig-admin-actions">
          <button type="button" className="button button-secondary" onClick={() => setOpen(true)} aria-haspopup="dialog">
            <Icon name="arrow-forward" />
            {t('transfer.start')}
          </button>
        </div>
      ) : null}
      {open ? <TransferDialog onClose={() => setOpen(false)} /> : null}
    </section>
  );
}

function TransferDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const { log } = useLogPage();
  const writeError = useWriteErrorText();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [summary, setSummary] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const send = useLogWrite((l, body: TransferBody) => api.post(`/api/stafetlogs/${l.id}/transfers`, body), {
    done: (body) => t('transfer.done', { name: body.toMunicipalityName }),
    onSuccess: onClose,
  });
  const consentMissing = send.error instanceof ApiError && send.error.code === 'consent.required';
  // What the refusal is about: the municipality as it was sent, not as the fields read now.
  const [sent, setSent] = useState<{ code: string; name: string } | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!/^[0-9]{3}$/.test(code.trim())) next.code = t('transfer.codeInvalid');
    if (!name.trim()) next.name = t('transfer.nameRequired');
    if (!summary.trim()) next.summary = t('transfer.summaryRequired');
    setErrors(next);
    if (Object.keys(next).length) return;
    setSent({ code: code.trim(), name: name.trim() });
    send.mutate({ toMunicipalityCode: code.trim(), toMunicipalityName: name.trim(), summary: summary.trim(), ...(legalBasis ? { legalBasis } : {}) });
  };
  const summaryErrors: SummaryError[] = [
    ...Object.entries(errors).map(([k, message]) => ({ fieldId: fid(k), message })),
    ...(send.isError ? [{ message: writeError(send.error) }] : []),
  ];

  return (
    <Dialog open onClose={onClose} title={t('transfer.dialogTitle')} id="transfer-dialog" footer={<DialogButtons formId={F} submit={t('transfer.submit')} busy={send.isPending} onCancel={onClose} />}>
      <p className="mt-0">{t('transfer.dialogIntro')}</p>
      <Notice variant="info">{t('transfer.consentNote')}</Notice>
      <ErrorSummary heading={consentMissing ? t('participants.consentMissingHeading') : undefined} errors={summaryErrors} />
      {consentMissing && sent ? (
        <>
          <p>{t('transfer.consentMissingText', sent)}</p>
          <ConsentLink log={log} />
        </>
      ) : null}
      <form id={F} onSubmit={submit} noValidate>
        <TextField
          id={fid('code')}
          label={t('transfer.code')}
          hint={t('transfer.codeHint')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={errors.code}
          inputMode="numeric"
          autoComplete="off"
          maxLength={3}
          width="xs"
        />
        <TextField id={fid('name')} label={t('transfer.name')} hint={t('transfer.nameHint')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} maxLength={200} />
        <TextareaField
          id={fid('summary')}
          label={t('transfer.summaryLabel')}
          hint={t('transfer.summaryHint')}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          error={errors.summary}
          maxLength={8000}
          rows={6}
        />
        <SelectField
          id={fid('basis')}
          label={t('participants.legalBasis')}
          hint={t('transfer.legalBasisHint')}
          options={[{ value: '', label: t('participants.noLegalBasis') }, ...LEGAL_BASIS_CODES.map((c) => ({ value: c, label: labels.legalBasis(c) }))]}
          value={legalBasis}
          onChange={(e) => setLegalBasis(e.target.value)}
        />
      </form>
    </Dialog>
  );
}
