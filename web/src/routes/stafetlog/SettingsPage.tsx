// /admin/samtykke — the municipality's rules for consent (S14) and the stafetlog's concern
// labels (S4), for administrators (consent.manage). Each form saves with If-Match on its own
// version; a 412 (someone else saved meanwhile) says so and offers to fetch the newest
// settings — the form never switches to them on its own.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { CONSENT_PURPOSES, stafetlogKeys, type ConsentSettings, type ConsentSettingsBody, type StafetlogSettings } from '../../api/stafetlog.ts';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/FormField.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../i18n/index.ts';
import { RadioGroup } from '../admin/widgets.tsx';
import { useStafetlogLabels } from './labels.ts';
import { isStale } from './logWrite.tsx';

export function SettingsPage() {
  const { t } = useTranslation('stafetlog');
  usePageTitle(t('settings.title'));
  return (
    <>
      <h1>{t('settings.title')}</h1>
      <p>{t('settings.intro')}</p>
      <ConsentSettingsForm />
      <LabelsForm />
    </>
  );
}

/** Save with If-Match; on 412 a notice with a button that fetches the newest settings. */
function useVersionedSave<B>(url: string, key: readonly unknown[]) {
  const qc = useQueryClient();
  const [stale, setStale] = useState(false);
  const save = useMutation({
    mutationFn: ({ body, version }: { body: B; version: number }) => api.put<unknown>(url, body, { version }),
    onSuccess: (saved) => {
      setStale(false);
      qc.setQueryData(key, saved);
    },
    onError: (e) => setStale(isStale(e)),
  });
  return { save, stale, setStale };
}

function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('stafetlog');
  return (
    <Notice variant="error">
      <p>{errorText(error)}</p>
      <button type="button" className="button button-secondary mt-3" onClick={onRetry}>
        {t('translation:common.retry')}
      </button>
    </Notice>
  );
}

function StaleNotice({ onReload, busy, buttonRef }: { onReload: () => void; busy: boolean; buttonRef: RefObject<HTMLButtonElement | null> }) {
  const { t } = useTranslation('stafetlog');
  return (
    <Notice variant="warning" heading={t('settings.staleHeading')} headingLevel={3} className="mt-0 mb-6">
      <p>{t('settings.staleText')}</p>
      <button ref={buttonRef} type="button" className="button button-secondary mt-3" onClick={onReload} disabled={busy}>
        {t('settings.reload')}
      </button>
    </Notice>
  );
}

function ConsentSettingsForm() {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const query = useQuery({
    queryKey: stafetlogKeys.consentSettings,
    queryFn: ({ signal }) => api.get<ConsentSettings>('/api/admin/consent-settings', { signal }),
    staleTime: 0,
  });
  const [v, setV] = useState<ConsentSettings | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const { save, stale, setStale } = useVersionedSave<ConsentSettingsBody>('/api/admin/consent-settings', stafetlogKeys.consentSettings);
  const reloadRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (query.data && (!v || v.version !== query.data.version) && !stale) setV(query.data);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query.data]);
  useEffect(() => {
    if (stale) reloadRef.current?.focus();
  }, [stale]);

  if (query.isPending || (!v && !query.isError)) return <Loading />;
  if (query.isError || !v) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const set = <K extends keyof ConsentSettings>(k: K, value: ConsentSettings[K]) => {
    setSaved(false);
    setV({ ...v, [k]: value });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!Number.isInteger(v.expiryReminderDays) || v.expiryReminderDays < 1 || v.expiryReminderDays > 90) next.expiryReminderDays = t('settings.reminderInvalid');
    if (v.jointCustodyRule === 'one' && !v.oneHolderPurposes.length) next.oneHolderPurposes = t('settings.purposesRequired');
    setErrors(next);
    if (Object.keys(next).length) return;
    const { version, ...body } = v;
    save.mutate({ body: { ...body, oneHolderPurposes: v.jointCustodyRule === 'one' ? v.oneHolderPurposes : [] } as ConsentSettingsBody, version }, { onSuccess: () => setSaved(true) });
  };
  const summary: SummaryError[] = [
    ...Object.entries(errors).map(([k, message]) => ({ fieldId: `consent-settings-${k}`, message })),
    ...(save.isError && !stale ? [{ message: errorText(save.error) }] : []),
  ];

  return (
    <section className="tidlig-section" aria-labelledby="consent-settings-heading">
      <h2 id="consent-settings-heading">{t('settings.consentHeading')}</h2>
      <form className="tidlig-admin-form" onSubmit={submit} noValidate>
        <div aria-live="assertive">
          {stale ? (
            <StaleNotice
              buttonRef={reloadRef}
              busy={query.isFetching}
              onReload={() =>
                void query.refetch().then((r) => {
                  if (r.data) setV(r.data);
                  setStale(false);
                })
              }
            />
          ) : null}
        </div>
        <div role="status" aria-live="polite">
          {saved ? <Notice variant="success">{t('settings.saved')}</Notice> : null}
        </div>
        <ErrorSummary errors={summary} />
        <RadioGroup
          id="consent-settings-jointCustodyRule"
          name="jointCustodyRule"
          legend={t('settings.jointRule')}
          hint={t('settings.jointRuleHint')}
          options={[
            { value: 'both', label: t('settings.jointBoth') },
            { value: 'one', label: t('settings.jointOne') },
          ]}
          value={v.jointCustodyRule}
          onChange={(x) => set('jointCustodyRule', x as ConsentSettings['jointCustodyRule'])}
        />
        {v.jointCustodyRule === 'one' ? (
          <div className={`form-group${errors.oneHolderPurposes ? ' form-error' : ''}`}>
            <fieldset aria-describedby={errors.oneHolderPurposes ? 'consent-settings-oneHolderPurposes-error' : undefined}>
              <legend className="form-label">{t('settings.onePurposes')}</legend>
              {errors.oneHolderPurposes ? (
                <span className="form-error-message" id="consent-settings-oneHolderPurposes-error">
                  <span className="sr-only">{t('translation:common.errorPrefix')} </span>
                  {errors.oneHolderPurposes}
                </span>
              ) : null}
              {CONSENT_PURPOSES.map((p, i) => (
                <div className="form-group-checkbox" key={p}>
                  <input
                    type="checkbox"
                    className="form-checkbox"
                    id={i === 0 ? 'consent-settings-oneHolderPurposes' : `consent-settings-oneHolderPurposes-${p}`}
                    checked={v.oneHolderPurposes.includes(p)}
                    onChange={(e) => set('oneHolderPurposes', e.target.checked ? [...v.oneHolderPurposes, p] : v.oneHolderPurposes.filter((x) => x !== p))}
                  />
                  <label htmlFor={i === 0 ? 'consent-settings-oneHolderPurposes' : `consent-settings-oneHolderPurposes-${p}`}>{labels.purpose(p)}</label>
                </div>
              ))}
            </fieldset>
          </div>
        ) : null}
        <SelectField
          id="consent-settings-ownConsentAge"
          label={t('settings.ownConsentAge')}
          hint={t('settings.ownConsentAgeHint')}
          options={[{ value: '', label: t('settings.ownConsentNone') }, ...[15, 16, 17].map((a) => ({ value: String(a), label: t('settings.ownConsentFrom', { age: a }) }))]}
          value={v.ownConsentAge === null ? '' : String(v.ownConsentAge)}
          onChange={(e) => set('ownConsentAge', e.target.value ? Number(e.target.value) : null)}
        />
        <TextField
          id="consent-settings-expiryReminderDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={90}
          label={t('settings.reminderDays')}
          hint={t('settings.reminderDaysHint')}
          value={Number.isNaN(v.expiryReminderDays) ? '' : String(v.expiryReminderDays)}
          onChange={(e) => set('expiryReminderDays', e.target.value === '' ? Number.NaN : Number(e.target.value))}
          error={errors.expiryReminderDays}
          width="xs"
        />
        <CheckboxField
          id="consent-settings-portalShowsStaffNames"
          label={t('settings.showNames')}
          hint={t('settings.showNamesHint')}
          checked={v.portalShowsStaffNames}
          onChange={(e) => set('portalShowsStaffNames', e.target.checked)}
        />
        <button type="submit" className="button button-primary mt-5" disabled={save.isPending}>
          {t('settings.saveConsent')}
        </button>
      </form>
    </section>
  );
}

