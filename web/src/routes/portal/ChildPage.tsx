// /borger/barn/$childId — one child: the stafetlog(s), what has been agreed (goals and
// actions of the open log), what happens soon, the consents, and the way to the access log.
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useChild, useLog, type LogView, type PortalChildDetail } from '../../api/portal.ts';
import { formatDay } from '../../components/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../i18n/index.ts';
import { ConsentSection } from './ConsentSection.tsx';
import { ageInYears, joinNames, usePortalLabels } from './labels.ts';

export function BackLink({ to, params, children }: { to: string; params?: Record<string, string>; children: string }) {
  return (
    <p className="d-print-none mb-4">
      <Link to={to} params={params} className="back-link">
        {children}
      </Link>
    </p>
  );
}

/** A 404 from the portal API (not the parent's child, or gone): said plainly. */
export function PortalNotFound({ title, text }: { title: string; text: string }) {
  const { t } = useTranslation('portal');
  usePageTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <Link to="/borger" className="function-link">
          {t('children.backToChildren')}
        </Link>
      </p>
    </>
  );
}

function Logs({ detail }: { detail: PortalChildDetail }) {
  const { t } = useTranslation('portal');
  const logs = [...detail.stafetlogs].sort((a, b) => (a.status === b.status ? b.openedAt.localeCompare(a.openedAt) : a.status === 'open' ? -1 : 1));
  return (
    <section className="tidlig-section" aria-labelledby="child-logs-heading">
      <h2 id="child-logs-heading">{t('child.logsHeading')}</h2>
      <p>{t('child.logsIntro')}</p>
      {logs.length === 0 ? (
        <p>{t('child.noLogs', { name: detail.child.firstName })}</p>
      ) : (
        <ul className="unstyled-list tidlig-portal-cards">
          {logs.map((l) => (
            <li key={l.id} className="tidlig-portal-card">
              <h3 className="h4 mt-0 mb-2">
                <Link to="/borger/stafetlog/$logId" params={{ logId: l.id }} className="tidlig-portal-card-link">
                  {l.status === 'open' ? t('child.openLog') : t('child.closedLog', { date: formatDay(l.closedAt?.slice(0, 10)) })}
                </Link>
              </h3>
              <p className="m-0">{t('child.logStarted', { date: formatDay(l.openedAt.slice(0, 10)) })}</p>
              <p className="m-0">{t('child.logHolder', { name: l.holder.name })}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Agreed({ log }: { log: LogView }) {
  const { t } = useTranslation('portal');
  const labels = usePortalLabels();
  const goals = log.goals.filter((g) => g.status === 'active');
  const actions = log.actions.filter((a) => a.status === 'open').sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return (
    <section className="tidlig-section" aria-labelledby="child-agreed-heading">
      <h2 id="child-agreed-heading">{t('child.agreedHeading')}</h2>
      <h3 className="h4">{t('child.goals')}</h3>
      {goals.length ? (
        <ul className="tidlig-portal-list">
          {goals.map((g) => (
            <li key={g.id}>{g.text}</li>
          ))}
        </ul>
      ) : (
        <p>{t('child.noGoals')}</p>
      )}
      <h3 className="h4">{t('child.actions')}</h3>
      {actions.length ? (
        <ul className="unstyled-list tidlig-portal-items">
          {actions.map((a) => (
            <li key={a.id}>
              <p className="m-0 weight-semibold">{a.text}</p>
              <p className="m-0">
                {t('child.actionWho', { who: a.owner.kind === 'family' ? t('log.family') : (a.owner.name ?? '') })} ·{' '}
                {t('child.actionDue', { date: formatDay(a.dueDate) })}
                {a.overdue ? <strong className="tidlig-portal-late"> · {t('log.overdue')}</strong> : null}
              </p>
              <p className="sr-only">{labels.actionStatus(a.status)}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('child.noActions')}</p>
      )}
    </section>
  );
}

function Upcoming({ detail }: { detail: PortalChildDetail }) {
  const { t } = useTranslation('portal');
  const items = [...detail.upcoming].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <section className="tidlig-section" aria-labelledby="child-upcoming-heading">
      <h2 id="child-upcoming-heading">{t('child.upcomingHeading')}</h2>
      {items.length === 0 ? (
        <p>{t('child.noUpcoming')}</p>
      ) : (
        <ul className="unstyled-list tidlig-portal-items">
          {items.map((u, i) => (
            <li key={`${u.logId}-${u.kind}-${u.date}-${i}`}>
              <p className="m-0 weight-semibold">
                <time dateTime={u.date}>{formatDay(u.date)}</time>
              </p>
              <p className="m-0">
                {u.kind === 'evaluation' ? t('child.upcomingEvaluation') : t('child.upcomingAction', { text: u.text })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ChildPage() {
  const { t } = useTranslation('portal');
  const labels = usePortalLabels();
  const { childId } = useParams({ strict: false }) as { childId: string };
  const child = useChild(childId);
  const detail = child.data;
  const openLogId = detail?.stafetlogs.find((l) => l.status === 'open')?.id ?? null;
  const log = useLog(openLogId);
  usePageTitle(detail ? `${detail.child.firstName} ${detail.child.lastName}` : t('child.titleFallback'));

  if (child.isPending) return <Loading />;
  if (child.isError) {
    if (child.error instanceof ApiError && child.error.status === 404) return <PortalNotFound title={t('child.notFoundTitle')} text={t('child.notFound')} />;
    return <Notice variant="error">{errorText(child.error)}</Notice>;
  }
  const c = detail!.child;
  const holders = detail!.custodyHolders.filter((h) => h.hasCustody);
  return (
    <>
      <BackLink to="/borger">{t('children.backToChildren')}</BackLink>
      <h1>
        {c.firstName} {c.lastName}
      </h1>
      <p className="m-0">{t('children.born', { date: formatDay(c.birthDate), count: ageInYears(c.birthDate) })}</p>
      {holders.length ? (
        <p>
          {t('child.custody', {
            names: joinNames(
              holders.map((h) => `${h.name} (${labels.relation(h.relation).toLowerCase()})`),
              t('common.and'),
            ),
          })}
        </p>
      ) : null}

      <Logs detail={detail!} />
      {log.data ? <Agreed log={log.data} /> : null}
      {log.isError ? <Notice variant="error">{errorText(log.error)}</Notice> : null}
      <Upcoming detail={detail!} />
      <ConsentSection detail={detail!} />

      <section className="tidlig-section" aria-labelledby="child-access-heading">
        <h2 id="child-access-heading">{t('child.accessHeading')}</h2>
        <p>{t('child.accessIntro')}</p>
        <p>
          <Link to="/borger/barn/$childId/indsigt" params={{ childId }} className="button button-secondary tidlig-portal-wide">
            {t('child.accessLink')}
          </Link>
        </p>
      </section>
    </>
  );
}
