// /trivsel/overblik — the screening overview (GET /api/screening/overview): pick a round; see
// the distribution of positions per unit the user may see (the municipality and districts for
// the administrator, the district's institutions for its facilitator, the leader's own
// institution with its groups), coverage and the change since the previous round. Small
// numbers are suppressed by the server. A leader also sees the two lists of children to follow up.
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { Notice } from '../../components/Notice.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../i18n/index.ts';
import { OverviewLists } from './OverviewLists.tsx';
import { OverviewLegend, OverviewRoundNotes, OverviewRoundPicker } from './OverviewParts.tsx';
import { OverviewTable, type OverviewRow } from './OverviewTable.tsx';
import type { InstitutionOverview, Overview } from './OverviewTypes.ts';

/** ?runde=<id> in the address: a chosen round survives a reload and the way back from a child. */
export function validateOverviewSearch(search: Record<string, unknown>): { runde?: string } {
  return typeof search.runde === 'string' && /^[0-9a-f-]{36}$/i.test(search.runde) ? { runde: search.runde } : {};
}

export function useOverviewRound() {
  const { runde } = useSearch({ strict: false }) as { runde?: string };
  const navigate = useNavigate();
  return { roundId: runde, choose: (id: string) => void navigate({ to: '.', search: { runde: id } }) };
}

/** The lists for one institution the user leads (from the institution endpoint, which audits each child listed). */
function LeaderLists({ institutionId, institutionName, roundId }: { institutionId: string; institutionName: string; roundId: string }) {
  const query = useQuery({
    queryKey: ['screening', 'overview', 'institution', institutionId, roundId],
    queryFn: ({ signal }) => api.get<InstitutionOverview>(`/api/screening/overview/institutions/${institutionId}`, { signal, query: { roundId } }),
    staleTime: 0,
  });
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <Notice variant="error" live="assertive">
        {errorText(query.error)}
      </Notice>
    );
  }
  return query.data.lists ? <OverviewLists institutionName={institutionName} lists={query.data.lists} /> : null;
}

export function OverviewPage() {
  const { t } = useTranslation();
  usePageTitle(t('screening.overview.title'));
  const { roundId, choose } = useOverviewRound();
  const query = useQuery({
    queryKey: ['screening', 'overview', roundId ?? 'latest'],
    queryFn: ({ signal }) => api.get<Overview>('/api/screening/overview', { signal, query: { roundId } }),
    staleTime: 0,
  });
  const data = query.data;

  const areaRows: OverviewRow[] = data
    ? [
        ...(data.municipality ? [{ key: 'm', name: t('screening.overview.municipality'), unit: data.municipality }] : []),
        ...data.districts.map((d) => ({ key: `d:${d.id}`, name: d.name, unit: d })),
      ]
    : [];
  const institutionRows: OverviewRow[] = (data?.institutions ?? []).flatMap((i) => [
    {
      key: `i:${i.id}`,
      name: (
        <Link to="/trivsel/overblik/$institutionId" params={{ institutionId: i.id }} search={data?.round ? { runde: data.round.id } : {}}>
          {i.name}
        </Link>
      ),
      unit: i,
    },
    ...i.groups.map((g) => ({ key: `g:${g.id}`, name: g.name, unit: g, sub: true })),
  ]);

  return (
    <>
      <h1>{t('screening.overview.title')}</h1>
      <p className="font-lead">{t('screening.overview.intro')}</p>
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
          {areaRows.length ? (
            <section className="tidlig-section" aria-labelledby="overview-areas-heading">
              <h2 id="overview-areas-heading">{t(data.municipality ? 'screening.overview.municipalityHeading' : 'screening.overview.districtHeading')}</h2>
              <OverviewTable id="overview-areas" caption={t('screening.overview.areasCaption', { round: data.round.name })} rows={areaRows} positions={data.positions} comparable={data.comparable} threshold={data.threshold} />
            </section>
          ) : null}
          <section className="tidlig-section" aria-labelledby="overview-institutions-heading">
            <h2 id="overview-institutions-heading">{t('screening.overview.institutionsHeading')}</h2>
            <OverviewTable
              id="overview-institutions"
              caption={t('screening.overview.institutionsCaption', { round: data.round.name })}
              rows={institutionRows}
              positions={data.positions}
              comparable={data.comparable}
              threshold={data.threshold}
            />
            <OverviewLegend positions={data.positions} />
          </section>
          {data.institutions
            .filter((i) => i.lead)
            .map((i) => (
              <LeaderLists key={i.id} institutionId={i.id} institutionName={i.name} roundId={data.round!.id} />
            ))}
        </>
      ) : null}
    </>
  );
}
