// /admin/trivsel — every screening round of the municipality (S2): planned, open and closed,
// newest window first, paged on the server. The administrator plans a round and edits one
// (If-Match); each round's name leads to its progress.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { Pagination } from '../../../components/Pagination.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { errorText } from '../../../i18n/index.ts';
import { useLabels } from '../labels.ts';
import { RowButton } from '../widgets.tsx';
import { ROUNDS_PAGE_SIZE, roundsPageQuery, scalesQuery, type RoundPlan } from './api.ts';
import { RoundDialog, type RoundSaved } from './RoundDialog.tsx';
import { PhaseBadge, RoundPeriod } from './roundText.tsx';
import { ScreeningAdminNav } from './ScreeningAdminNav.tsx';

type DialogState = { kind: 'create' } | { kind: 'edit'; round: RoundPlan };

export function RoundsPage() {
  const { t } = useTranslation('admin');
  usePageTitle(t('screeningAdmin.rounds.title'));
  const labels = useLabels();
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [saved, setSaved] = useState<RoundSaved | null>(null);
  const query = useQuery({ ...roundsPageQuery(page), placeholderData: keepPreviousData });
  const scales = useQuery(scalesQuery);

  const onSaved = (s: RoundSaved) => {
    setDialog(null);
    setSaved(s);
    if (s.created) setPage(1);
  };

  const columns: Column<RoundPlan>[] = [
    {
      key: 'name',
      header: t('screeningAdmin.rounds.name'),
      rowHeader: true,
      cell: (r) => (
        <Link to="/admin/trivsel/runde/$roundId" params={{ roundId: r.id }}>
          {r.name}
        </Link>
      ),
    },
    { key: 'types', header: t('screeningAdmin.rounds.institutionTypes'), cell: (r) => r.institutionTypes.map(labels.institutionType).join(', ') },
    { key: 'scale', header: t('screeningAdmin.rounds.scale'), cell: (r) => t('screeningAdmin.rounds.scaleVersion', { name: r.scale.name, number: r.scale.versionNumber }) },
    { key: 'window', header: t('screeningAdmin.rounds.window'), cell: (r) => <RoundPeriod round={r} /> },
    { key: 'phase', header: t('screeningAdmin.rounds.phase'), cell: (r) => <PhaseBadge phase={r.phase} /> },
    { key: 'joint', header: t('screeningAdmin.rounds.joint'), cell: (r) => (r.jointRatingRequired ? t('screeningAdmin.yes') : t('screeningAdmin.no')) },
    {
      key: 'actions',
      header: <span className="sr-only">{t('screeningAdmin.rounds.actions')}</span>,
      cell: (r) => <RowButton label={t('screeningAdmin.rounds.edit')} target={r.name} icon="edit" onClick={() => setDialog({ kind: 'edit', round: r })} />,
    },
  ];

  const data = query.data;
  return (
    <>
      <h1>{t('screeningAdmin.rounds.title')}</h1>
      <ScreeningAdminNav />
      <p className="font-lead">{t('screeningAdmin.rounds.intro')}</p>
      <div className="tidlig-admin-actions">
        <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'create' })} disabled={!scales.data}>
          <Icon name="plus" />
          {t('screeningAdmin.rounds.plan')}
        </button>
      </div>
      <div aria-live="polite" aria-atomic="true">
        {saved ? (
          <Notice variant="success" className="mt-5">
            {t(saved.created ? 'screeningAdmin.rounds.createdNotice' : 'screeningAdmin.rounds.savedNotice', { name: saved.name })}
          </Notice>
        ) : null}
      </div>
      {query.isError ? (
        <Notice variant="error" live="assertive">
          {errorText(query.error)}
        </Notice>
      ) : null}
      {scales.isError ? (
        <Notice variant="error" live="assertive">
          {errorText(scales.error)}
        </Notice>
      ) : null}
      <section className="tidlig-section" aria-labelledby="rounds-heading">
        <h2 id="rounds-heading">{t('screeningAdmin.rounds.listHeading')}</h2>
        <DataTable
          caption={t('screeningAdmin.rounds.caption')}
          captionHidden
          columns={columns}
          rows={data?.items}
          rowKey={(r) => r.id}
          loading={query.isPending || query.isPlaceholderData}
          loadingText={t('screeningAdmin.rounds.loading')}
          empty={t('screeningAdmin.rounds.empty')}
        />
        {data ? <Pagination page={page} pageSize={ROUNDS_PAGE_SIZE} total={data.total} onPageChange={setPage} label={t('screeningAdmin.rounds.pages')} /> : null}
      </section>
      {dialog && scales.data ? (
        <RoundDialog
          key={dialog.kind === 'edit' ? dialog.round.id : 'new'}
          existing={dialog.kind === 'edit' ? dialog.round : undefined}
          typesLocked={dialog.kind === 'edit' ? dialog.round.hasRatings : false}
          scaleText={dialog.kind === 'edit' ? t('screeningAdmin.rounds.scaleVersion', { name: dialog.round.scale.name, number: dialog.round.scale.versionNumber }) : undefined}
          scales={scales.data.items}
          onClose={() => setDialog(null)}
          onSaved={onSaved}
        />
      ) : null}
    </>
  );
}
