// /trivsel/overblik/$institutionId — one institution's groups in a round, with the change since
// the previous round; for the institution's own leader also the lists of children to follow up.
// A district facilitator or the administrator sees the counts only (the server decides).
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { Icon } from '../../components/Icon.tsx';
import { Notice } from '../../components/Notice.tsx';
import { NotFoundPage } from '../../components/PageStates.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../i18n/index.ts';
import { OverviewLists } from './OverviewLists.tsx';
import { useOverviewRound } from './OverviewPage.tsx';
import { OverviewLegend, OverviewRoundNotes, OverviewRoundPicker } from './OverviewParts.tsx';
import { OverviewTable, type OverviewRow } from './OverviewTable.tsx';
import type { InstitutionOverview } from './OverviewTypes.ts';

export function OverviewInstitutionPage() {
  const { t } = useTranslation();
  const { institutionId } = useParams({ strict: false }) as { institutionId: string };
  const { roundId, choose } = useOverviewRound();
  const query = useQuery({
    queryKey: ['screening', 'overview', 'institution', institutionId, roundId ?? 'latest'],
    queryFn: ({ signal }) => api.get<InstitutionOverview>(`/api/screening/overview/institutions/${institutionId}`, { signal, query: { roundId } }),
    staleTime: 0,
    retry: false,
  });
  const data = query.data;
  usePageTitle(data ? t('screening.overview.institutionTitle', { name: data.about.name }) : t('screening.overview.title'));

  if (query.isError && query.error instanceof ApiError && query.error.status === 404 && query.error.code === 'institution.not_found') {
    return <NotFoundPage title={t('screening.overview.institutionNotFound')} text={errorText(query.error)} />;
  }
  const rows: OverviewRow[] = data?.institution
    ? [{ key: 'i', name: data.institution.name, unit: data.institution }, ...data.institution.groups.map((g) => ({ key: g.id, name: g.name, unit: g, sub: true }))]
    : [];

  return (
    <>
      <p className="mt-0">
        <Link to="/trivsel/overblik" search={roundId ? { runde: roundId } : {}} className="back-link">
          <Icon name="chevron-left" />
          {t('screening.overview.backToOverview')}
        </Link>
      </p>
      <h1>{data ? t('screening.overview.institutionTitle', { name: data.about.name }) : t('screening.overview.title')}</h1>
      {query.isPending ? <Loading /> : null}
      {query.isError ? (
        <Notice variant="error" live="assertive">
          {errorText(query.error)}
        </Notice>
      ) : null}
      {data ? <OverviewRoundPicker key={data.round?.id ?? 'none'} rounds={data.rounds} value={data.round?.id} onChoose={choose} /> : null}
      {data && !data.round ? (
        <div className="tidlig-empty">
          <p>{t('screening.overview.noRounds')}</p>
        </div>
      ) : null}
      {data?.round ? (
        <>
          <OverviewRoundNotes round={data.round} previous={data.previousRound} comparable={data.comparable} threshold={data.threshold} />
          <section className="tidlig-section" aria-labelledby="overview-groups-heading">
            <h2 id="overview-groups-heading">{t('screening.overview.groupsHeading')}</h2>
            {data.institution ? (
              <>
                <OverviewTable
                  id="overview-groups"
                  caption={t('screening.overview.groupsCaption', { institution: data.about.name, round: data.round.name })}
                  rows={rows}
                  positions={data.positions}
                  comparable={data.comparable}
                  threshold={data.threshold}
                />
                <OverviewLegend positions={data.positions} />
              </>
            ) : (
              <p>{t('screening.overview.notCovered')}</p>
            )}
          </section>
          {data.lists ? <OverviewLists institutionName={data.about.name} lists={data.lists} /> : null}
        </>
      ) : null}
    </>
  );
}
