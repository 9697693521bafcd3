// The form for an entry's content: type and address (only when creating), title, summary,
// the kind's structured fields, the text, and the change note every new version carries.
// Saving an existing entry makes a new version (If-Match: the version the editor opened).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { CheckboxField, SelectField, TextareaField, TextField } from '../../../components/FormField.tsx';
import { LIMITS } from '../../../../../src/domain/guide-entry.ts';
import { check, useFormErrors, type FieldErrors } from '../../admin/forms.ts';
import type { GuideKind } from '../api.ts';
import { KIND_FIELDS, useGuideLabels } from '../labels.ts';

export interface EntryValues {
  kind: GuideKind | '';
  slug: string;
  isPublic: boolean;
  title: string;
  summary: string;
  body: string;
  fields: Record<string, string>;
  changeNote: string;
}

export const EMPTY_ENTRY: EntryValues = { kind: '', slug: '', isPublic: true, title: '', summary: '', body: '', fields: {}, changeNote: '' };

export interface EntryFormProps {
  mode: 'create' | 'edit';
  initial: EntryValues;
  busy: boolean;
  submitLabel: string;
  onSubmit: (values: EntryValues) => void;
  /** Receives the form's error handler, so the page can show the server's answer on the fields. */
  errors: ReturnType<typeof useFormErrors>;
}

export function EntryForm({ mode, initial, busy, submitLabel, onSubmit, errors }: EntryFormProps) {
  const { t } = useTranslation('guide');
  const labels = useGuideLabels();
  const [v, setV] = useState<EntryValues>(initial);
  const set = <K extends keyof EntryValues>(k: K, value: EntryValues[K]) => setV((prev) => ({ ...prev, [k]: value }));

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (mode === 'create' && !v.kind) e.kind = t('form.kindRequired');
    if (!check.required(v.title)) e.title = t('form.titleRequired');
    if (mode === 'create' && v.slug.trim() && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v.slug.trim())) e.slug = t('form.slugInvalid');
    if (mode === 'edit' && !check.required(v.changeNote)) e.changeNote = t('form.changeNoteRequired');
    return e;
  };

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (errors.setFieldErrors(validate())) return;
    onSubmit(v);
  };

  const kind = v.kind || null;
  return (
    <form id="entry-form" onSubmit={submit} noValidate className="tidlig-admin-form">
      <ErrorSummary errors={errors.summary} />
      {mode === 'create' ? (
        <>
          <SelectField
            id={errors.id('kind')}
            label={t('form.kind')}
            hint={t('form.kindHint')}
            placeholder={t('form.chooseKind')}
            options={labels.kindOptions}
            value={v.kind}
            error={errors.error('kind')}
            onChange={(e) => set('kind', e.target.value as GuideKind | '')}
            required
          />
          <CheckboxField id={errors.id('isPublic')} label={t('form.isPublic')} hint={t('form.isPublicHint')} checked={v.isPublic} onChange={(e) => set('isPublic', e.target.checked)} />
        </>
      ) : null}
      <TextField id={errors.id('title')} label={t('form.title')} value={v.title} maxLength={LIMITS.title} error={errors.error('title')} onChange={(e) => set('title', e.target.value)} required />
      {mode === 'create' ? (
        <TextField
          id={errors.id('slug')}
          label={t('form.slug')}
          hint={t('form.slugHint')}
          value={v.slug}
          maxLength={80}
          error={errors.error('slug')}
          autoCapitalize="none"
          spellCheck={false}
          onChange={(e) => set('slug', e.target.value)}
        />
      ) : null}
      <TextareaField id={errors.id('summary')} label={t('form.summary')} hint={t('form.summaryHint')} rows={3} value={v.summary} maxLength={LIMITS.summary} error={errors.error('summary')} onChange={(e) => set('summary', e.target.value)} />
      {kind
        ? KIND_FIELDS[kind].map((f) => (
            <TextareaField
              key={f}
              id={errors.id(`fields.${f}`)}
              label={labels.field(kind, f)}
              hint={t(`fieldHints.${kind}.${f}`)}
              rows={3}
              value={v.fields[f] ?? ''}
              maxLength={LIMITS.field}
              error={errors.error(`fields.${f}`)}
              onChange={(e) => set('fields', { ...v.fields, [f]: e.target.value })}
            />
          ))
        : null}
      <TextareaField id={errors.id('body')} label={t('form.body')} hint={t('form.bodyHint')} rows={10} value={v.body} maxLength={LIMITS.body} error={errors.error('body')} onChange={(e) => set('body', e.target.value)} />
      <TextField
        id={errors.id('changeNote')}
        label={mode === 'edit' ? t('form.changeNote') : t('form.changeNoteOptional')}
        hint={t('form.changeNoteHint')}
        value={v.changeNote}
        maxLength={LIMITS.changeNote}
        error={errors.error('changeNote')}
        onChange={(e) => set('changeNote', e.target.value)}
        required={mode === 'edit'}
      />
      <button type="submit" className="button button-primary mt-6" disabled={busy} aria-disabled={busy || undefined}>
        {submitLabel}
      </button>
    </form>
  );
}
