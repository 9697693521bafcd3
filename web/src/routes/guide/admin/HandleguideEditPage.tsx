// /admin/guide/handleguide/$scaleId/$ordinal — write or change the handleguide for one position:
// what to do, the steps in order (one a line), the samarbejdsguide entries to link to and the
// registered next steps to offer. Each save is a new version with a change note (If-Match);
// the history shows every version, and an old one can be viewed and restored.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { CheckboxField, TextareaField, TextField } from '../../../components/FormField.tsx';
import { formatDateTime } from '../../../components/format.ts';
import { Notice } from '../../../components/Notice.tsx';
import { NotFoundPage } from '../../../components/PageStates.tsx';
import { Loading } from '../../../components/Spinner.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { currentLanguage, errorText } from '../../../i18n/index.ts';
import { HANDLEGUIDE_LIMITS } from '../../../../../src/domain/guide-handleguide.ts';
import { check, useFormErrors, type FieldErrors } from '../../admin/forms.ts';
import { Badge } from '../../admin/widgets.tsx';
import {
  allEntriesQuery,
  catalogueQuery,
  guideKeys,
  overviewQuery,
  type Created,
  type EntryListItem,
  type HandleguideCreate,
  type HandleguideDetail,
  type HandleguideVersionDetail,
  type VersionList,
  type VersionSummary,
} from '../api.ts';
import { GUIDE_KINDS, useGuideLabels } from '../labels.ts';
import { Swatch } from '../../../components/Swatch.tsx';

interface Values {
  title: string;
  whatToDo: string;
  steps: string;
  entryIds: string[];
  nextStepIds: string[];
  changeNote: string;
}

const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));

export function HandleguideEditPage() {
  const { scaleId, ordinal } = useParams({ strict: false }) as { scaleId: string; ordinal: string };
  return <HandleguideEdit key={`${scaleId}-${ordinal}`} scaleId={scaleId} ordinal={Number(ordinal)} />;
}

function HandleguideEdit({ scaleId, ordinal }: { scaleId: string; ordinal: number }) {
  const { t } = useTranslation('guide');
  const qc = useQueryClient();
  const overview = useQuery(overviewQuery);
  const scale = overview.data?.scales.find((s) => s.id === scaleId);
  const row = scale?.positions.find((p) => p.position.ordinal === ordinal);
  const guideId = row?.guide?.id ?? null;
  const guide = useQuery({
    queryKey: guideKeys.handleguide(guideId ?? ''),
    queryFn: ({ signal }) => api.get<HandleguideDetail>(`/api/guide/handleguides/${guideId}`, { signal }),
    enabled: guideId !== null,
    staleTime: 0,
  });
  const entries = useQuery(allEntriesQuery);
  const catalogue = useQuery(catalogueQuery);
  const [notice, setNotice] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  usePageTitle(row ? t('handleguide.editTitle', { position: row.position.label }) : t('handleguide.title'));

  if (overview.isPending || entries.isPending || catalogue.isPending || (guideId && guide.isPending)) return <Loading />;
  const failed = overview.error ?? entries.error ?? catalogue.error ?? guide.error;
  if (failed) return <Notice variant="error">{errorText(failed)}</Notice>;
  if (!scale || !row) return <NotFoundPage title={t('handleguide.notFound')} />;
  if (!entries.data || !catalogue.data) return <Loading />;
  const current = guide.data ?? null;

  const initial: Values = current
    ? { title: current.title, whatToDo: current.whatToDo, steps: current.steps.join('\n'), entryIds: current.entryIds, nextStepIds: current.nextStepIds, changeNote: '' }
    : { title: `${row.position.label}: ${row.position.meaning || ''}`.replace(/: $/, ''), whatToDo: '', steps: '', entryIds: [], nextStepIds: [], changeNote: '' };

  const saved = async (message: string) => {
    await qc.invalidateQueries({ queryKey: guideKeys.all });
    setFormKey((k) => k + 1);
    setNotice(message);
  };

  return (
    <>
      <p>
        <Link to="/admin/guide/handleguide">{t('handleguide.back')}</Link>
      </p>
      <h1>{t('handleguide.editTitle', { position: row.position.label })}</h1>
      <p className="font-lead">
        <Swatch colour={row.position.colour} />
        {scale.name} · {row.position.label}
        {row.position.meaning ? ` (${row.position.meaning})` : ''}
        {current ? ` · ${t('admin.versionOf', { number: current.number })}` : ''}
      </p>
      {notice ? (
        <Notice variant="success" live="polite">
          {notice}
        </Notice>
      ) : null}
      <HandleguideForm
        key={`${current?.version ?? 0}-${formKey}`}
        scaleId={scaleId}
        ordinal={ordinal}
        current={current}
        initial={initial}
        entries={entries.data.items}
        catalogue={catalogue.data.items}
        onSaved={(n) => void saved(current ? t('admin.savedNotice', { number: n }) : t('handleguide.createdNotice'))}
      />
      {current ? <HandleguideHistory guide={current} onRestored={(n, from) => void saved(t('admin.restoredNotice', { from, number: n }))} /> : null}
    </>
  );
}

