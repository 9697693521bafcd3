// Plan a screening round, or edit one (S2): name, the institution types it covers, the scale
// (only when planning: a round keeps the scale version it was planned with), the window and
// whether a joint position is required. An edit PATCHes only what changed, with If-Match:
// "<the version the dialog opened with>". A 412 (someone changed the round meanwhile) says so
// and offers to fetch the newest details; the dialog never switches versions on its own.
// Client checks first, then the server's 400 details, 409s and 422s on their fields.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client.ts';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { CheckboxField, SelectField, TextField, describedBy } from '../../../components/FormField.tsx';
import { formatDay } from '../../../components/format.ts';
import { Notice } from '../../../components/Notice.tsx';
import { errorText } from '../../../i18n/index.ts';
import { check, useFormErrors, type FieldErrors } from '../forms.ts';
import { useLabels } from '../labels.ts';
import { DialogButtons } from '../widgets.tsx';
import { latestVersion, screeningAdminKeys, type Created, type Round, type RoundCreate, type RoundUpdate, type Scale } from './api.ts';

/** Institution types whose groups hold enrolled children to rate (dagtilbud, skole, SFO, klub). */
export const SCREENED_TYPES = ['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'skole', 'sfo', 'klub'] as const;

export interface RoundSaved {
  id: string;
  name: string;
  created: boolean;
}

interface Props {
  /** The round to edit; leave out to plan a new one. */
  existing?: Round;
  /** Ratings exist: the institution types are locked (the server refuses the change). */
  typesLocked?: boolean;
  /** For an edit: the scale and version the round uses (shown, not changeable). */
  scaleText?: string;
  scales: readonly Scale[];
  onClose: () => void;
  onSaved: (saved: RoundSaved) => void;
}

type Values = { name: string; institutionTypes: string[]; scaleId: string; opensOn: string; closesOn: string; jointRatingRequired: boolean };

function valuesOf(round: Round | undefined, scales: readonly Scale[]): Values {
  if (!round) return { name: '', institutionTypes: [], scaleId: scales.length === 1 ? scales[0]!.id : '', opensOn: '', closesOn: '', jointRatingRequired: false };
  return { name: round.name, institutionTypes: [...round.institutionTypes], scaleId: '', opensOn: round.opensOn, closesOn: round.closesOn, jointRatingRequired: round.jointRatingRequired };
}

const sameTypes = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export function RoundDialog({ existing, typesLocked, scaleText, scales, onClose, onSaved }: Props) {
  const { t } = useTranslation('admin');
  const labels = useLabels();
  const qc = useQueryClient();
  const editing = existing !== undefined;
  const formId = editing ? 'round-edit' : 'round-create';
  const errors = useFormErrors(formId, {
    'name.taken': 'name',
    'screening.scale_required': 'scaleId',
    'screening.scale_not_found': 'scaleId',
    'screening.round_overlap': 'opensOn',
    'screening.round_has_ratings': 'institutionTypes',
    'period.invalid': 'closesOn',
  });
  // The round as the dialog opened it (or as fetched again after a 412): the base of the edit.
  const [base, setBase] = useState<Round | undefined>(existing);
  const [v, setV] = useState<Values>(() => valuesOf(existing, scales));
  const [overlapNames, setOverlapNames] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const reloadButton = useRef<HTMLButtonElement>(null);
  // Where focus goes once the notice or the fetched values are on screen (after the render, not in a frame callback).
  const focusAfterRender = useRef<'reload' | 'first' | null>(null);
  useEffect(() => {
    if (!focusAfterRender.current) return;
    const target = focusAfterRender.current === 'reload' ? reloadButton.current : document.getElementById(errors.id('name'));
    focusAfterRender.current = null;
    target?.focus();
  });
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setV((prev) => ({ ...prev, [key]: value }));

  const typeOptions = [...SCREENED_TYPES, ...v.institutionTypes.filter((x) => !(SCREENED_TYPES as readonly string[]).includes(x))];
  const scaleOptions = scales.map((s) => ({ value: s.id, label: t('screeningAdmin.roundForm.scaleOption', { name: s.name, number: latestVersion(s)?.number ?? 1 }) }));

  const body = (): RoundCreate | RoundUpdate => {
    const name = v.name.trim();
    if (!base) {
      return {
        name,
        institutionTypes: v.institutionTypes as RoundCreate['institutionTypes'],
        opensOn: v.opensOn,
        closesOn: v.closesOn,
        jointRatingRequired: v.jointRatingRequired,
        ...(v.scaleId ? { scaleId: v.scaleId } : {}),
      };
    }
    const changed: RoundUpdate = {};
    if (name !== base.name) changed.name = name;
    if (!sameTypes(v.institutionTypes, base.institutionTypes)) changed.institutionTypes = v.institutionTypes as RoundUpdate['institutionTypes'];
    if (v.opensOn !== base.opensOn) changed.opensOn = v.opensOn;
    if (v.closesOn !== base.closesOn) changed.closesOn = v.closesOn;
    if (v.jointRatingRequired !== base.jointRatingRequired) changed.jointRatingRequired = v.jointRatingRequired;
    return changed;
  };

  /** The clashing rounds' names, for the overlap message (the 409 names their ids). */
  const namesOfClash = async (e: unknown): Promise<string[]> => {
    const ids = e instanceof ApiError && e.code === 'screening.round_overlap' ? ((e.details as { rounds?: string[] } | undefined)?.rounds ?? []) : [];
    const found = await Promise.all(ids.slice(0, 5).map((id) => api.get<Round>(`/api/screening/rounds/${id}`).catch(() => null)));
    return found.filter((r): r is Round => r !== null).map((r) => t('screeningAdmin.roundForm.clash', { name: r.name, from: formatDay(r.opensOn), to: formatDay(r.closesOn) }));
  };

  const save = useMutation({
    mutationFn: (payload: RoundCreate | RoundUpdate) =>
      base ? api.patch<Created>(`/api/screening/rounds/${base.id}`, payload, { version: base.version }) : api.post<Created>('/api/screening/rounds', payload),
    onSuccess: async (res) => {
      await qc.invalidateQueries({ queryKey: screeningAdminKeys.all });
      onSaved({ id: res.id, name: v.name.trim(), created: !editing });
    },
    onError: async (e) => {
      if (e instanceof ApiError && e.code === 'version.mismatch') {
        errors.clear();
        setOverlapNames([]);
        setReloaded(false);
        setStale(true);
        void qc.invalidateQueries({ queryKey: screeningAdminKeys.all });
        focusAfterRender.current = 'reload';
        return;
      }
      errors.fromApi(e);
      setOverlapNames(await namesOfClash(e));
    },
  });

  const reload = useMutation({
    mutationFn: () => api.get<Round>(`/api/screening/rounds/${base!.id}`),
    onSuccess: (fresh) => {
      setBase(fresh);
      setV(valuesOf(fresh, scales));
      setStale(false);
      setReloaded(true);
      errors.clear();
      focusAfterRender.current = 'first';
    },
  });

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!check.required(v.name)) e.name = t('screeningAdmin.roundForm.nameRequired');
    else if (!check.maxLength(v.name, 200)) e.name = t('validation.tooLong', { max: 200 });
    if (v.institutionTypes.length === 0) e.institutionTypes = t('validation.institutionTypes');
    if (!editing && scales.length > 0 && !v.scaleId) e.scaleId = t('validation.scaleId');
    if (!check.day(v.opensOn)) e.opensOn = t('validation.opensOn');
    if (!check.day(v.closesOn)) e.closesOn = t('validation.closesOn');
    else if (check.day(v.opensOn) && v.closesOn < v.opensOn) e.closesOn = t('screeningAdmin.roundForm.closesBeforeOpens', { day: formatDay(v.opensOn) });
    return e;
  };

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (stale) {
      reloadButton.current?.focus();
      return;
    }
    setOverlapNames([]);
    if (errors.setFieldErrors(validate())) return;
    const payload = body();
    if (editing && Object.keys(payload).length === 0) {
      onClose();
      return;
    }
    save.mutate(payload);
  };

  const toggleType = (type: string, on: boolean) => set('institutionTypes', on ? [...v.institutionTypes, type] : v.institutionTypes.filter((x) => x !== type));
  const typesId = errors.id('institutionTypes');
  const typesError = errors.error('institutionTypes');
  const typesHint = typesLocked ? t('screeningAdmin.roundForm.typesLocked') : t('screeningAdmin.roundForm.typesHint');

  return (
    <Dialog
      open
      onClose={onClose}
      title={editing ? t('screeningAdmin.roundForm.editTitle') : t('screeningAdmin.roundForm.createTitle')}
      footer={<DialogButtons formId={formId} submit={editing ? t('common.save') : t('screeningAdmin.roundForm.createSubmit')} busy={save.isPending} onCancel={onClose} />}
    >
      <form id={formId} onSubmit={onSubmit} noValidate>
        <div aria-live="assertive" aria-atomic="true">
          {stale ? (
            <Notice variant="warning" heading={t('screeningAdmin.stale.roundHeading')} headingLevel={3} className="mt-0 mb-6">
              <p>{t('screeningAdmin.stale.roundText')}</p>
              {reload.isError ? <p className="form-error-message">{errorText(reload.error)}</p> : null}
              <button ref={reloadButton} type="button" className="button button-secondary mt-3" onClick={() => reload.mutate()} disabled={reload.isPending}>
                {t('screeningAdmin.stale.roundReload')}
              </button>
            </Notice>
          ) : null}
        </div>
        <div aria-live="polite" aria-atomic="true">
          {reloaded ? (
            <Notice variant="success" className="mt-0 mb-6">
              {t('screeningAdmin.stale.roundReloaded')}
            </Notice>
          ) : null}
        </div>
        <ErrorSummary errors={errors.summary} />
        {overlapNames.length ? (
          <div className="tidlig-admin-consequence mb-6">
            <p className="mt-0">{t('screeningAdmin.roundForm.clashIntro')}</p>
            <ul className="tidlig-admin-messages">
              {overlapNames.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <TextField
          id={errors.id('name')}
          label={t('screeningAdmin.roundForm.name')}
          hint={t('screeningAdmin.roundForm.nameHint')}
          value={v.name}
          onChange={(e) => set('name', e.target.value)}
          error={errors.error('name')}
          maxLength={200}
          autoComplete="off"
          required
        />
        <div className={`form-group${typesError ? ' form-error' : ''}`}>
          <fieldset aria-describedby={describedBy(typesId, typesHint, typesError)}>
            <legend className="form-label">{t('screeningAdmin.roundForm.institutionTypes')}</legend>
            <span className="form-hint" id={`${typesId}-hint`}>
              {typesHint}
            </span>
            {typesError ? (
              <span className="form-error-message" id={`${typesId}-error`}>
                <span className="sr-only">{t('translation:common.errorPrefix')} </span>
                {typesError}
              </span>
            ) : null}
            {typeOptions.map((type, i) => (
              <div className="form-group-checkbox" key={type}>
                <input
                  type="checkbox"
                  className="form-checkbox"
                  id={i === 0 ? typesId : `${typesId}-${type}`}
                  checked={v.institutionTypes.includes(type)}
                  onChange={(e) => toggleType(type, e.target.checked)}
                  disabled={typesLocked}
                />
                <label htmlFor={i === 0 ? typesId : `${typesId}-${type}`}>{labels.institutionType(type)}</label>
              </div>
            ))}
          </fieldset>
        </div>
        {editing ? (
          <dl className="tidlig-facts mt-5">
            <dt>{t('screeningAdmin.roundForm.scale')}</dt>
            <dd>
              {scaleText}
              <span className="form-hint d-block">{t('screeningAdmin.roundForm.scaleFixed')}</span>
            </dd>
          </dl>
        ) : scales.length ? (
          <SelectField
            id={errors.id('scaleId')}
            label={t('screeningAdmin.roundForm.scale')}
            hint={t('screeningAdmin.roundForm.scaleHint')}
            placeholder={t('screeningAdmin.roundForm.chooseScale')}
            options={scaleOptions}
            value={v.scaleId}
            onChange={(e) => set('scaleId', e.target.value)}
            error={errors.error('scaleId')}
            required
          />
        ) : (
          <p className="mt-5">{t('screeningAdmin.roundForm.noScaleYet')}</p>
        )}
        <div className="tidlig-admin-row">
          <TextField
            id={errors.id('opensOn')}
            type="date"
            label={t('screeningAdmin.roundForm.opensOn')}
            value={v.opensOn}
            onChange={(e) => set('opensOn', e.target.value)}
            error={errors.error('opensOn')}
            required
          />
          <TextField
            id={errors.id('closesOn')}
            type="date"
            label={t('screeningAdmin.roundForm.closesOn')}
            value={v.closesOn}
            onChange={(e) => set('closesOn', e.target.value)}
            error={errors.error('closesOn')}
            required
          />
        </div>
        <p className="form-hint">{t('screeningAdmin.roundForm.windowHint')}</p>
        <CheckboxField
          id={errors.id('jointRatingRequired')}
          label={t('screeningAdmin.roundForm.joint')}
          hint={t('screeningAdmin.roundForm.jointHint')}
          checked={v.jointRatingRequired}
          onChange={(e) => set('jointRatingRequired', e.target.checked)}
          error={errors.error('jointRatingRequired')}
        />
      </form>
    </Dialog>
  );
}
