// Everyone's level of concern, side by side (S4: "makes professionals state their level
// explicitly even when they see it differently"). The scale shows the four levels with the
// municipality's labels and, under each, who stands there now — participants and parents —
// so a difference is visible at a glance and read out as text (never colour alone). The table
// under it has each person's comment and when they stated it; earlier levels are kept below.
// Anyone who may write states their own level here (an append: no If-Match).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import type { LogLevel, LogView } from '../../api/stafetlog.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { formatDateTime } from '../../components/format.ts';
import { TextareaField } from '../../components/FormField.tsx';
import { RadioGroup } from '../admin/widgets.tsx';
import { useStafetlogLabels } from './labels.ts';
import { useLogPage, useLogWrite, useWriteErrorText } from './logWrite.tsx';

interface Row {
  key: string;
  name: string;
  who: string;
  level: LogLevel | null;
}

/** One row per active participant and per parent who has stated a level; current levels only. */
export function currentLevelRows(log: LogView, partText: (p: string) => string, parentText: string): Row[] {
  const current = log.levels.filter((l) => l.current);
  const byAuthor = new Map(current.map((l) => [`${l.authorKind}:${l.authorId}`, l]));
  const rows: Row[] = log.participants
    .filter((p) => p.active)
    .map((p) => ({ key: `staff:${p.userId}`, name: p.name, who: partText(p.part), level: byAuthor.get(`staff:${p.userId}`) ?? null }));
  const listed = new Set(rows.map((r) => r.key));
  for (const l of current) {
    const key = `${l.authorKind}:${l.authorId}`;
    if (listed.has(key)) continue;
    listed.add(key);
    rows.push({ key, name: l.authorName, who: l.authorKind === 'citizen' ? parentText : partText('former'), level: l });
  }
  return rows;
}

export function LevelsSection() {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const { log } = useLogPage();
  const rows = currentLevelRows(log, labels.part, t('parts.custody_holder'));
  const stated = rows.filter((r) => r.level !== null).map((r) => r.level!.level);
  const min = Math.min(...stated);
  const max = Math.max(...stated);
  const differ = stated.length > 1 && min !== max;
  const history = log.levels.filter((l) => !l.current).sort((a, b) => b.statedAt.localeCompare(a.statedAt));

  const columns: Column<Row>[] = [
    { key: 'name', header: t('levels.name'), rowHeader: true, cell: (r) => r.name },
    { key: 'who', header: t('levels.who'), cell: (r) => r.who },
    {
      key: 'level',
      header: t('levels.level'),
      cell: (r) =>
        r.level ? (
          <span className="tidlig-stafetlog-level">
            <LevelMeter level={r.level.level} />
            {labels.level(r.level.level, log.concernLabels)}
          </span>
        ) : (
          <em>{t('levels.none')}</em>
        ),
    },
    { key: 'comment', header: t('levels.comment'), cell: (r) => r.level?.comment ?? '' },
    { key: 'at', header: t('levels.statedAt'), className: 'tidlig-nowrap', cell: (r) => (r.level ? formatDateTime(r.level.statedAt) : '') },
  ];

  return (
    <section className="tidlig-section" aria-labelledby="log-levels-heading">
      <h2 id="log-levels-heading" tabIndex={-1}>{t('levels.heading')}</h2>
      <p>{t('levels.intro')}</p>
      {differ ? (
        <p className="tidlig-stafetlog-differ" id="log-levels-differ">
          <strong>{t('levels.differ', { from: labels.level(min, log.concernLabels), to: labels.level(max, log.concernLabels) })}</strong>
        </p>
      ) : stated.length > 1 ? (
        <p id="log-levels-same">{t('levels.same')}</p>
      ) : null}
      <ol className="tidlig-stafetlog-scale" aria-label={t('levels.scaleLabel')}>
        {log.concernLabels.map((_, level) => {
          const here = rows.filter((r) => r.level?.level === level);
          return (
            <li key={level} className={here.length ? 'has-people' : undefined}>
              <span className="tidlig-stafetlog-scale-label">{labels.level(level, log.concernLabels)}</span>
              {here.length ? (
                <ul className="nobullet-list">
                  {here.map((r) => (
                    <li key={r.key}>
                      {r.name} <span className="tidlig-stafetlog-muted">({r.who})</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="tidlig-stafetlog-muted d-block">{t('levels.nobody')}</span>
              )}
            </li>
          );
        })}
      </ol>
      <DataTable caption={t('levels.caption')} columns={columns} rows={rows} rowKey={(r) => r.key} empty={t('levels.empty')} />
      {history.length ? (
        <details className="mt-5">
          <summary>{t('levels.history', { count: history.length })}</summary>
          <DataTable
            caption={t('levels.historyCaption')}
            captionHidden
            columns={[
              { key: 'name', header: t('levels.name'), rowHeader: true, cell: (l: LogLevel) => l.authorName },
              { key: 'level', header: t('levels.level'), cell: (l: LogLevel) => labels.level(l.level, log.concernLabels) },
              { key: 'comment', header: t('levels.comment'), cell: (l: LogLevel) => l.comment ?? '' },
              { key: 'at', header: t('levels.statedAt'), className: 'tidlig-nowrap', cell: (l: LogLevel) => formatDateTime(l.statedAt) },
            ]}
            rows={history}
            rowKey={(l) => `${l.authorId}-${l.statedAt}`}
            compact
          />
        </details>
      ) : null}
      {log.status === 'open' && log.me.canWrite ? <MyLevelForm /> : null}
    </section>
  );
}

/** Three boxes, as many filled as the level (0–3): a picture of the number written beside it. */
export function LevelMeter({ level }: { level: number }) {
  return (
    <span className="tidlig-stafetlog-meter" aria-hidden="true">
      {[1, 2, 3].map((n) => (
        <span key={n} className={n <= level ? 'is-filled' : undefined} />
      ))}
    </span>
  );
}

function MyLevelForm() {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const { log } = useLogPage();
  const me = useMe();
  const writeError = useWriteErrorText();
  const mine = log.levels.find((l) => l.current && l.authorKind === 'staff' && l.authorId === me.user.id);
  const [level, setLevel] = useState(mine ? String(mine.level) : '');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = useLogWrite(
    (l, body: { level: number; comment?: string }) => api.post(`/api/stafetlogs/${l.id}/levels`, body),
    {
      done: (b) => t('levels.saved', { level: labels.level(b.level, log.concernLabels) }),
      onSuccess: () => setComment(''),
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (level === '') {
      setError(t('levels.chooseLevel'));
      document.getElementById('my-level')?.focus();
      return;
    }
    setError(null);
    save.mutate({ level: Number(level), ...(comment.trim() ? { comment: comment.trim() } : {}) });
  };
  return (
    <form className="tidlig-stafetlog-form mt-6" onSubmit={submit} noValidate aria-labelledby="my-level-heading">
      <h3 id="my-level-heading">{mine ? t('levels.changeMine') : t('levels.stateMine')}</h3>
      {save.isError ? <ErrorSummary errors={[{ message: writeError(save.error) }]} /> : null}
      <RadioGroup
        id="my-level"
        name="my-level"
        legend={t('levels.myLevel')}
        hint={t('levels.myLevelHint')}
        error={error}
        options={log.concernLabels.map((_, n) => ({ value: String(n), label: labels.level(n, log.concernLabels) }))}
        value={level}
        onChange={setLevel}
      />
      <TextareaField id="my-level-comment" label={t('levels.myComment')} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} rows={2} />
      <button type="submit" className="button button-primary mt-4" disabled={save.isPending}>
        {t('levels.save')}
      </button>
    </form>
  );
}
