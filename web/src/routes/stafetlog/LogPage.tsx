// /stafetlog/$logId — the whole log around one child (S4): the concern, everyone's level side
// by side, participants and their basis, goals, actions, evaluations, the log's text,
// documents, the relay and moves to another municipality. The stafetholder also edits the
// concern and closes the log; when the holder has gone, a participant takes the stafet over.
// Every section writes through logWrite.tsx (one cache entry for the log; a 412 shows the
// Danish notice and fetches the newest log, the form keeps its text). The server audits each
// read; the page says so, as the child page does.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { logQuery, stafetlogKeys } from '../../api/stafetlog.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { formatDateTime, formatDay } from '../../components/format.ts';
import { TextareaField } from '../../components/FormField.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Notice } from '../../components/Notice.tsx';
import { ErrorPage, NotFoundPage } from '../../components/PageStates.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { DialogButtons } from '../admin/widgets.tsx';
import { ActionsSection } from './ActionsSection.tsx';
import { DocumentsSection } from './DocumentsSection.tsx';
import { EntriesSection } from './EntriesSection.tsx';
import { EvaluationsSection } from './EvaluationsSection.tsx';
import { GoalsSection } from './GoalsSection.tsx';
import { useStafetlogLabels } from './labels.ts';
import { LevelsSection } from './LevelsSection.tsx';
import { LogPageProvider, useLogPage, useLogWrite, useWriteErrorText, type LogPageContext } from './logWrite.tsx';
import { ParticipantsSection } from './ParticipantsSection.tsx';
import { RelaySection } from './RelaySection.tsx';
import { TakeOverNotice } from './TakeOverNotice.tsx';
import { TransferSection } from './TransferSection.tsx';

export function LogPage() {
  const { logId } = useParams({ strict: false }) as { logId?: string };
  return logId ? <LogView key={logId} logId={logId} /> : <NotFoundPage />;
}

function LogView({ logId }: { logId: string }) {
  const { t } = useTranslation('stafetlog');
  const qc = useQueryClient();
  const query = useQuery(logQuery(logId));
  const [stale, setStale] = useState(false);
  const [status, setStatus] = useState('');
  const log = query.data;
  usePageTitle(log ? t('log.pageTitle', { name: `${log.child.firstName} ${log.child.lastName}` }) : query.isError ? t('log.notFoundTitle') : t('log.title'));

  const onStale = useCallback(() => {
    setStale(true);
    setStatus('');
    void qc.invalidateQueries({ queryKey: stafetlogKeys.log(logId) });
  }, [qc, logId]);
  const announce = useCallback((message: string) => {
    setStale(false);
    setStatus(message);
  }, []);
  const context = useMemo<LogPageContext | null>(() => (log ? { log, onStale, announce } : null), [log, onStale, announce]);

  if (query.isPending) return <Loading text={t('log.loading')} />;
  if (query.isError || !context) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400)) {
      return <NotFoundPage title={t('log.notFoundTitle')} text={t('translation:errors.stafetlog.not_found')} />;
    }
    return <ErrorPage error={query.error} onRetry={() => void query.refetch()} />;
  }

  return (
    <LogPageProvider value={context}>
      <LogHeader stale={stale} refetching={query.isFetching} status={status} />
      <LevelsSection />
      <ParticipantsSection />
      <GoalsSection />
      <ActionsSection />
      <EvaluationsSection />
      <EntriesSection />
      <DocumentsSection />
      <RelaySection />
      <TransferSection />
    </LogPageProvider>
  );
}

