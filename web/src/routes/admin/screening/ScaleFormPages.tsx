// /admin/trivsel/skalaer/ny — a new scale from a template (grøn/gul/rød, Børnelinealen) or
// with own positions; /admin/trivsel/skalaer/$scaleId/ny-version — a new version of a scale,
// pre-filled from its newest version and sent with If-Match: "<the scale's version>". A 412
// (someone made a version meanwhile) says so and lets the user fetch the newest version.
// After saving, the list of scales says what was saved.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SCALE_TEMPLATES, type ScaleProblem, type ScaleTemplateKey } from '../../../../../src/domain/screening-scale.ts';
import { api, ApiError } from '../../../api/client.ts';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { TextField } from '../../../components/FormField.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { NotFoundPage } from '../../../components/PageStates.tsx';
import { Loading } from '../../../components/Spinner.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { errorText } from '../../../i18n/index.ts';
import { setFlash } from '../flash.ts';
import { check, useFormErrors, type FieldErrors } from '../forms.ts';
import { RadioGroup } from '../widgets.tsx';
import { latestVersion, scalesQuery, screeningAdminKeys, type Created, type Scale, type ScaleCreate } from './api.ts';
import { blankPosition, draftsFrom, inFormOrder, PositionsEditor, problemErrors, toInput, validatePositions, type DraftPosition } from './PositionsEditor.tsx';
import { PositionsTable, SCALES_FLASH } from './ScalesPage.tsx';

type Source = ScaleTemplateKey | 'own';
const SOURCES: Source[] = ['trafiklys', 'boernelinealen', 'own'];

/** A 422 screening.scale_invalid names its problems: put them on the positions' fields. */
function scaleProblemsOf(e: unknown): ScaleProblem[] | null {
  return e instanceof ApiError && e.code === 'screening.scale_invalid' && Array.isArray(e.details) ? (e.details as ScaleProblem[]) : null;
}

function BackLink() {
  const { t } = useTranslation('admin');
  return (
    <p className="d-print-none">
      <Link to="/admin/trivsel/skalaer" className="back-link">
        {t('screeningAdmin.scales.backToList')}
      </Link>
    </p>
  );
}