function LabelsForm() {
  const { t } = useTranslation('stafetlog');
  const query = useQuery({
    queryKey: stafetlogKeys.settings,
    queryFn: ({ signal }) => api.get<StafetlogSettings>('/api/admin/stafetlog-settings', { signal }),
    staleTime: 0,
  });
  const [labels, setLabels] = useState<string[] | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const { save, stale, setStale } = useVersionedSave<{ concernLabels: string[] }>('/api/admin/stafetlog-settings', stafetlogKeys.settings);
  const reloadRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (query.data && query.data.version !== version && !stale) {
      setLabels([...query.data.concernLabels]);
      setVersion(query.data.version);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query.data]);
  useEffect(() => {
    if (stale) reloadRef.current?.focus();
  }, [stale]);

  if (query.isPending || (!labels && !query.isError)) return <Loading />;
  if (query.isError || !labels) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    labels.forEach((l, i) => {
      if (!l.trim()) next[String(i)] = t('settings.labelRequired', { level: i });
      else if (l.trim().length > 80) next[String(i)] = t('settings.labelTooLong');
    });
    setErrors(next);
    if (Object.keys(next).length) return;
    save.mutate({ body: { concernLabels: labels.map((l) => l.trim()) }, version: version ?? 0 }, { onSuccess: () => setSaved(true) });
  };
  const summary: SummaryError[] = [
    ...Object.entries(errors).map(([k, message]) => ({ fieldId: `concern-label-${k}`, message })),
    ...(save.isError && !stale ? [{ message: errorText(save.error) }] : []),
  ];
  return (
    <section className="tidlig-section" aria-labelledby="labels-settings-heading">
      <h2 id="labels-settings-heading">{t('settings.labelsHeading')}</h2>
      <p>{t('settings.labelsIntro')}</p>
      <form className="tidlig-admin-form" onSubmit={submit} noValidate>
        <div aria-live="assertive">
          {stale ? (
            <StaleNotice
              buttonRef={reloadRef}
              busy={query.isFetching}
              onReload={() =>
                void query.refetch().then((r) => {
                  if (r.data) {
                    setLabels([...r.data.concernLabels]);
                    setVersion(r.data.version);
                  }
                  setStale(false);
                })
              }
            />
          ) : null}
        </div>
        <div role="status" aria-live="polite">
          {saved ? <Notice variant="success">{t('settings.labelsSaved')}</Notice> : null}
        </div>
        <ErrorSummary errors={summary} />
        {labels.map((l, i) => (
          <TextField
            key={i}
            id={`concern-label-${i}`}
            label={t('settings.labelFor', { level: i })}
            value={l}
            onChange={(e) => {
              setSaved(false);
              setLabels(labels.map((x, n) => (n === i ? e.target.value : x)));
            }}
            error={errors[String(i)]}
            maxLength={80}
            width="l"
          />
        ))}
        <button type="submit" className="button button-primary mt-5" disabled={save.isPending}>
          {t('settings.saveLabels')}
        </button>
      </form>
    </section>
  );
}
