// The positions of a scale (own positions, or a new version): label, colour, meaning and
// whether the position counts as concern, best first. Add, remove and reorder by buttons —
// keyboard users keep their place: after a move the focus stays on the moved position's
// button, after a removal it goes to the position that took its place, after adding to the
// new position's name; a polite status line says what happened.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_POSITIONS, MIN_POSITIONS, scaleProblems, type ScaleProblem } from '../../../../../src/domain/screening-scale.ts';
import { CheckboxField, FieldFrame, TextField, describedBy } from '../../../components/FormField.tsx';
import { Icon } from '../../../components/Icon.tsx';
import type { FieldErrors, FormErrors } from '../forms.ts';
import type { Position, PositionInput } from './api.ts';
import { PositionName } from './Swatch.tsx';

export interface DraftPosition {
  /** Stable React key while positions move. */
  key: string;
  label: string;
  colour: string;
  meaning: string;
  isConcern: boolean;
}

let keySeq = 0;
const nextKey = () => `p${(keySeq += 1)}`;

export function draftsFrom(positions: readonly (Position | PositionInput)[]): DraftPosition[] {
  return positions.map((p) => ({ key: nextKey(), label: p.label, colour: p.colour.toLowerCase(), meaning: p.meaning ?? '', isConcern: p.isConcern }));
}

/** A new position: not concern when it is the first, else concern (concern positions come last). */
export function blankPosition(index: number): DraftPosition {
  return { key: nextKey(), label: '', colour: index === 0 ? '#2e7d32' : '#c62828', meaning: '', isConcern: index > 0 };
}

export function toInput(drafts: readonly DraftPosition[]): PositionInput[] {
  return drafts.map((d) => ({ label: d.label.trim(), colour: d.colour, meaning: d.meaning.trim(), isConcern: d.isConcern }));
}

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * Field errors for the scale rule's problems — the same whether found here or sent back by
 * the server (422 screening.scale_invalid lists them). Problems of the whole list (count,
 * order) sit on the "Tilføj position" button.
 */
export function problemErrors(problems: readonly ScaleProblem[], t: T): FieldErrors {
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const p of problems) {
    switch (p.kind) {
      case 'duplicate_label':
        fields[`positions.${p.index}.label`] ??= t('screeningAdmin.problems.duplicateLabel', { n: p.index + 1 });
        break;
      case 'colour':
        fields[`positions.${p.index}.colour`] ??= t('screeningAdmin.problems.colour', { n: p.index + 1 });
        break;
      case 'concern_order':
        fields[`positions.${p.index}.isConcern`] ??= t('screeningAdmin.problems.concernOrder', { n: p.index + 1 });
        break;
      case 'no_wellbeing':
        fields['positions.0.isConcern'] ??= t('screeningAdmin.problems.noWellbeing');
        break;
      case 'count':
        general.push(t('screeningAdmin.problems.count', { min: p.min, max: p.max }));
        break;
      case 'ordinals':
        general.push(t('screeningAdmin.problems.ordinals'));
        break;
    }
  }
  if (general.length) fields['positions.add'] = general.join(' ');
  return fields;
}

/** Everything the client can check before sending: each field, then the scale rule itself. */
export function validatePositions(drafts: readonly DraftPosition[], t: T): FieldErrors {
  const e: FieldErrors = {};
  drafts.forEach((d, i) => {
    const n = i + 1;
    if (!d.label.trim()) e[`positions.${i}.label`] = t('validation.positions.label', { n });
    else if (d.label.trim().length > 60) e[`positions.${i}.label`] = t('screeningAdmin.problems.labelTooLong', { n, max: 60 });
    if (d.meaning.trim().length > 500) e[`positions.${i}.meaning`] = t('validation.positions.meaning', { n });
  });
  const structural = problemErrors(
    scaleProblems(drafts.map((d, i) => ({ ordinal: i + 1, label: d.label, colour: d.colour, meaning: d.meaning, isConcern: d.isConcern }))),
    t,
  );
  // An empty label is reported once (as empty), not also as a duplicate of another empty one.
  for (const [path, message] of Object.entries(structural)) e[path] ??= message;
  return inFormOrder(e);
}

const FIELD_ORDER = ['label', 'colour', 'meaning', 'isConcern'];

