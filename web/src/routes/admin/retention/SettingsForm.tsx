// The five retention periods as a form. The values are kept as typed (strings) so a half-typed
// number is not rewritten under the user's fingers; the page derives the valid numbers for the
// preview from them. Saving sends If-Match with the version the form was filled from; a 412
// (someone else saved meanwhile) says so and offers the newest settings — the form never
// switches to them on its own, so nothing typed is lost without the user choosing it.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { TextField } from '../../../components/FormField.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { useFormErrors, type FieldErrors } from '../forms.ts';
import { RETENTION_KEYS, saveSettings, type RetentionKey, type RetentionSettings, type RetentionValues } from './api.ts';

export type Draft = Record<RetentionKey, string>;

export const draftOf = (values: RetentionValues): Draft => Object.fromEntries(RETENTION_KEYS.map((k) => [k, String(values[k])])) as Draft;

const isStale = (e: unknown) => e instanceof ApiError && (e.code === 'version.mismatch' || e.status === 412);

export interface SettingsFormProps {
  base: RetentionSettings;
  draft: Draft;
  onDraft: (draft: Draft) => void;
  onSaved: (fresh: RetentionSettings) => void;
  /** Replace the form with the newest settings from the server (after a 412). */
  onReload: () => Promise<void>;
}

export function SettingsForm({ base, draft, onDraft, onSaved, onReload }: SettingsFormProps) {
  const { t } = useTranslation();
  const errors = useFormErrors('retention');
  const [saved, setSaved] = useState(false);
  const [stale, setStale] = useState(false);
  const [reloading, setReloading] = useState(false);
  const reloadRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (stale) reloadRef.current?.focus();
  }, [stale]);

  const rangeError = (k: RetentionKey) => t('retention.invalid', { what: t(`retention.fields.${k}.short`), min: base.bounds[k].min, max: base.bounds[k].max });

  const save = useMutation({
    mutationFn: (values: RetentionValues) => saveSettings(values, base.version),
    onSuccess: (fresh) => {
      onSaved(fresh);
      setSaved(true);
    },
    onError: (e) => {
      if (isStale(e)) {
        errors.clear();
        setStale(true);
        return;
      }
      // A 400 names the field: our Danish text with its bounds, not the validator's words.
      const fields: FieldErrors = {};
      if (e instanceof ApiError) {
        for (const p of e.fieldProblems) {
          const k = p.path.replace(/^body\.?/, '') as RetentionKey;
          if (RETENTION_KEYS.includes(k)) fields[k] = rangeError(k);
        }
      }
      if (!errors.setFieldErrors(fields)) errors.fromApi(e);
    },
  });

  const set = (k: RetentionKey, value: string) => {
    setSaved(false);
    onDraft({ ...draft, [k]: value });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const problems: FieldErrors = {};
    const values = {} as RetentionValues;
    for (const k of RETENTION_KEYS) {
      const n = Number(draft[k]);
      if (draft[k].trim() === '' || !Number.isInteger(n) || n < base.bounds[k].min || n > base.bounds[k].max) problems[k] = rangeError(k);
      else values[k] = n;
    }
    if (errors.setFieldErrors(problems)) return;
    save.mutate(values);
  };

  const reload = async () => {
    setReloading(true);
    try {
      await onReload();
      setStale(false);
      errors.clear();
    } finally {
      setReloading(false);
    }
  };

  return (
    <form className="tidlig-admin-form" onSubmit={submit} noValidate aria-labelledby="retention-settings-heading">
      <h2 id="retention-settings-heading">{t('retention.settingsHeading')}</h2>
      <div aria-live="assertive">
        {stale ? (
          <Notice variant="warning" heading={t('retention.staleHeading')} headingLevel={3} className="mt-0 mb-6">
            <p>{t('retention.staleText')}</p>
            <button ref={reloadRef} type="button" className="button button-secondary mt-3" onClick={() => void reload()} disabled={reloading}>
              {t('retention.reload')}
            </button>
          </Notice>
        ) : null}
      </div>
      <div role="status" aria-live="polite">
        {saved ? <Notice variant="success">{t('retention.saved')}</Notice> : null}
      </div>
      <ErrorSummary errors={errors.summary} />
      {RETENTION_KEYS.map((k) => (
        <TextField
          key={k}
          id={errors.id(k)}
          name={k}
          type="number"
          inputMode="numeric"
          step={1}
          min={base.bounds[k].min}
          max={base.bounds[k].max}
          width="xs"
          label={t(`retention.fields.${k}.label`)}
          hint={
            <>
              {t(`retention.fields.${k}.help`)}{' '}
              <span className="tidlig-retention-default">{t('retention.defaultHint', { value: base.defaults[k], min: base.bounds[k].min, max: base.bounds[k].max })}</span>
            </>
          }
          value={draft[k]}
          onChange={(e) => set(k, e.target.value)}
          error={errors.error(k)}
        />
      ))}
      <button type="submit" className="button button-primary mt-5" disabled={save.isPending}>
        {t('retention.save')}
      </button>
    </form>
  );
}
