// /trivsel — the open rounds relevant to me (GET /api/screening/rounds), each with my
// groups and a link to rate each group.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { formatDay } from '../../components/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../i18n/index.ts';
import type { RoundList } from './types.ts';

export function RoundsPage() {
  const { t } = useTranslation();
  usePageTitle(t('screening.title'));
  const query = useQuery({
    queryKey: ['screening', 'rounds'],
    queryFn: ({ signal }) => api.get<RoundList>('/api/screening/rounds', { signal }),
    staleTime: 0,
  });
  const rounds = query.data?.items;

  return (
    <>
      <h1>{t('screening.title')}</h1>
      <p className="font-lead">{t('screening.intro')}</p>
      {query.isPending ? <Loading /> : null}
      {query.isError ? (
        <Notice variant="error" live="assertive">
          {errorText(query.error)}
        </Notice>
      ) : null}
      {rounds && rounds.length === 0 ? (
        <div className="tidlig-empty">
          <p>{t('screening.empty')}</p>
        </div>
      ) : null}
      {rounds?.map((r) => (
        <section key={r.id} className="mt-7" aria-labelledby={`round-${r.id}`}>
          <h2 id={`round-${r.id}`}>{r.name}</h2>
          <p>
            {t('screening.period', { from: formatDay(r.opensOn), to: formatDay(r.closesOn) })}
            {' · '}
            {t(`screening.phase.${r.phase}`)}
            {r.jointRatingRequired ? ` · ${t('screening.jointRequired')}` : ''}
          </p>
          {r.groups.length === 0 ? (
            <p>{t('screening.noGroups')}</p>
          ) : (
            <ul className="nobullet-list">
              {r.groups.map((g) => (
                <li key={g.id} className="mb-3">
                  {g.mayRate ? (
                    <Link to="/trivsel/$roundId/$groupId" params={{ roundId: r.id, groupId: g.id }}>
                      {t('screening.rateGroup', { group: g.name, institution: g.institutionName })}
                    </Link>
                  ) : (
                    <>
                      <Link to="/trivsel/$roundId/$groupId" params={{ roundId: r.id, groupId: g.id }}>
                        {t('screening.viewGroup', { group: g.name, institution: g.institutionName })}
                      </Link>{' '}
                      ({t('screening.mayNotRate')})
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