/** The errors in the order of the form (position by position, field by field): the summary lists them so. */
export function inFormOrder(errors: FieldErrors): FieldErrors {
  const rank = (path: string) => {
    const m = /^positions\.(\d+)\.(\w+)$/.exec(path);
    return m ? Number(m[1]) * 10 + FIELD_ORDER.indexOf(m[2]!) : path === 'positions.add' ? 1_000 : -1;
  };
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

interface Props {
  formId: string;
  positions: DraftPosition[];
  onChange: (next: DraftPosition[]) => void;
  errors: FormErrors;
}

export function PositionsEditor({ formId, positions, onChange, errors }: Props) {
  const { t } = useTranslation('admin');
  const [status, setStatus] = useState('');
  const focusNext = useRef<string | null>(null);
  const idOf = (i: number, part: string) => `${formId}-positions-${i}-${part}`;
  const name = (d: DraftPosition, i: number) => (d.label.trim() ? t('screeningAdmin.positions.named', { n: i + 1, label: d.label.trim() }) : t('screeningAdmin.positions.unnamed', { n: i + 1 }));

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const update = (i: number, patch: Partial<DraftPosition>) => onChange(positions.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  const move = (i: number, to: number) => {
    const next = [...positions];
    const [moved] = next.splice(i, 1);
    next.splice(to, 0, moved!);
    // Stay on the same button when it still can act, else on the opposite one.
    const up = to < i;
    const sameStillWorks = up ? to > 0 : to < next.length - 1;
    focusNext.current = idOf(to, (up ? sameStillWorks : !sameStillWorks) ? 'up' : 'down');
    setStatus(t('screeningAdmin.positions.moved', { label: moved!.label.trim() || t('screeningAdmin.positions.noLabel'), n: to + 1 }));
    onChange(next);
  };

  const remove = (i: number) => {
    const removed = positions[i]!;
    const next = positions.filter((_, j) => j !== i);
    focusNext.current = next.length ? idOf(Math.min(i, next.length - 1), 'label') : `${formId}-positions-add`;
    setStatus(t('screeningAdmin.positions.removed', { name: name(removed, i) }));
    onChange(next);
  };

  const add = () => {
    focusNext.current = idOf(positions.length, 'label');
    setStatus(t('screeningAdmin.positions.added', { n: positions.length + 1 }));
    onChange([...positions, blankPosition(positions.length)]);
  };

  return (
    <fieldset className="tidlig-admin-fieldset" aria-describedby={`${formId}-positions-hint`}>
      <legend className="h3">{t('screeningAdmin.positions.legend')}</legend>
      <p className="form-hint" id={`${formId}-positions-hint`}>
        {t('screeningAdmin.positions.hint', { min: MIN_POSITIONS, max: MAX_POSITIONS })}
      </p>
      <ol className="nobullet-list tidlig-admin-positions">
        {positions.map((d, i) => {
          const colourError = errors.error(`positions.${i}.colour`);
          return (
            <li key={d.key}>
              <fieldset className="tidlig-admin-card tidlig-admin-position-card">
                <legend className="h4">
                  {t('screeningAdmin.positions.position', { n: i + 1 })}
                  {d.label.trim() ? (
                    <>
                      {': '}
                      <PositionName label={d.label.trim()} colour={d.colour} />
                    </>
                  ) : null}
                </legend>
                <div className="tidlig-admin-row">
                  <TextField
                    id={idOf(i, 'label')}
                    label={t('screeningAdmin.positions.label')}
                    value={d.label}
                    onChange={(e) => update(i, { label: e.target.value })}
                    error={errors.error(`positions.${i}.label`)}
                    maxLength={60}
                    autoComplete="off"
                    width="m"
                    required
                  />
                  <FieldFrame id={idOf(i, 'colour')} label={t('screeningAdmin.positions.colour')} hint={t('screeningAdmin.positions.colourHint', { colour: d.colour })} error={colourError}>
                    <input
                      id={idOf(i, 'colour')}
                      type="color"
                      className="form-input tidlig-admin-colour"
                      value={d.colour}
                      onChange={(e) => update(i, { colour: e.target.value.toLowerCase() })}
                      aria-invalid={colourError ? true : undefined}
                      aria-describedby={describedBy(idOf(i, 'colour'), true, colourError)}
                    />
                  </FieldFrame>
                </div>
                <TextField
                  id={idOf(i, 'meaning')}
                  label={t('screeningAdmin.positions.meaning')}
                  hint={t('screeningAdmin.positions.meaningHint')}
                  value={d.meaning}
                  onChange={(e) => update(i, { meaning: e.target.value })}
                  error={errors.error(`positions.${i}.meaning`)}
                  maxLength={500}
                  autoComplete="off"
                  width="xl"
                />
                <CheckboxField
                  id={idOf(i, 'isConcern')}
                  label={t('screeningAdmin.positions.isConcern')}
                  checked={d.isConcern}
                  onChange={(e) => update(i, { isConcern: e.target.checked })}
                  error={errors.error(`positions.${i}.isConcern`)}
                />
                <div className="tidlig-admin-actions">
                  <button type="button" id={idOf(i, 'up')} className="button button-tertiary tidlig-admin-row-button" onClick={() => move(i, i - 1)} disabled={i === 0}>
                    <Icon name="arrow-upward" />
                    {t('screeningAdmin.positions.moveUp')}
                    <span className="sr-only"> {name(d, i)}</span>
                  </button>
                  <button
                    type="button"
                    id={idOf(i, 'down')}
                    className="button button-tertiary tidlig-admin-row-button"
                    onClick={() => move(i, i + 1)}
                    disabled={i === positions.length - 1}
                  >
                    <Icon name="arrow-downward" />
                    {t('screeningAdmin.positions.moveDown')}
                    <span className="sr-only"> {name(d, i)}</span>
                  </button>
                  <button
                    type="button"
                    id={idOf(i, 'remove')}
                    className="button button-tertiary tidlig-admin-row-button"
                    onClick={() => remove(i)}
                    disabled={positions.length <= MIN_POSITIONS}
                  >
                    <Icon name="delete" />
                    {t('screeningAdmin.positions.remove')}
                    <span className="sr-only"> {name(d, i)}</span>
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="tidlig-admin-actions">
        <button
          type="button"
          id={`${formId}-positions-add`}
          className="button button-secondary"
          onClick={add}
          disabled={positions.length >= MAX_POSITIONS}
          aria-describedby={errors.error('positions.add') ? `${formId}-positions-add-error` : undefined}
        >
          <Icon name="plus" />
          {t('screeningAdmin.positions.add')}
        </button>
        {positions.length >= MAX_POSITIONS ? <span className="form-hint">{t('screeningAdmin.positions.full', { max: MAX_POSITIONS })}</span> : null}
      </div>
      {errors.error('positions.add') ? (
        <p className="form-error-message" id={`${formId}-positions-add-error`}>
          {errors.error('positions.add')}
        </p>
      ) : null}
      <p className="sr-only" role="status" aria-live="polite">
        {status}
      </p>
    </fieldset>
  );
}
