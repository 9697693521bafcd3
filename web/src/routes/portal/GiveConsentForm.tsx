// Give a consent in the portal: what for, which information, to whom (the professionals on
// the child's logs and the child's institutions), for how long, and the child's own view.
// The consent is signed by the parent who is logged in; with joint custody it may wait for
// the other custody holder (the server decides and says so in the answer's status).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useConsentWrite, useRecipients, type ConsentView, type PortalChildDetail } from '../../api/portal.ts';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary.tsx';
import { TextareaField, TextField } from '../../components/FormField.tsx';
import { todayInCopenhagen } from '../../components/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { errorText } from '../../i18n/index.ts';
import { Choices } from './Choices.tsx';
import { addYears, ageInYears, INFORMATION_TYPES, PURPOSES, usePortalLabels } from './labels.ts';

type Field = 'purpose' | 'informationTypes' | 'recipients' | 'validFrom' | 'validTo';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function GiveConsentForm({ detail, onGiven, onCancel }: { detail: PortalChildDetail; onGiven: (c: ConsentView) => void; onCancel: () => void }) {
  const { t } = useTranslation('portal');
  const labels = usePortalLabels();
  const childId = detail.child.id;
  const candidates = useRecipients(childId, true);
  const write = useConsentWrite(childId);
  const today = todayInCopenhagen();
  const [purpose, setPurpose] = useState<string[]>([]);
  const [types, setTypes] = useState<string[]>([]);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [validFrom, setValidFrom] = useState(today);
  const [validTo, setValidTo] = useState(addYears(today, 1));
  const [childView, setChildView] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const list = candidates.data?.candidates ?? [];
  const key = (r: { kind: string; id: string }) => `${r.kind}:${r.id}`;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!purpose.length) found.purpose = t('give.purposeRequired');
    if (!types.length) found.informationTypes = t('give.typesRequired');
    if (!recipients.length) found.recipients = t('give.recipientsRequired');
    if (!DAY.test(validFrom)) found.validFrom = t('give.dateInvalid');
    if (!DAY.test(validTo)) found.validTo = t('give.dateInvalid');
    else if (DAY.test(validFrom) && validTo < validFrom) found.validTo = t('give.toBeforeFrom');
    else if (validTo < today) found.validTo = t('give.toInPast');
    setErrors(found);
    setServerError(null);
    if (Object.keys(found).length) return;
    try {
      const consent = await write.mutateAsync({
        kind: 'give',
        body: {
          purpose: purpose[0] as (typeof PURPOSES)[number],
          informationTypes: types as (typeof INFORMATION_TYPES)[number][],
          recipients: list.filter((c) => recipients.includes(key(c.recipient))).map((c) => c.recipient),
          validFrom,
          validTo,
          ...(childView.trim() ? { childView: childView.trim() } : {}),
        },
      });
      onGiven(consent);
    } catch (err) {
      const problems = err instanceof ApiError ? err.fieldProblems : [];
      setServerError(problems.length ? `${errorText(err)} ${problems.map((p) => p.message).join(' ')}` : errorText(err));
    }
  };

  const summary: SummaryError[] = [
    ...(serverError ? [{ message: serverError }] : []),
    ...(errors.purpose ? [{ fieldId: 'give-purpose-0', message: errors.purpose }] : []),
    ...(errors.informationTypes ? [{ fieldId: 'give-types-0', message: errors.informationTypes }] : []),
    ...(errors.recipients ? [{ fieldId: 'give-recipients-0', message: errors.recipients }] : []),
    ...(errors.validFrom ? [{ fieldId: 'give-from', message: errors.validFrom }] : []),
    ...(errors.validTo ? [{ fieldId: 'give-to', message: errors.validTo }] : []),
  ];

  return (
    <form onSubmit={onSubmit} noValidate className="tidlig-portal-form mt-6" aria-labelledby="give-heading">
      <h3 id="give-heading" ref={headingRef} tabIndex={-1}>
        {t('give.heading')}
      </h3>
      <p>{t('give.intro')}</p>
      <ErrorSummary errors={summary} />
      <Choices
        id="give-purpose"
        type="radio"
        legend={t('give.purpose')}
        options={PURPOSES.map((p) => ({ value: p, label: labels.purpose(p), hint: labels.purposeHelp(p) || undefined }))}
        value={purpose}
        onChange={setPurpose}
        error={errors.purpose}
      />
      <Choices
        id="give-types"
        type="checkbox"
        legend={t('give.types')}
        hint={t('give.typesHint')}
        options={INFORMATION_TYPES.map((i) => ({ value: i, label: labels.informationType(i) }))}
        value={types}
        onChange={setTypes}
        error={errors.informationTypes}
      />
      {candidates.isPending ? <Loading text={t('give.loadingRecipients')} /> : null}
      {candidates.isError ? <Notice variant="error">{errorText(candidates.error)}</Notice> : null}
      {candidates.isSuccess && list.length === 0 ? <Notice variant="info">{t('give.noRecipients')}</Notice> : null}
      {list.length ? (
        <Choices
          id="give-recipients"
          type="checkbox"
          legend={t('give.recipients')}
          hint={t('give.recipientsHint')}
          options={list.map((c) => ({
            value: key(c.recipient),
            label: c.recipient.name,
            hint: c.detail ? labels.profession(c.detail) : c.recipient.kind === 'institution' ? t('give.institution') : undefined,
          }))}
          value={recipients}
          onChange={setRecipients}
          error={errors.recipients}
        />
      ) : null}
      <div className="tidlig-portal-dates">
        <TextField id="give-from" type="date" label={t('give.from')} value={validFrom} onChange={(e) => setValidFrom(e.target.value)} error={errors.validFrom} required />
        <TextField id="give-to" type="date" label={t('give.to')} hint={t('give.toHint')} value={validTo} onChange={(e) => setValidTo(e.target.value)} error={errors.validTo} required />
      </div>
      <TextareaField
        id="give-child-view"
        label={t('give.childView')}
        hint={ageInYears(detail.child.birthDate) >= 10 ? t('give.childViewHintHeard') : t('give.childViewHint')}
        rows={3}
        maxLength={4000}
        value={childView}
        onChange={(e) => setChildView(e.target.value)}
      />
      <p className="mt-6">{t('give.signNote')}</p>
      <div className="tidlig-portal-actions">
        <button type="submit" className="button button-primary" disabled={write.isPending}>
          {write.isPending ? t('give.submitting') : t('give.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
