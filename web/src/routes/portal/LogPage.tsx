// /borger/stafetlog/$logId — everything in the log (there are no hidden notes): the concern,
// everyone's own level side by side (differences stay visible), goals, actions, evaluations,
// the log's text, documents and who takes part. The parent adds their own words, states
// their own level and proposes goals.
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useLog, usePortalMe, type LogView } from '../../api/portal.ts';
import { formatDateTime, formatDay } from '../../components/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../i18n/index.ts';
import { BackLink, PortalNotFound } from './ChildPage.tsx';
import { GoalForm, LevelForm, OwnWordsForm } from './LogForms.tsx';
import { usePortalLabels } from './labels.ts';

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} kB` : `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

/** Four steps, the chosen one filled: a picture of the level (the text says it too). */
function Scale({ level }: { level: number }) {
  return (
    <span className="tidlig-portal-scale" aria-hidden="true">
      {[0, 1, 2, 3].map((n) => (
        <span key={n} className={`tidlig-portal-step${n <= level ? ' is-on' : ''} level-${level}`}></span>
      ))}
    </span>
  );
}

function Levels({ log, myId }: { log: LogView; myId: string }) {
  const { t } = useTranslation('portal');
  const labels = usePortalLabels();
  const current = log.levels.filter((l) => l.current);
  const earlier = log.levels.filter((l) => !l.current).sort((a, b) => b.statedAt.localeCompare(a.statedAt));
  const differ = new Set(current.map((l) => l.level)).size > 1;
  const whoIs = (l: LogView['levels'][number]) => {
    if (l.authorKind === 'citizen') return l.authorId === myId ? t('log.you') : t('log.parent');
    const p = log.participants.find((x) => x.userId === l.authorId);
    return p ? labels.profession(p.profession) : '';
  };
  return (
    <section className="tidlig-section" aria-labelledby="log-levels-heading">
      <h2 id="log-levels-heading">{t('log.levelsHeading')}</h2>
      <p>{t('log.levelsIntro')}</p>
      {differ ? <p className="weight-semibold">{t('log.levelsDiffer')}</p> : null}
      {current.length === 0 ? (
        <p>{t('log.noLevels')}</p>
      ) : (
        <ul className="unstyled-list tidlig-portal-levels">
          {current.map((l) => (
            <li key={`${l.authorKind}-${l.authorId}`} className="tidlig-portal-card">
              <p className="m-0 weight-semibold">{l.authorName}</p>
              {whoIs(l) ? <p className="m-0 tidlig-portal-muted">{whoIs(l)}</p> : null}
              <p className="mt-2 mb-0">
                <Scale level={l.level} /> <span className="weight-semibold">{t('log.levelValue', { level: l.level, label: log.concernLabels[l.level] ?? '' })}</span>
              </p>
              {l.comment ? <p className="mt-2 mb-0">“{l.comment}”</p> : null}
              <p className="mt-2 mb-0 tidlig-portal-muted">{t('log.statedAt', { date: formatDay(l.statedAt.slice(0, 10)) })}</p>
            </li>
          ))}
        </ul>
      )}
      {earlier.length ? (
        <details className="mt-4">
          <summary>{t('log.earlierLevels', { count: earlier.length })}</summary>
          <ul>
            {earlier.map((l, i) => (
              <li key={i}>
                {t('log.earlierLevel', { name: l.authorName, date: formatDay(l.statedAt.slice(0, 10)), level: l.level, label: log.concernLabels[l.level] ?? '' })}
                {l.comment ? ` – “${l.comment}”` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function GoalsAndActions({ log }: { log: LogView }) {
  const { t } = useTranslation('portal');
  const labels = usePortalLabels();
  const actions = [...log.actions].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return (
    <section className="tidlig-section" aria-labelledby="log-goals-heading">
      <h2 id="log-goals-heading">{t('log.goalsHeading')}</h2>
      {log.goals.length === 0 ? <p>{t('log.noGoals')}</p> : null}
      <ul className="unstyled-list tidlig-portal-items">
        {log.goals.map((g) => (
          <li key={g.id}>
            <p className="m-0 weight-semibold">{g.text}</p>
            <p className="m-0 tidlig-portal-muted">
              {labels.goalStatus(g.status)} · {t('log.proposedBy', { name: g.proposedBy.name, date: formatDay(g.createdAt.slice(0, 10)) })}
            </p>
          </li>
        ))}
      </ul>
      <h3>{t('log.actionsHeading')}</h3>
      {actions.length === 0 ? <p>{t('log.noActions')}</p> : null}
      <ul className="unstyled-list tidlig-portal-items">
        {actions.map((a) => (
          <li key={a.id}>
            <p className="m-0 weight-semibold">{a.text}</p>
            <p className="m-0">
              {t('child.actionWho', { who: a.owner.kind === 'family' ? t('log.family') : (a.owner.name ?? '') })} ·{' '}
              {t('child.actionDue', { date: formatDay(a.dueDate) })} · {labels.actionStatus(a.status)}
              {a.overdue ? <strong className="tidlig-portal-late"> · {t('log.overdue')}</strong> : null}
            </p>
          </li>
        ))}
      </ul>
      <h3>{t('log.evaluationsHeading')}</h3>
      {log.evaluations.length === 0 ? <p>{t('log.noEvaluations')}</p> : null}
      <ul className="unstyled-list tidlig-portal-items">
        {log.evaluations.map((e) => (
          <li key={e.id}>
            <p className="m-0 weight-semibold">{e.heldAt ? t('log.evaluationHeld', { date: formatDay(e.heldAt.slice(0, 10)) }) : t('log.evaluationPlanned', { date: formatDay(e.dueDate) })}</p>
            {e.summary ? <p className="m-0">{e.summary}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Entries({ log }: { log: LogView }) {
  const { t } = useTranslation('portal');
  const labels = usePortalLabels();
  const entries = [...log.entries].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section className="tidlig-section" aria-labelledby="log-entries-heading">
      <h2 id="log-entries-heading">{t('log.entriesHeading')}</h2>
      <p>{t('log.entriesIntro')}</p>
      {entries.length === 0 ? <p>{t('log.noEntries')}</p> : null}
      <ul className="unstyled-list tidlig-portal-entries">
        {entries.map((e) => (
          <li key={e.id} className={`tidlig-portal-entry is-${e.kind}`}>
            <p className="m-0 weight-semibold">
              {labels.entryKind(e.kind)} · {e.authorName}
            </p>
            <p className="m-0 tidlig-portal-muted">
              <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
              {e.correctsId ? ` · ${t('log.correction')}` : ''}
            </p>
            <p className="mt-2 mb-0 tidlig-portal-text">{e.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function People({ log }: { log: LogView }) {
  const { t } = useTranslation('portal');
  const labels = usePortalLabels();
  return (
    <section className="tidlig-section" aria-labelledby="log-people-heading">
      <h2 id="log-people-heading">{t('log.peopleHeading')}</h2>
      <ul className="unstyled-list tidlig-portal-items">
        {log.participants.map((p) => (
          <li key={p.id}>
            <p className="m-0 weight-semibold">
              {p.name}
              {p.profession ? `, ${labels.profession(p.profession)}` : ''}
            </p>
            <p className="m-0">
              {labels.part(p.part)}
              {p.active ? '' : ` · ${t('log.left', { date: formatDay(p.leftAt?.slice(0, 10)), reason: labels.leftReason(p.leftReason) })}`}
            </p>
          </li>
        ))}
      </ul>
      {log.documents.length ? (
        <>
          <h3>{t('log.documentsHeading')}</h3>
          <ul>
            {log.documents.map((d) => (
              <li key={d.id}>
                <a href={`/api/portal/stafetlogs/${log.id}/documents/${d.id}`} download={d.fileName} className="tidlig-portal-card-link">
                  {d.fileName}
                </a>{' '}
                <span className="tidlig-portal-muted">{t('log.document', { by: d.uploadedBy.name, date: formatDay(d.createdAt.slice(0, 10)), size: formatSize(d.sizeBytes) })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {log.transfers.length ? (
        <>
          <h3>{t('log.transfersHeading')}</h3>
          <ul>
            {log.transfers.map((x) => (
              <li key={x.id}>
                {t('log.transfer', { municipality: x.toMunicipality.name, date: formatDay(x.createdAt.slice(0, 10)), by: x.createdBy.name })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function LogPage() {
  const { t } = useTranslation('portal');
  const { logId } = useParams({ strict: false }) as { logId: string };
  const log = useLog(logId);
  const me = usePortalMe().data;
  const l = log.data;
  usePageTitle(l ? t('log.title', { name: l.child.firstName }) : t('log.titleFallback'));

  if (log.isPending) return <Loading />;
  if (log.isError) {
    if (log.error instanceof ApiError && log.error.status === 404) return <PortalNotFound title={t('log.notFoundTitle')} text={t('log.notFound')} />;
    return <Notice variant="error">{errorText(log.error)}</Notice>;
  }
  const myId = me?.citizen.id ?? '';
  const mine = l!.levels.find((x) => x.current && x.authorKind === 'citizen' && x.authorId === myId);
  return (
    <>
      <BackLink to="/borger/barn/$childId" params={{ childId: l!.child.id }}>
        {t('access.back', { name: l!.child.firstName })}
      </BackLink>
      <h1>{t('log.title', { name: l!.child.firstName })}</h1>
      <dl className="tidlig-facts tidlig-portal-facts">
        <dt>{t('log.status')}</dt>
        <dd>{l!.status === 'open' ? t('log.open') : t('log.closed', { date: formatDay(l!.closedAt?.slice(0, 10)) })}</dd>
        <dt>{t('log.holder')}</dt>
        <dd>{l!.holder.name}</dd>
        <dt>{t('log.started')}</dt>
        <dd>{formatDay(l!.openedAt.slice(0, 10))}</dd>
      </dl>
      {l!.me.canWrite ? (
        <nav aria-label={t('log.jumpLabel')}>
          <ul className="unstyled-list tidlig-portal-jump">
            <li>
              <a href="#own-words-heading">{t('log.wordsHeading')}</a>
            </li>
            <li>
              <a href="#own-level-heading">{t('log.levelHeading')}</a>
            </li>
            <li>
              <a href="#own-goal-heading">{t('log.goalHeading')}</a>
            </li>
          </ul>
        </nav>
      ) : null}
      {l!.status === 'closed' ? <Notice variant="info">{l!.closedReason ? t('log.closedNoteReason', { reason: l!.closedReason }) : t('log.closedNote')}</Notice> : null}
      <section aria-labelledby="log-concern-heading">
        <h2 id="log-concern-heading">{t('log.concernHeading')}</h2>
        <p className="tidlig-portal-text">{l!.concern}</p>
      </section>
      <Levels log={l!} myId={myId} />
      {l!.me.canWrite ? <LevelForm log={l!} current={mine?.level ?? null} /> : null}
      <GoalsAndActions log={l!} />
      {l!.me.canWrite ? <GoalForm log={l!} /> : null}
      <Entries log={l!} />
      {l!.me.canWrite ? <OwnWordsForm log={l!} /> : null}
      <People log={l!} />
    </>
  );
}
