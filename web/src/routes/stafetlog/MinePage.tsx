// /stafetlog — "Mine stafetlogs" (issue 5 item 5): relays waiting for my answer first, then the
// logs I hold or take part in, actions and evaluations coming due (overdue marked with text and
// icon), and receipts for the relays I sent. A new log is opened from the child's page.
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mineQuery, type MineView } from '../../api/stafetlog.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { formatDateTime, formatDayShort } from '../../components/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { ErrorPage } from '../../components/PageStates.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { RowButton } from '../admin/widgets.tsx';
import { OverdueBadge } from './ActionsSection.tsx';
import { useStafetlogLabels } from './labels.ts';
import { RelayAnswerDialog } from './RelayAnswerDialog.tsx';

type Awaiting = MineView['relaysAwaiting'][number];

function LogLink({ logId, children }: { logId: string; children: string }) {
  return (
    <Link to="/stafetlog/$logId" params={{ logId }}>
      {children}
    </Link>
  );
}

export function MinePage() {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const navigate = useNavigate();
  const query = useQuery(mineQuery);
  const [answering, setAnswering] = useState<{ relay: Awaiting; answer: 'accept' | 'decline' } | null>(null);
  const [status, setStatus] = useState('');
  usePageTitle(t('mine.title'));

  if (query.isPending) return <Loading text={t('mine.loading')} />;
  if (query.isError) return <ErrorPage error={query.error} onRetry={() => void query.refetch()} />;
  const mine = query.data;

  const awaitingColumns: Column<Awaiting>[] = [
    { key: 'child', header: t('mine.child'), rowHeader: true, cell: (r) => r.childName },
    { key: 'from', header: t('relay.from'), cell: (r) => r.from.name },
    { key: 'message', header: t('relay.message'), cell: (r) => <span className="tidlig-stafetlog-pre">{r.message ?? ''}</span> },
    { key: 'sent', header: t('relay.sent'), className: 'tidlig-nowrap', cell: (r) => formatDateTime(r.createdAt) },
    {
      key: 'actions',
      header: <span className="sr-only">{t('relay.actions')}</span>,
      cell: (r) => (
        <span className="tidlig-stafetlog-row-actions">
          <RowButton label={t('relay.accept')} target={t('relay.forChild', { name: r.childName })} onClick={() => setAnswering({ relay: r, answer: 'accept' })} />
          <RowButton label={t('relay.decline')} target={t('relay.forChild', { name: r.childName })} onClick={() => setAnswering({ relay: r, answer: 'decline' })} />
        </span>
      ),
    },
  ];
  const logColumns: Column<MineView['logs'][number]>[] = [
    { key: 'child', header: t('mine.child'), rowHeader: true, cell: (l) => <LogLink logId={l.id}>{l.child.name}</LogLink> },
    { key: 'part', header: t('mine.part'), cell: (l) => labels.part(l.part) },
    { key: 'holder', header: t('log.holder'), cell: (l) => l.holder.name },
    { key: 'opened', header: t('log.openedAt'), className: 'tidlig-nowrap', cell: (l) => formatDayShort(l.openedAt.slice(0, 10)) },
    { key: 'level', header: t('mine.myLevel'), cell: (l) => (l.myLevel === null ? t('mine.noLevel') : labels.level(l.myLevel, mine.concernLabels)) },
    { key: 'next', header: t('mine.nextDue'), className: 'tidlig-nowrap', cell: (l) => (l.nextDue ? formatDayShort(l.nextDue) : '–') },
  ];
  const actionColumns: Column<MineView['dueActions'][number]>[] = [
    { key: 'text', header: t('actions.text'), rowHeader: true, cell: (a) => <LogLink logId={a.logId}>{a.text}</LogLink> },
    { key: 'child', header: t('mine.child'), cell: (a) => a.childName },
    {
      key: 'due',
      header: t('actions.dueDate'),
      cell: (a) => (
        <>
          <span className="tidlig-nowrap">{formatDayShort(a.dueDate)}</span>
          {a.overdue ? (
            <>
              {' '}
              <OverdueBadge />
            </>
          ) : null}
        </>
      ),
    },
  ];
  const evaluationColumns: Column<MineView['dueEvaluations'][number]>[] = [
    { key: 'child', header: t('mine.child'), rowHeader: true, cell: (e) => <LogLink logId={e.logId}>{e.childName}</LogLink> },
    {
      key: 'due',
      header: t('evaluations.dueDate'),
      cell: (e) => (
        <>
          <span className="tidlig-nowrap">{formatDayShort(e.dueDate)}</span>
          {e.overdue ? (
            <>
              {' '}
              <OverdueBadge />
            </>
          ) : null}
        </>
      ),
    },
  ];
  const receiptColumns: Column<MineView['receipts'][number]>[] = [
    { key: 'child', header: t('mine.child'), rowHeader: true, cell: (r) => <LogLink logId={r.logId}>{r.childName}</LogLink> },
    { key: 'to', header: t('relay.to'), cell: (r) => r.to.name },
    { key: 'status', header: t('relay.statusHeader'), cell: (r) => labels.relayStatus(r.status) },
    { key: 'answered', header: t('mine.answeredAt'), className: 'tidlig-nowrap', cell: (r) => (r.answeredAt ? formatDateTime(r.answeredAt) : '–') },
  ];

  return (
    <>
      <h1>{t('mine.title')}</h1>
      <p>{t('mine.intro')}</p>
      <div role="status" aria-live="polite" aria-atomic="true">
        {status ? <Notice variant="success">{status}</Notice> : null}
      </div>

      {mine.relaysAwaiting.length ? (
        <section className="tidlig-section" aria-labelledby="mine-relays-heading">
          <h2 id="mine-relays-heading" tabIndex={-1}>
            {t('mine.relaysAwaiting')}
          </h2>
          <p>{t('mine.relaysAwaitingIntro')}</p>
          <DataTable caption={t('mine.relaysAwaiting')} captionHidden columns={awaitingColumns} rows={mine.relaysAwaiting} rowKey={(r) => r.id} />
        </section>
      ) : null}

      <section className="tidlig-section" aria-labelledby="mine-logs-heading">
        <h2 id="mine-logs-heading" tabIndex={-1}>
          {t('mine.logs')}
        </h2>
        <DataTable caption={t('mine.logs')} captionHidden columns={logColumns} rows={mine.logs} rowKey={(l) => l.id} empty={t('mine.noLogs')} />
      </section>

      <section className="tidlig-section" aria-labelledby="mine-actions-heading">
        <h2 id="mine-actions-heading">{t('mine.dueActions')}</h2>
        <DataTable caption={t('mine.dueActions')} captionHidden columns={actionColumns} rows={mine.dueActions} rowKey={(a) => a.id} empty={t('mine.noDueActions')} />
      </section>

      <section className="tidlig-section" aria-labelledby="mine-evaluations-heading">
        <h2 id="mine-evaluations-heading">{t('mine.dueEvaluations')}</h2>
        <DataTable caption={t('mine.dueEvaluations')} captionHidden columns={evaluationColumns} rows={mine.dueEvaluations} rowKey={(e) => e.id} empty={t('mine.noDueEvaluations')} />
      </section>

      {mine.receipts.length ? (
        <section className="tidlig-section" aria-labelledby="mine-receipts-heading">
          <h2 id="mine-receipts-heading">{t('mine.receipts')}</h2>
          <DataTable caption={t('mine.receipts')} captionHidden columns={receiptColumns} rows={mine.receipts} rowKey={(r) => r.id} />
        </section>
      ) : null}

      {answering ? (
        <RelayAnswerDialog
          relayId={answering.relay.id}
          answer={answering.answer}
          childName={answering.relay.childName}
          fromName={answering.relay.from.name}
          onClose={() => setAnswering(null)}
          onAnswered={() => {
            const { relay, answer } = answering;
            setAnswering(null);
            if (answer === 'accept') {
              void navigate({ to: '/stafetlog/$logId', params: { logId: relay.logId } });
            } else {
              setStatus(t('relay.declinedFor', { name: relay.childName }));
              window.setTimeout(() => document.getElementById('mine-logs-heading')?.focus(), 60);
            }
          }}
        />
      ) : null}
    </>
  );
}
