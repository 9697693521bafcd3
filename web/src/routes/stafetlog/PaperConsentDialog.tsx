// Register a consent given on paper (S14): the professional records what the signed form says —
// purpose, information types, recipients, the period, which custody holders signed — and
// attests to it. The child's own view is recorded (children from 10 are heard); a young
// person's own consent only where the municipality allows it and from its age. The server
// checks again (custody today, the municipality's rules) and keeps the full history.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { CONSENT_PURPOSES, INFORMATION_TYPES, stafetlogKeys, type ChildConsents, type ConsentView, type PaperConsentInput } from '../../api/stafetlog.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary.tsx';
import { todayInCopenhagen } from '../../components/format.ts';
import { CheckboxField, SelectField, TextareaField, TextField } from '../../components/FormField.tsx';
import { errorText } from '../../i18n/index.ts';
import { check } from '../admin/forms.ts';
import { DialogButtons } from '../admin/widgets.tsx';
import { useStafetlogLabels } from './labels.ts';
import { RecipientPicker, type PickedRecipient } from './RecipientPicker.tsx';

const F = 'paper-consent';

/** The same calendar day a year later (29 February → 28 February). */
export function oneYearLater(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function PaperConsentDialog({ childId, childName, data, onClose, onSaved }: { childId: string; childName: string; data: ChildConsents; onClose: () => void; onSaved: (c: ConsentView) => void }) {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const qc = useQueryClient();
  const today = todayInCopenhagen();
  const { rules } = data;
  const holders = data.custodyHolders.filter((h) => h.hasCustody);
  const [purpose, setPurpose] = useState('stafetlog');
  const [purposeText, setPurposeText] = useState('');
  const [types, setTypes] = useState<string[]>(['stafetlog']);
  const [recipients, setRecipients] = useState<PickedRecipient[]>([]);
  const [validFrom, setValidFrom] = useState(today);
  const [validTo, setValidTo] = useState(oneYearLater(today));
  const [signedBy, setSignedBy] = useState<string[]>([]);
  const [attestation, setAttestation] = useState('');
  const [childView, setChildView] = useState('');
  const [givenByChild, setGivenByChild] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const ownConsentPossible = rules.ownConsentAge !== null && rules.childAge >= rules.ownConsentAge;
  const save = useMutation({
    mutationFn: (body: PaperConsentInput) => api.post<ConsentView>(`/api/children/${childId}/consents`, body),
    onSuccess: async (consent) => {
      await qc.invalidateQueries({ queryKey: stafetlogKeys.consents(childId) });
      onSaved(consent);
    },
  });
  const toggle = (list: string[], v: string, on: boolean) => (on ? [...list, v] : list.filter((x) => x !== v));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!purpose) next.purpose = t('consent.form.purposeRequired');
    if (!types.length) next.informationTypes = t('consent.form.typesRequired');
    if (!recipients.length) next.recipients = t('consent.form.recipientsRequired');
    if (!check.day(validFrom)) next.validFrom = t('consent.form.dateRequired');
    if (!check.day(validTo)) next.validTo = t('consent.form.dateRequired');
    else if (check.day(validFrom) && validTo < validFrom) next.validTo = t('consent.form.toBeforeFrom');
    if (!signedBy.length) next.signedBy = t('consent.form.signedByRequired');
    if (!attestation.trim()) next.attestation = t('consent.form.attestationRequired');
    setErrors(next);
    if (Object.keys(next).length) return;
    save.mutate({
      purpose: purpose as PaperConsentInput['purpose'],
      ...(purposeText.trim() ? { purposeText: purposeText.trim() } : {}),
      informationTypes: types as PaperConsentInput['informationTypes'],
      // The server looks names up, except a municipality's (another municipality is not in Tidlig).
      recipients: recipients.map(({ name, ...r }) => (r.kind === 'municipality' ? { ...r, name } : r)) as PaperConsentInput['recipients'],
      validFrom,
      validTo,
      attestation: attestation.trim(),
      signedBy,
      ...(childView.trim() ? { childView: childView.trim() } : {}),
      ...(ownConsentPossible && givenByChild ? { givenByChild: true } : {}),
    });
  };
  const fid = (k: string) => `${F}-${k}`;
  const summary: SummaryError[] = [...Object.entries(errors).map(([k, message]) => ({ fieldId: fid(k), message })), ...(save.isError ? [{ message: errorText(save.error) }] : [])];

  return (
    <Dialog open onClose={onClose} title={t('consent.form.title', { name: childName })} footer={<DialogButtons formId={F} submit={t('consent.form.submit')} busy={save.isPending} onCancel={onClose} />}>
      <p className="mt-0">{t('consent.form.intro')}</p>
      <ErrorSummary errors={summary} />
      <form id={F} onSubmit={submit} noValidate>
        <SelectField
          id={fid('purpose')}
          label={t('consent.form.purpose')}
          options={CONSENT_PURPOSES.map((p) => ({ value: p, label: labels.purpose(p) }))}
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
          error={errors.purpose}
        />
        <TextareaField id={fid('purposeText')} label={t('consent.form.purposeText')} hint={t('consent.form.purposeTextHint')} value={purposeText} onChange={(e) => setPurposeText(e.target.value)} maxLength={2000} rows={2} />

        <div className={`form-group${errors.informationTypes ? ' form-error' : ''}`}>
          <fieldset aria-describedby={errors.informationTypes ? `${fid('informationTypes')}-error` : undefined}>
            <legend className="form-label">{t('consent.form.informationTypes')}</legend>
            {errors.informationTypes ? (
              <span className="form-error-message" id={`${fid('informationTypes')}-error`}>
                <span className="sr-only">{t('translation:common.errorPrefix')} </span>
                {errors.informationTypes}
              </span>
            ) : null}
            {INFORMATION_TYPES.map((it, i) => (
              <div className="form-group-checkbox" key={it}>
                <input
                  type="checkbox"
                  className="form-checkbox"
                  id={i === 0 ? fid('informationTypes') : `${fid('informationTypes')}-${it}`}
                  checked={types.includes(it)}
                  onChange={(e) => setTypes(toggle(types, it, e.target.checked))}
                />
                <label htmlFor={i === 0 ? fid('informationTypes') : `${fid('informationTypes')}-${it}`}>{labels.informationType(it)}</label>
              </div>
            ))}
          </fieldset>
        </div>

        <RecipientPicker id={fid('recipients')} value={recipients} onChange={setRecipients} error={errors.recipients} />

        <div className="tidlig-admin-row">
          <TextField id={fid('validFrom')} type="date" label={t('consent.form.validFrom')} value={validFrom} onChange={(e) => setValidFrom(e.target.value)} error={errors.validFrom} />
          <TextField id={fid('validTo')} type="date" label={t('consent.form.validTo')} value={validTo} onChange={(e) => setValidTo(e.target.value)} error={errors.validTo} />
        </div>

        <div className={`form-group${errors.signedBy ? ' form-error' : ''}`}>
          <fieldset aria-describedby={`${fid('signedBy')}-hint${errors.signedBy ? ` ${fid('signedBy')}-error` : ''}`}>
            <legend className="form-label">{t('consent.form.signedBy')}</legend>
            <span className="form-hint" id={`${fid('signedBy')}-hint`}>
              {rules.jointCustodyRule === 'both' || !rules.oneHolderPurposes.includes(purpose) ? t('consent.form.signedByBoth') : t('consent.form.signedByOne')}
            </span>
            {errors.signedBy ? (
              <span className="form-error-message" id={`${fid('signedBy')}-error`}>
                <span className="sr-only">{t('translation:common.errorPrefix')} </span>
                {errors.signedBy}
              </span>
            ) : null}
            {holders.length ? (
              holders.map((h, i) => (
                <div className="form-group-checkbox" key={h.id}>
                  <input
                    type="checkbox"
                    className="form-checkbox"
                    id={i === 0 ? fid('signedBy') : `${fid('signedBy')}-${h.id}`}
                    checked={signedBy.includes(h.id)}
                    onChange={(e) => setSignedBy(toggle(signedBy, h.id, e.target.checked))}
                  />
                  <label htmlFor={i === 0 ? fid('signedBy') : `${fid('signedBy')}-${h.id}`}>
                    {h.name} ({labels.relation(h.relation)})
                  </label>
                </div>
              ))
            ) : (
              <p id={fid('signedBy')} tabIndex={-1}>
                {t('consent.form.noHolders')}
              </p>
            )}
          </fieldset>
        </div>

        {ownConsentPossible ? (
          <CheckboxField
            id={fid('givenByChild')}
            label={t('consent.form.givenByChild', { age: rules.ownConsentAge })}
            checked={givenByChild}
            onChange={(e) => setGivenByChild(e.target.checked)}
          />
        ) : null}
        <TextareaField
          id={fid('childView')}
          label={t('consent.form.childView')}
          hint={rules.childAge >= 10 ? t('consent.form.childViewHeard', { age: rules.childAge }) : t('consent.form.childViewHint')}
          value={childView}
          onChange={(e) => setChildView(e.target.value)}
          maxLength={4000}
          rows={3}
        />
        <TextareaField
          id={fid('attestation')}
          label={t('consent.form.attestation')}
          hint={t('consent.form.attestationHint')}
          value={attestation}
          onChange={(e) => setAttestation(e.target.value)}
          error={errors.attestation}
          maxLength={2000}
          rows={3}
        />
      </form>
    </Dialog>
  );
}