function HandleguideForm(props: {
  scaleId: string;
  ordinal: number;
  current: HandleguideDetail | null;
  initial: Values;
  entries: EntryListItem[];
  catalogue: { id: string; label: { da: string; en: string }; description: { da: string; en: string } }[];
  onSaved: (number: number) => void;
}) {
  const { t } = useTranslation('guide');
  const labels = useGuideLabels();
  const lang = currentLanguage();
  const errors = useFormErrors('handleguide');
  const [v, setV] = useState<Values>(props.initial);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((prev) => ({ ...prev, [k]: value }));
  const current = props.current;

  const save = useMutation({
    mutationFn: (body: HandleguideCreate) => {
      const { scaleId: _s, ordinal: _o, ...content } = body;
      return current
        ? api.post<Created>(`/api/guide/handleguides/${current.id}/versions`, content, { version: current.version })
        : api.post<Created>('/api/guide/handleguides', body);
    },
    onSuccess: (res) => props.onSaved(res.number),
    onError: (e) => errors.fromApi(e),
  });

  const steps = v.steps
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!check.required(v.title)) e.title = t('form.titleRequired');
    if (steps.length > HANDLEGUIDE_LIMITS.steps) e.steps = t('handleguide.tooManySteps', { max: HANDLEGUIDE_LIMITS.steps });
    if (steps.some((s) => s.length > HANDLEGUIDE_LIMITS.step)) e.steps = t('handleguide.stepTooLong', { max: HANDLEGUIDE_LIMITS.step });
    if (v.entryIds.length > HANDLEGUIDE_LIMITS.entries) e.entryIds = t('handleguide.tooManyEntries', { max: HANDLEGUIDE_LIMITS.entries });
    if (current && !check.required(v.changeNote)) e.changeNote = t('form.changeNoteRequired');
    return e;
  };
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (errors.setFieldErrors(validate())) return;
    save.mutate({
      scaleId: props.scaleId,
      ordinal: props.ordinal,
      title: v.title.trim(),
      whatToDo: v.whatToDo.trim(),
      steps,
      entryIds: v.entryIds,
      nextStepIds: v.nextStepIds,
      changeNote: v.changeNote.trim() || undefined,
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="tidlig-admin-form mt-6">
      <ErrorSummary errors={errors.summary} />
      <TextField id={errors.id('title')} label={t('form.title')} value={v.title} maxLength={HANDLEGUIDE_LIMITS.title} error={errors.error('title')} onChange={(e) => set('title', e.target.value)} required />
      <TextareaField
        id={errors.id('whatToDo')}
        label={t('handleguide.whatToDo')}
        hint={t('handleguide.whatToDoHint')}
        rows={4}
        value={v.whatToDo}
        maxLength={HANDLEGUIDE_LIMITS.whatToDo}
        error={errors.error('whatToDo')}
        onChange={(e) => set('whatToDo', e.target.value)}
      />
      <TextareaField id={errors.id('steps')} label={t('handleguide.steps')} hint={t('handleguide.stepsHint')} rows={6} value={v.steps} error={errors.error('steps')} onChange={(e) => set('steps', e.target.value)} />

      <fieldset className="tidlig-admin-fieldset tidlig-guide-checks" aria-describedby="handleguide-entries-hint">
        <legend className="h4" id={errors.id('entryIds')} tabIndex={-1}>
          {t('handleguide.entries')}
        </legend>
        <span className="form-hint" id="handleguide-entries-hint">
          {t('handleguide.entriesHint')}
        </span>
        {errors.error('entryIds') ? <p className="form-error-message">{errors.error('entryIds')}</p> : null}
        {GUIDE_KINDS.map((k) => {
          const ofKind = props.entries.filter((e) => e.kind === k);
          if (!ofKind.length) return null;
          return (
            <div key={k} className="mt-4">
              <p className="h5 mb-0">{labels.kindPlural(k)}</p>
              {ofKind.map((e) => (
                <CheckboxField key={e.id} id={`handleguide-entry-${e.id}`} label={e.title} checked={v.entryIds.includes(e.id)} onChange={(ev) => set('entryIds', toggle(v.entryIds, e.id, ev.target.checked))} />
              ))}
            </div>
          );
        })}
      </fieldset>

      <fieldset className="tidlig-admin-fieldset tidlig-guide-checks" aria-describedby="handleguide-steps-hint">
        <legend className="h4" id={errors.id('nextStepIds')} tabIndex={-1}>
          {t('handleguide.nextSteps')}
        </legend>
        <span className="form-hint" id="handleguide-steps-hint">
          {t('handleguide.nextStepsHint')}
        </span>
        {props.catalogue.map((s) => (
          <CheckboxField
            key={s.id}
            id={`handleguide-step-${s.id.replace(/\./g, '-')}`}
            label={lang === 'en' ? s.label.en : s.label.da.replace(/\{title\}/g, '…')}
            hint={lang === 'en' ? s.description.en : s.description.da}
            checked={v.nextStepIds.includes(s.id)}
            onChange={(ev) => set('nextStepIds', toggle(v.nextStepIds, s.id, ev.target.checked))}
          />
        ))}
      </fieldset>

      <TextField
        id={errors.id('changeNote')}
        label={current ? t('form.changeNote') : t('form.changeNoteOptional')}
        hint={t('form.changeNoteHint')}
        value={v.changeNote}
        maxLength={300}
        error={errors.error('changeNote')}
        onChange={(e) => set('changeNote', e.target.value)}
        required={current !== null}
      />
      <button type="submit" className="button button-primary mt-6" disabled={save.isPending}>
        {current ? t('form.saveVersion') : t('handleguide.create')}
      </button>
    </form>
  );
}

