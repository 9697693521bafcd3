// /trivsel/$roundId/$groupId — fast entry for one group: every child in one table, the
// scale's positions as a radio group per child (arrow keys within a child, Tab to the next),
// "Ikke vurderet" with a required reason, an optional note. "Gem vurderinger" saves every
// changed or newly rated child in ONE POST …/ratings (all or nothing on the server); a child
// I already rated is sent as a correction (correctsId = my current rating's id).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary.tsx';
import { CheckboxField, TextField } from '../../components/FormField.tsx';
import { formatDay, todayInCopenhagen } from '../../components/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../i18n/index.ts';
import type { GroupSheet, RatingInput, Saved, ScreeningPosition, SheetChild } from './types.ts';
import { HandleguidePanel } from '../guide/HandleguidePanel.tsx';
import { JointPositionDialog } from './JointPositionDialog.tsx';
import { Swatch } from '../../components/Swatch.tsx';

const NOT_ASSESSED = 'na';
const NOTE_MAX = 500;
const REASON_MAX = 300;

interface Draft {
  /** '' (nothing chosen), a position id, or NOT_ASSESSED. */
  choice: string;
  reason: string;
  note: string;
}

function initialDraft(c: SheetChild): Draft {
  return {
    choice: c.mine ? (c.mine.positionId ?? NOT_ASSESSED) : '',
    reason: c.mine?.notAssessedReason ?? '',
    note: c.mine?.note ?? '',
  };
}

function sameDraft(a: Draft, b: Draft): boolean {
  return a.choice === b.choice && a.reason.trim() === b.reason.trim() && a.note.trim() === b.note.trim();
}