export function CreateScalePage() {
  const { t } = useTranslation('admin');
  usePageTitle(t('screeningAdmin.scaleForm.createTitle'));
  const qc = useQueryClient();
  const navigate = useNavigate();
  const formId = 'scale-create';
  const errors = useFormErrors(formId, { 'name.taken': 'name' });
  const [source, setSource] = useState<Source>('boernelinealen');
  const [name, setName] = useState<string>(SCALE_TEMPLATES.boernelinealen.name);
  const nameTouched = useRef(false);
  const [positions, setPositions] = useState<DraftPosition[]>(() => [blankPosition(0), blankPosition(1)]);

  const chooseSource = (next: string) => {
    const s = next as Source;
    setSource(s);
    // The template's name until the user writes their own.
    if (!nameTouched.current) setName(s === 'own' ? '' : SCALE_TEMPLATES[s].name);
  };

  const save = useMutation({
    mutationFn: (body: ScaleCreate) => api.post<Created>('/api/screening/scales', body),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: screeningAdminKeys.all });
      setFlash(SCALES_FLASH, t('screeningAdmin.scaleForm.createdNotice', { name: name.trim() }));
      await navigate({ to: '/admin/trivsel/skalaer' });
    },
    onError: (e) => {
      const problems = scaleProblemsOf(e);
      if (problems) errors.setFieldErrors(inFormOrder(problemErrors(problems, t)));
      else errors.fromApi(e);
    },
  });

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    const e: FieldErrors = {};
    if (!check.required(name)) e.name = t('screeningAdmin.scaleForm.nameRequired');
    else if (!check.maxLength(name, 200)) e.name = t('validation.tooLong', { max: 200 });
    if (errors.setFieldErrors({ ...e, ...(source === 'own' ? validatePositions(positions, t) : {}) })) return;
    save.mutate(source === 'own' ? { name: name.trim(), positions: toInput(positions) } : { template: source, name: name.trim() });
  };

  return (
    <>
      <BackLink />
      <h1>{t('screeningAdmin.scaleForm.createTitle')}</h1>
      <p className="font-lead">{t('screeningAdmin.scaleForm.createIntro')}</p>
      <form id={formId} onSubmit={onSubmit} noValidate className="tidlig-admin-form">
        <ErrorSummary errors={errors.summary} />
        <RadioGroup
          id={errors.id('source')}
          name="scale-source"
          legend={t('screeningAdmin.scaleForm.source')}
          options={SOURCES.map((s) => ({ value: s, label: t(`screeningAdmin.scaleForm.sources.${s}`) }))}
          value={source}
          onChange={chooseSource}
        />
        <TextField
          id={errors.id('name')}
          label={t('screeningAdmin.scaleForm.name')}
          hint={t('screeningAdmin.scaleForm.nameHint')}
          value={name}
          onChange={(e) => {
            nameTouched.current = true;
            setName(e.target.value);
          }}
          error={errors.error('name')}
          maxLength={200}
          autoComplete="off"
          required
        />
        {source === 'own' ? (
          <PositionsEditor formId={formId} positions={positions} onChange={setPositions} errors={errors} />
        ) : (
          <section className="tidlig-admin-fieldset" aria-labelledby={`${formId}-preview-heading`}>
            <h2 className="h3" id={`${formId}-preview-heading`}>
              {t('screeningAdmin.scaleForm.previewHeading', { template: t(`screeningAdmin.templates.${source}`) })}
            </h2>
            <p>{t('screeningAdmin.scaleForm.previewIntro')}</p>
            <PositionsTable caption={t('screeningAdmin.scaleForm.previewCaption', { template: t(`screeningAdmin.templates.${source}`) })} positions={SCALE_TEMPLATES[source].positions} />
          </section>
        )}
        <div className="tidlig-admin-actions mt-7">
          <button type="submit" className="button button-primary" disabled={save.isPending} aria-disabled={save.isPending || undefined}>
            {t('screeningAdmin.scaleForm.createSubmit')}
          </button>
          <Link to="/admin/trivsel/skalaer" className="button button-secondary">
            {t('translation:common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

export function NewScaleVersionPage() {
  const { scaleId } = useParams({ strict: false }) as { scaleId: string };
  const { t } = useTranslation('admin');
  const query = useQuery(scalesQuery);
  const scale = query.data?.items.find((s) => s.id === scaleId);
  usePageTitle(scale ? t('screeningAdmin.scaleForm.versionTitle', { name: scale.name }) : t('screeningAdmin.scales.title'));
  if (query.isPending) return <Loading text={t('screeningAdmin.scales.loading')} />;
  if (query.isError) {
    return (
      <>
        <BackLink />
        <h1>{t('screeningAdmin.scales.title')}</h1>
        <Notice variant="error" live="assertive">
          {errorText(query.error)}
        </Notice>
      </>
    );
  }
  if (!scale) return <NotFoundPage title={t('screeningAdmin.scaleForm.notFoundTitle')} text={t('screeningAdmin.scaleForm.notFoundText')} />;
  // The form keeps the scale as it was when opened: a version made meanwhile must not slip in unseen.
  return <NewVersionForm key={scale.id} initial={scale} />;
}

function NewVersionForm({ initial }: { initial: Scale }) {
  const { t } = useTranslation('admin');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const formId = 'scale-version';
  const errors = useFormErrors(formId);
  const [base, setBase] = useState<Scale>(initial);
  const [positions, setPositions] = useState<DraftPosition[]>(() => draftsFrom(latestVersion(initial)?.positions ?? []));
  const [stale, setStale] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const reloadButton = useRef<HTMLButtonElement>(null);
  // Where focus goes once the notice or the fetched values are on screen (after the render, not in a frame callback).
  const focusAfterRender = useRef<'reload' | 'first' | null>(null);
  useEffect(() => {
    if (!focusAfterRender.current) return;
    const target = focusAfterRender.current === 'reload' ? reloadButton.current : document.getElementById(`${formId}-positions-0-label`);
    focusAfterRender.current = null;
    target?.focus();
  });
  const latest = latestVersion(base);
  const nextNumber = (latest?.number ?? 0) + 1;

  const save = useMutation({
    mutationFn: () => api.post<Created>(`/api/screening/scales/${base.id}/versions`, { positions: toInput(positions) }, { version: base.version }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: screeningAdminKeys.all });
      setFlash(SCALES_FLASH, t('screeningAdmin.scaleForm.versionNotice', { name: base.name, number: nextNumber }));
      await navigate({ to: '/admin/trivsel/skalaer' });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'version.mismatch') {
        errors.clear();
        setReloaded(false);
        setStale(true);
        focusAfterRender.current = 'reload';
        return;
      }
      const problems = scaleProblemsOf(e);
      if (problems) errors.setFieldErrors(inFormOrder(problemErrors(problems, t)));
      else errors.fromApi(e);
    },
  });

  const reload = useMutation({
    mutationFn: () => qc.fetchQuery({ ...scalesQuery, staleTime: 0 }),
    onSuccess: (data) => {
      const fresh = data.items.find((s) => s.id === base.id);
      if (!fresh) return;
      setBase(fresh);
      setPositions(draftsFrom(latestVersion(fresh)?.positions ?? []));
      setStale(false);
      setReloaded(true);
      errors.clear();
      focusAfterRender.current = 'first';
    },
  });

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (stale) {
      reloadButton.current?.focus();
      return;
    }
    if (errors.setFieldErrors(validatePositions(positions, t))) return;
    save.mutate();
  };

  return (
    <>
      <BackLink />
      <h1>{t('screeningAdmin.scaleForm.versionTitle', { name: base.name })}</h1>
      <p className="font-lead">{t('screeningAdmin.scaleForm.versionIntro', { number: latest?.number ?? 0, next: nextNumber })}</p>
      <Notice variant="info" heading={t('screeningAdmin.scaleForm.keepMeaningHeading')} headingLevel={2}>
        {t('screeningAdmin.scaleForm.keepMeaning', { number: latest?.number ?? 0 })}
      </Notice>
      <div aria-live="assertive" aria-atomic="true">
        {stale ? (
          <Notice variant="warning" heading={t('screeningAdmin.stale.scaleHeading')} className="mt-5">
            <p>{t('screeningAdmin.stale.scaleText', { name: base.name })}</p>
            {reload.isError ? <p className="form-error-message">{errorText(reload.error)}</p> : null}
            <button ref={reloadButton} type="button" className="button button-secondary mt-3" onClick={() => reload.mutate()} disabled={reload.isPending}>
              {t('screeningAdmin.stale.scaleReload')}
            </button>
          </Notice>
        ) : null}
      </div>
      <div aria-live="polite" aria-atomic="true">
        {reloaded ? (
          <Notice variant="success" className="mt-5">
            {t('screeningAdmin.stale.scaleReloaded', { number: latest?.number ?? 0 })}
          </Notice>
        ) : null}
      </div>
      <form id={formId} onSubmit={onSubmit} noValidate className="tidlig-admin-form mt-5">
        <ErrorSummary errors={errors.summary} />
        <PositionsEditor formId={formId} positions={positions} onChange={setPositions} errors={errors} />
        <div className="tidlig-admin-actions mt-7">
          <button type="submit" className="button button-primary" disabled={save.isPending} aria-disabled={save.isPending || undefined}>
            {t('screeningAdmin.scaleForm.versionSubmit', { number: nextNumber })}
          </button>
          <Link to="/admin/trivsel/skalaer" className="button button-secondary">
            {t('translation:common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