function LogHeader({ stale, refetching, status }: { stale: boolean; refetching: boolean; status: string }) {
  const { t } = useTranslation('stafetlog');
  const labels = useStafetlogLabels();
  const { log } = useLogPage();
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState(false);
  const name = `${log.child.firstName} ${log.child.lastName}`;
  const holderActions = log.status === 'open' && log.me.isHolder;

  return (
    <>
      <p className="mt-0 d-print-none">
        <Link to="/boern/$childId" params={{ childId: log.child.id }} className="back-link">
          <Icon name="chevron-left" />
          {t('log.backToChild', { name: log.child.firstName })}
        </Link>
      </p>
      <h1 id="log-title" tabIndex={-1}>
        {t('log.heading', { name })}
      </h1>
      <div aria-live="assertive" aria-atomic="true">
        {stale ? (
          <Notice variant="warning" heading={t('stale.heading')} className="mt-0">
            {refetching ? t('stale.fetching') : t('stale.text')}
          </Notice>
        ) : null}
      </div>
      <div role="status" aria-live="polite" aria-atomic="true">
        {status ? <Notice variant="success">{status}</Notice> : null}
      </div>
      <Notice variant="info">{t('log.loggedNotice')}</Notice>
      {log.status === 'closed' ? (
        <Notice variant="warning" heading={t('log.closedHeading')}>
          {t('log.closedText', { at: formatDateTime(log.closedAt), reason: log.closedReason ?? '' })}
        </Notice>
      ) : null}
      <TakeOverNotice />

      <section className="tidlig-section" aria-labelledby="log-concern-heading">
        <h2 id="log-concern-heading" tabIndex={-1}>
          {t('log.concern')}
        </h2>
        <p className="tidlig-stafetlog-pre font-lead">{log.concern}</p>
        <dl className="tidlig-facts">
          <dt>{t('log.status')}</dt>
          <dd>{log.status === 'open' ? t('log.open') : t('log.closed')}</dd>
          <dt>{t('log.holder')}</dt>
          <dd>{log.holder.name}</dd>
          <dt>{t('log.openedAt')}</dt>
          <dd>{formatDateTime(log.openedAt)}</dd>
          <dt>{t('log.birthDate')}</dt>
          <dd>{formatDay(log.child.birthDate)}</dd>
          <dt>{t('log.myPart')}</dt>
          <dd>{log.me.part ? labels.part(log.me.part) : t('log.noPart')}</dd>
        </dl>
        {holderActions ? (
          <div className="tidlig-admin-actions">
            <button type="button" className="button button-secondary" onClick={() => setEditing(true)} aria-haspopup="dialog">
              <Icon name="edit" />
              {t('log.editConcern')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setClosing(true)} aria-haspopup="dialog">
              <Icon name="lock" />
              {t('log.close')}
            </button>
          </div>
        ) : null}
      </section>
      {editing ? <ConcernDialog onClose={() => setEditing(false)} /> : null}
      {closing ? <CloseDialog onClose={() => setClosing(false)} /> : null}
    </>
  );
}

function ConcernDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('stafetlog');
  const { log } = useLogPage();
  const writeError = useWriteErrorText();
  const [concern, setConcern] = useState(log.concern);
  const [error, setError] = useState<string | null>(null);
  const save = useLogWrite((l, body: { concern: string }) => api.patch(`/api/stafetlogs/${l.id}`, body, { version: l.version }), {
    done: t('log.concernSaved'),
    onSuccess: onClose,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!concern.trim()) {
      setError(t('open.concernRequired'));
      return;
    }
    setError(null);
    if (concern.trim() === log.concern) onClose();
    else save.mutate({ concern: concern.trim() });
  };
  return (
    <Dialog open onClose={onClose} title={t('log.editConcern')} footer={<DialogButtons formId="concern-form" submit={t('common.save')} busy={save.isPending} onCancel={onClose} />}>
      {save.isError ? <ErrorSummary errors={[{ message: writeError(save.error) }]} /> : null}
      <form id="concern-form" onSubmit={submit} noValidate>
        <TextareaField id="concern-text" label={t('open.concern')} hint={t('open.concernHint')} value={concern} onChange={(e) => setConcern(e.target.value)} error={error} maxLength={4000} rows={6} />
      </form>
    </Dialog>
  );
}

function CloseDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('stafetlog');
  const writeError = useWriteErrorText();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = useLogWrite((l, body: { reason: string }) => api.post(`/api/stafetlogs/${l.id}/close`, body, { version: l.version }), {
    done: t('log.closedDone'),
    onSuccess: onClose,
    focusFallback: 'log-title',
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('log.closeReasonRequired'));
      document.getElementById('close-reason')?.focus();
      return;
    }
    setError(null);
    close.mutate({ reason: reason.trim() });
  };
  return (
    <Dialog open onClose={onClose} title={t('log.closeTitle')} footer={<DialogButtons formId="close-form" submit={t('log.closeSubmit')} busy={close.isPending} onCancel={onClose} />}>
      <p className="mt-0">{t('log.closeText')}</p>
      {close.isError ? <ErrorSummary errors={[{ message: writeError(close.error) }]} /> : null}
      <form id="close-form" onSubmit={submit} noValidate>
        <TextareaField id="close-reason" label={t('log.closeReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={error} maxLength={2000} rows={3} />
      </form>
    </Dialog>
  );
}