function HandleguideHistory({ guide, onRestored }: { guide: HandleguideDetail; onRestored: (number: number, from: number) => void }) {
  const { t } = useTranslation('guide');
  const [open, setOpen] = useState<number | null>(null);
  const versions = useQuery({
    queryKey: guideKeys.handleguideVersions(guide.id),
    queryFn: ({ signal }) => api.get<VersionList>(`/api/guide/handleguides/${guide.id}/versions`, { signal }),
    staleTime: 0,
  });
  const columns: Column<VersionSummary>[] = [
    { key: 'number', header: t('admin.versionNumber'), rowHeader: true, cell: (v) => t('admin.versionLink', { number: v.number }) },
    { key: 'when', header: t('admin.editedAt'), className: 'tidlig-nowrap', cell: (v) => formatDateTime(v.editedAt) },
    { key: 'who', header: t('admin.editedBy'), cell: (v) => v.editedBy ?? t('admin.unknownEditor') },
    { key: 'note', header: t('admin.changeNote'), cell: (v) => v.changeNote },
    {
      key: 'action',
      header: t('handleguide.action'),
      cell: (v) =>
        v.current ? (
          <Badge variant="info">{t('admin.current')}</Badge>
        ) : (
          <button type="button" className="button button-tertiary tidlig-admin-row-button" onClick={() => setOpen(v.number)}>
            {t('handleguide.viewVersion')}
            <span className="sr-only"> {t('admin.versionLink', { number: v.number })}</span>
          </button>
        ),
    },
  ];
  return (
    <section aria-labelledby="handleguide-history" className="mt-7">
      <h2 id="handleguide-history">{t('admin.history')}</h2>
      {versions.isError ? <Notice variant="error">{errorText(versions.error)}</Notice> : null}
      <DataTable caption={t('handleguide.historyCaption')} captionHidden columns={columns} rows={versions.data?.items} rowKey={(v) => String(v.number)} loading={versions.isPending} />
      {open !== null ? (
        <VersionDialog
          guide={guide}
          number={open}
          onClose={() => setOpen(null)}
          onRestored={(n) => {
            setOpen(null);
            onRestored(n, open);
          }}
        />
      ) : null}
    </section>
  );
}

function VersionDialog({ guide, number, onClose, onRestored }: { guide: HandleguideDetail; number: number; onClose: () => void; onRestored: (n: number) => void }) {
  const { t } = useTranslation('guide');
  const [error, setError] = useState<string | null>(null);
  const version = useQuery({
    queryKey: [...guideKeys.handleguideVersions(guide.id), number],
    queryFn: ({ signal }) => api.get<HandleguideVersionDetail>(`/api/guide/handleguides/${guide.id}/versions/${number}`, { signal }),
  });
  const restore = useMutation({
    mutationFn: () => api.post<Created>(`/api/guide/handleguides/${guide.id}/versions/${number}/restore`, {}, { version: guide.version }),
    onSuccess: (res) => onRestored(res.number),
    onError: (e) => setError(e instanceof ApiError && e.code === 'version.mismatch' ? t('admin.staleNotice') : errorText(e)),
  });
  const v = version.data;
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('admin.versionTitle', { number })}
      footer={
        <>
          <button type="button" className="button button-primary" disabled={!v || restore.isPending} onClick={() => restore.mutate()}>
            {t('admin.restore', { number })}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('handleguide.close')}
          </button>
        </>
      }
    >
      {error ? (
        <Notice variant="error" live="assertive">
          {error}
        </Notice>
      ) : null}
      {version.isPending ? <Loading /> : null}
      {version.isError ? <Notice variant="error">{errorText(version.error)}</Notice> : null}
      {v ? (
        <>
          <p className="tidlig-guide-meta">
            {t('admin.versionMeta', { when: formatDateTime(v.editedAt), who: v.editedBy ?? t('admin.unknownEditor') })} · {v.changeNote}
          </p>
          <h3 className="h4">{v.title}</h3>
          <p>{v.whatToDo}</p>
          {v.steps.length ? (
            <ol>
              {v.steps.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ol>
          ) : null}
          <p>{t('handleguide.versionLinks', { entries: v.entryIds.length, steps: v.nextStepIds.length })}</p>
        </>
      ) : null}
    </Dialog>
  );
}
