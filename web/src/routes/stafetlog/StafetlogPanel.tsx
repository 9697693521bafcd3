// The child page's stafetlog panel (issue 5 item 5: "the child page shows the log when the
// viewer has access"): the open log in short — the concern, the stafetholder and everyone's
// current level — with a link to the whole log; or, when the viewer may open one, the form to
// open it with the concern and the opener's own level (the opener becomes stafetholder).
// Closed logs the viewer can read are listed. Shown only with `stafetlog.work`.
//   <StafetlogPanel childId={child.id} childName="Ida" />
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { childStafetlogQuery, stafetlogKeys, type LogView, type OpenLogBody } from '../../api/stafetlog.ts';
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary.tsx';
import { formatDateTime, formatDayShort } from '../../components/format.ts';
import { TextareaField } from '../../components/FormField.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { errorText } from '../../i18n/index.ts';
import { RadioGroup } from '../admin/widgets.tsx';
import { useStafetlogLabels } from './labels.ts';
import { currentLevelRows, LevelMeter } from './LevelsSection.tsx';
import './stafetlog.css';

export function StafetlogPanel({ childId, childName }: { childId: string; childName: string }) {
  const may = useCan('stafetlog.work');
  return may ? <Panel childId={childId} childName={childName} /> : null;
}

function Panel({ childId, childName }: { childId: string; childName: string }) {
  const { t } = useTranslation('stafetlog');
  const query = useQuery(childStafetlogQuery(childId));
  const [opening, setOpening] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);

  return (
    <section className="tidlig-section" aria-labelledby="child-stafetlog-heading" id="stafetlog">
      <h2 id="child-stafetlog-heading">{t('panel.heading')}</h2>
      {query.isPending ? (
        <Loading text={t('panel.loading')} />
      ) : query.isError ? (
        <Notice variant="error">{errorText(query.error)}</Notice>
      ) : (
        <>
          {query.data.log ? <OpenLogSummary log={query.data.log} /> : <p>{t('panel.noLog', { name: childName })}</p>}
          {!query.data.log && query.data.canOpen ? (
            opening ? (
              <OpenLogForm
                childId={childId}
                childName={childName}
                concernLabels={query.data.concernLabels}
                onCancel={() => {
                  setOpening(false);
                  window.setTimeout(() => openButton.current?.focus(), 0);
                }}
              />
            ) : (
              <button ref={openButton} type="button" className="button button-primary" onClick={() => setOpening(true)}>
                <Icon name="plus" />
                {t('panel.open')}
              </button>
            )
          ) : null}
          {query.data.closed.length ? (
            <>
              <h3 className="h5">{t('panel.closedHeading')}</h3>
              <ul>
                {query.data.closed.map((c) => (
                  <li key={c.id}>
                    <Link to="/stafetlog/$logId" params={{ logId: c.id }}>
                      {t('panel.closedItem', { opened: formatDayShort(c.openedAt.slice(0, 10)), closed: c.closedAt ? formatDayShort(c.closedAt.slice(0, 10)) : '' })}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}

function OpenLogSummary({ log }: { log: LogView }) {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const rows = currentLevelRows(log, labels.part, t('parts.custody_holder')).filter((r) => r.level);
  return (
    <div className="tidlig-stafetlog-summary">
      <dl className="tidlig-facts">
        <dt>{t('log.concern')}</dt>
        <dd className="tidlig-stafetlog-pre">{log.concern}</dd>
        <dt>{t('log.holder')}</dt>
        <dd>{log.holder.name}</dd>
        <dt>{t('log.openedAt')}</dt>
        <dd>{formatDateTime(log.openedAt)}</dd>
        <dt>{t('panel.levels')}</dt>
        <dd>
          {rows.length ? (
            <ul className="nobullet-list">
              {rows.map((r) => (
                <li key={r.key}>
                  <span className="tidlig-stafetlog-level">
                    <LevelMeter level={r.level!.level} />
                    {r.name} ({r.who}): {labels.level(r.level!.level, log.concernLabels)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            t('levels.empty')
          )}
        </dd>
      </dl>
      <p>
        <Link to="/stafetlog/$logId" params={{ logId: log.id }} className="button button-secondary">
          {t('panel.show')}
        </Link>
      </p>
    </div>
  );
}

function OpenLogForm({ childId, childName, concernLabels, onCancel }: { childId: string; childName: string; concernLabels: readonly string[]; onCancel: () => void }) {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [concern, setConcern] = useState('');
  const [level, setLevel] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const concernRef = useRef<HTMLTextAreaElement>(null);
  // The form appears where the button was: move focus into it.
  useEffect(() => concernRef.current?.focus(), []);
  const open = useMutation({
    mutationFn: (body: OpenLogBody) => api.post<LogView>(`/api/children/${childId}/stafetlogs`, body),
    onSuccess: async (log) => {
      qc.setQueryData(stafetlogKeys.log(log.id), log);
      await qc.invalidateQueries({ queryKey: stafetlogKeys.all });
      void navigate({ to: '/stafetlog/$logId', params: { logId: log.id } });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!concern.trim()) next['open-concern'] = t('open.concernRequired');
    if (level === '') next['open-level'] = t('levels.chooseLevel');
    setErrors(next);
    if (Object.keys(next).length) return;
    open.mutate({ concern: concern.trim(), level: Number(level), ...(comment.trim() ? { levelComment: comment.trim() } : {}) });
  };
  const summary: SummaryError[] = [...Object.entries(errors).map(([fieldId, message]) => ({ fieldId, message })), ...(open.isError ? [{ message: errorText(open.error) }] : [])];
  return (
    <form id="open-log-form" className="tidlig-stafetlog-form" onSubmit={submit} noValidate aria-labelledby="open-log-heading">
      <h3 id="open-log-heading">{t('open.heading', { name: childName })}</h3>
      <p>{t('open.intro')}</p>
      <ErrorSummary errors={summary} />
      <TextareaField
        id="open-concern"
        label={t('open.concern')}
        hint={t('open.concernHint')}
        value={concern}
        onChange={(e) => setConcern(e.target.value)}
        error={errors['open-concern']}
        maxLength={4000}
        rows={5}
        ref={concernRef}
      />
      <RadioGroup
        id="open-level"
        name="open-level"
        legend={t('levels.myLevel')}
        hint={t('levels.myLevelHint')}
        error={errors['open-level']}
        options={concernLabels.map((_, n) => ({ value: String(n), label: labels.level(n, concernLabels) }))}
        value={level}
        onChange={setLevel}
      />
      <TextareaField id="open-level-comment" label={t('levels.myComment')} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} rows={2} />
      <div className="tidlig-admin-actions">
        <button type="submit" className="button button-primary" disabled={open.isPending}>
          {t('open.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('translation:common.cancel')}
        </button>
      </div>
    </form>
  );
}