/** Whole years between a birth date and today (both 'YYYY-MM-DD'). */
export function ageInYears(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function GroupRatingPage() {
  const { t } = useTranslation();
  const { roundId, groupId } = useParams({ strict: false }) as { roundId: string; groupId: string };
  const queryClient = useQueryClient();
  const queryKey = ['screening', 'group', roundId, groupId] as const;
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<GroupSheet>(`/api/screening/rounds/${roundId}/groups/${groupId}`, { signal }),
    staleTime: 0,
  });
  const sheet = query.data;
  usePageTitle(sheet ? t('screening.groupTitle', { group: sheet.group.name }) : t('screening.title'));

  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [showNotes, setShowNotes] = useState(false);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [savedCount, setSavedCount] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [jointFor, setJointFor] = useState<SheetChild | null>(null);

  if (query.isPending) return <Loading />;
  if (query.isError || !sheet) {
    return (
      <>
        <h1>{t('screening.title')}</h1>
        <Notice variant="error" live="assertive">
          {errorText(query.error)}
        </Notice>
        <p className="mt-6">
          <Link to="/trivsel">{t('screening.backToRounds')}</Link>
        </p>
      </>
    );
  }

  const today = todayInCopenhagen();
  const positionById = new Map<string, ScreeningPosition>(sheet.positions.map((p) => [p.id, p]));
  const draftOf = (c: SheetChild): Draft => drafts[c.id] ?? initialDraft(c);
  const update = (c: SheetChild, patch: Partial<Draft>) => {
    setDrafts((d) => ({ ...d, [c.id]: { ...(d[c.id] ?? initialDraft(c)), ...patch } }));
    setSavedCount(null);
  };
  const nameOf = (c: SheetChild) => `${c.firstName} ${c.lastName}`;
  const changed = sheet.children.filter((c) => {
    const d = draftOf(c);
    return d.choice !== '' && !sameDraft(d, initialDraft(c));
  });
  const concern = sheet.children.some((c) => {
    const p = c.mine?.positionId ? positionById.get(c.mine.positionId) : undefined;
    return p?.isConcern === true;
  });
  const assessed = sheet.coverage.total - sheet.coverage.missing;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSavedCount(null);
    const problems: SummaryError[] = [];
    const fields: Record<string, string> = {};
    for (const c of changed) {
      const d = draftOf(c);
      if (d.choice === NOT_ASSESSED && !d.reason.trim()) {
        const message = t('screening.reasonRequired', { name: nameOf(c) });
        fields[c.id] = message;
        problems.push({ fieldId: `reason-${c.id}`, message });
      }
    }
    if (!changed.length) problems.push({ message: t('screening.nothingChanged') });
    setFieldErrors(fields);
    setErrors(problems);
    if (problems.length) return;

    const ratings: RatingInput[] = changed.map((c) => {
      const d = draftOf(c);
      const na = d.choice === NOT_ASSESSED;
      return {
        childId: c.id,
        positionId: na ? null : d.choice,
        ...(na ? { notAssessedReason: d.reason.trim() } : {}),
        ...(d.note.trim() ? { note: d.note.trim() } : {}),
        ...(c.mine ? { correctsId: c.mine.id } : {}),
      };
    });
    setSaving(true);
    try {
      const result = await api.post<Saved>(`/api/screening/rounds/${roundId}/groups/${groupId}/ratings`, { ratings });
      await queryClient.invalidateQueries({ queryKey });
      void queryClient.invalidateQueries({ queryKey: ['screening', 'rounds'] });
      setDrafts({});
      setSavedCount(result.saved.length);
    } catch (err) {
      if (err instanceof ApiError) {
        const list: SummaryError[] = [{ message: err.message }];
        for (const p of err.fieldProblems) if (p.message !== err.message) list.push({ message: p.message });
        setErrors(list);
      } else {
        setErrors([{ message: errorText(err) }]);
      }
    } finally {
      setSaving(false);
    }
  };

  const columns: Column<SheetChild>[] = [
    { key: 'name', header: t('screening.child'), rowHeader: true, cell: (c) => nameOf(c) },
    { key: 'age', header: t('screening.age'), className: 'tidlig-nowrap', cell: (c) => t('children.ageYears', { count: ageInYears(c.birthDate, today) }) },
    {
      key: 'rating',
      header: t('screening.rating'),
      cell: (c) => {
        const d = draftOf(c);
        const name = `rating-${c.id}`;
        const reasonError = fieldErrors[c.id];
        return (
          <>
            <fieldset className="tidlig-rating-fieldset" disabled={!sheet.mayRate}>
              <legend className="sr-only">{t('screening.ratingOf', { name: nameOf(c) })}</legend>
              <div className="tidlig-rating-options">
                {sheet.positions.map((p) => (
                  <div className="form-group-radio" key={p.id}>
                    <input
                      type="radio"
                      className="form-radio"
                      id={`${name}-${p.id}`}
                      name={name}
                      value={p.id}
                      checked={d.choice === p.id}
                      onChange={() => update(c, { choice: p.id })}
                    />
                    <label className="form-label" htmlFor={`${name}-${p.id}`} title={p.meaning || undefined}>
                      <Swatch colour={p.colour} />
                      {p.label}
                    </label>
                  </div>
                ))}
                <div className="form-group-radio">
                  <input
                    type="radio"
                    className="form-radio"
                    id={`${name}-na`}
                    name={name}
                    value={NOT_ASSESSED}
                    checked={d.choice === NOT_ASSESSED}
                    onChange={() => update(c, { choice: NOT_ASSESSED })}
                  />
                  <label className="form-label" htmlFor={`${name}-na`}>
                    {t('screening.notAssessed')}
                  </label>
                </div>
              </div>
            </fieldset>
            {d.choice === NOT_ASSESSED || showNotes || d.note ? (
              <div className="tidlig-rating-extra">
                {d.choice === NOT_ASSESSED ? (
                  <TextField
                    id={`reason-${c.id}`}
                    label={t('screening.reasonLabel', { name: nameOf(c) })}
                    value={d.reason}
                    maxLength={REASON_MAX}
                    required
                    aria-required="true"
                    disabled={!sheet.mayRate}
                    error={reasonError}
                    onChange={(e) => update(c, { reason: e.target.value })}
                  />
                ) : null}
                {showNotes || d.note ? (
                  <TextField
                    id={`note-${c.id}`}
                    label={t('screening.noteLabel', { name: nameOf(c) })}
                    hint={t('screening.noteHint', { max: NOTE_MAX })}
                    value={d.note}
                    maxLength={NOTE_MAX}
                    disabled={!sheet.mayRate}
                    onChange={(e) => update(c, { note: e.target.value })}
                  />
                ) : null}
              </div>
            ) : null}
          </>
        );
      },
    },
    {
      key: 'status',
      header: t('screening.statusHeader'),
      cell: (c) => (
        <>
          <span>{t(`screening.status.${c.status}`)}</span>
          {c.conflict.conflict && !c.joint ? (
            <>
              {' '}
              <span className="tidlig-conflict-badge">{t('screening.conflict')}</span>
            </>
          ) : null}
          {c.others.length ? (
            <span className="d-block mt-2">
              {t('screening.others')}:{' '}
              {c.others
                .map((o) => `${o.raterName}: ${o.notAssessed ? t('screening.notAssessed') : (positionById.get(o.positionId ?? '')?.label ?? '–')}`)
                .join('; ')}
            </span>
          ) : null}
          {c.joint ? (
            <span className="d-block mt-2">
              {t('screening.joint.agreed', { position: positionById.get(c.joint.positionId)?.label ?? '–', by: c.joint.agreedBy })}
            </span>
          ) : null}
          {sheet.mayRate && c.mayAgreeJoint ? (
            <button
              type="button"
              className="button button-tertiary mt-2 tidlig-joint-button"
              aria-label={t(c.joint ? 'screening.joint.change' : 'screening.joint.agree', { name: nameOf(c) })}
              onClick={() => setJointFor(c)}
            >
              {t(c.joint ? 'screening.joint.changeShort' : 'screening.joint.agreeShort')}
            </button>
          ) : null}
        </>
      ),
    },
  ];

  return (
    <>
      <p>
        <Link to="/trivsel">{t('screening.backToRounds')}</Link>
      </p>
      <h1>{t('screening.groupTitle', { group: sheet.group.name })}</h1>
      <p className="font-lead">
        {sheet.group.institutionName} · {sheet.round.name} ·{' '}
        {t('screening.period', { from: formatDay(sheet.round.opensOn), to: formatDay(sheet.round.closesOn) })}
      </p>
      <p aria-live="polite" id="screening-coverage">
        <strong>{t('screening.coverage', { done: assessed, total: sheet.coverage.total })}</strong>
        {sheet.coverage.conflicts ? ` · ${t('screening.conflicts', { count: sheet.coverage.conflicts })}` : ''}
      </p>

      <ErrorSummary errors={errors} />
      {savedCount !== null ? (
        <Notice variant="success" live="polite" heading={t('screening.savedHeading')}>
          {t('screening.saved', { count: savedCount })}
        </Notice>
      ) : null}
      {concern ? (
        <Notice variant="warning" heading={t('screening.concernHeading')}>
          {t('screening.concernText')}
        </Notice>
      ) : null}
      {!sheet.mayRate ? <Notice variant="info">{t('screening.readOnly')}</Notice> : null}
      {sheet.mayRate && sheet.late ? <Notice variant="warning">{t('screening.late')}</Notice> : null}

      <form onSubmit={onSubmit} noValidate className="mt-6">
        <p>{t('screening.keyboardHint')}</p>
        <CheckboxField id="screening-show-notes" label={t('screening.showNotes')} checked={showNotes} onChange={(e) => setShowNotes(e.target.checked)} />
        <DataTable
          caption={t('screening.caption', { group: sheet.group.name })}
          columns={columns}
          rows={sheet.children}
          rowKey={(c) => c.id}
          empty={t('screening.noChildren')}
        />
        <HandleguidePanel positions={sheet.positions} people={sheet.children} drafts={drafts} />
        {sheet.mayRate && sheet.children.length ? (
          <div className="mt-6">
            <p>{t('screening.changedCount', { count: changed.length })}</p>
            <button type="submit" className="button button-primary" disabled={saving} aria-disabled={saving ? true : undefined}>
              {saving ? t('screening.saving') : t('screening.save')}
            </button>
          </div>
        ) : null}
      </form>
      {jointFor ? (
        <JointPositionDialog
          child={jointFor}
          positions={sheet.positions}
          roundId={roundId}
          groupId={groupId}
          onClose={() => setJointFor(null)}
          onSaved={() => queryClient.invalidateQueries({ queryKey })}
        />
      ) : null}
    </>
  );
}
