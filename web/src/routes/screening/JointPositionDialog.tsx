// The joint position (TOPI practice, issue 4 item 3): when two or more professionals have rated
// a child, one of them records the position they agreed in a joint talk. A conflict (two steps
// apart, or concern against no concern) is settled only this way. A change to an agreed
// position is a correction of it (append-only on the server).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/FormField.tsx';
import { errorText } from '../../i18n/index.ts';
import type { ScreeningPosition, SheetChild } from './types.ts';
import { Swatch } from '../../components/Swatch.tsx';

const NOTE_MAX = 500;

export interface JointPositionDialogProps {
  child: SheetChild;
  positions: ScreeningPosition[];
  roundId: string;
  groupId: string;
  onClose: () => void;
  onSaved: () => Promise<unknown> | void;
}

export function JointPositionDialog({ child, positions, roundId, groupId, onClose, onSaved }: JointPositionDialogProps) {
  const { t } = useTranslation();
  const name = `${child.firstName} ${child.lastName}`;
  const [choice, setChoice] = useState(child.joint?.positionId ?? '');
  const [note, setNote] = useState(child.joint?.note ?? '');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [saving, setSaving] = useState(false);
  const formId = `joint-${child.id}`;
  const labelOf = (id: string | null) => positions.find((p) => p.id === id)?.label ?? t('screening.notAssessed');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!choice) {
      setErrors([{ fieldId: `${formId}-${positions[0]?.id}`, message: t('screening.joint.chooseRequired') }]);
      return;
    }
    setSaving(true);
    try {
      await api.post(`/api/screening/rounds/${roundId}/groups/${groupId}/joint`, {
        childId: child.id,
        positionId: choice,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(child.joint ? { correctsId: child.joint.id } : {}),
      });
      await onSaved();
      onClose();
    } catch (err) {
      setErrors([{ message: err instanceof ApiError ? err.message : errorText(err) }]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('screening.joint.title', { name })}
      footer={
        <>
          <button type="submit" form={formId} className="button button-primary" disabled={saving}>
            {saving ? t('screening.saving') : t('screening.joint.save')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('screening.joint.cancel')}
          </button>
        </>
      }
    >
      <ErrorSummary errors={errors} />
      <p>{t('screening.joint.intro')}</p>
      <h3 className="h5">{t('screening.joint.ratersHeading')}</h3>
      <ul>
        {child.mine ? <li>{t('screening.joint.mine', { position: labelOf(child.mine.positionId) })}</li> : null}
        {child.others.map((o, i) => (
          <li key={i}>{`${o.raterName}: ${o.notAssessed ? t('screening.notAssessed') : labelOf(o.positionId)}`}</li>
        ))}
      </ul>
      {child.conflict.conflict ? <p className="tidlig-conflict-badge">{t('screening.joint.conflictText')}</p> : null}
      <form id={formId} onSubmit={onSubmit} noValidate>
        <fieldset>
          <legend className="form-label">{t('screening.joint.legend', { name })}</legend>
          {positions.map((p) => (
            <div className="form-group-radio" key={p.id}>
              <input type="radio" className="form-radio" id={`${formId}-${p.id}`} name={formId} value={p.id} checked={choice === p.id} onChange={() => setChoice(p.id)} />
              <label className="form-label" htmlFor={`${formId}-${p.id}`}>
                <Swatch colour={p.colour} />
                {p.label}
                {p.meaning ? <span className="form-hint d-block">{p.meaning}</span> : null}
              </label>
            </div>
          ))}
        </fieldset>
        <TextField
          id={`${formId}-note`}
          label={t('screening.joint.noteLabel')}
          hint={t('screening.noteHint', { max: NOTE_MAX })}
          value={note}
          maxLength={NOTE_MAX}
          onChange={(e) => setNote(e.target.value)}
        />
      </form>
    </Dialog>
  );
}
