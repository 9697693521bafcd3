// The child's screening positions across rounds and institutions (GET /api/screening/children/:id,
// audited by the server), oldest first: the round, where the child was rated, the position as
// a colour AND its label (or why there is none), and a marked transition when the child was
// rated in another institution than the round before (dagpleje → børnehave → skole, S2).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { childHistoryOut } from '../../../../src/modules/screening/schema.ts';
import { api } from '../../api/client.ts';
import type { Placement } from '../../api/types.ts';
import { formatDay } from '../../components/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { errorText } from '../../i18n/index.ts';
import { OverviewPosition } from '../screening/OverviewParts.tsx';
import '../screening/Overview.css';

type History = z.infer<typeof childHistoryOut>;

export function ScreeningTimeline({ childId, enrolments }: { childId: string; enrolments: readonly Placement[] }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['screening', 'child', childId],
    queryFn: ({ signal }) => api.get<History>(`/api/screening/children/${childId}`, { signal }),
    staleTime: 0,
  });
  const typeOf = new Map(enrolments.map((e) => [e.institutionName, e.institutionType]));
  const kind = (name: string) => {
    const type = typeOf.get(name);
    return type ? t(`institutionTypes.${type}`, { defaultValue: type }) : name;
  };
  // Oldest first: a timeline reads forwards.
  const rounds = [...(query.data?.rounds ?? [])].sort((a, b) => a.round.opensOn.localeCompare(b.round.opensOn));

  return (
    <section className="tidlig-section" aria-labelledby="child-screening-heading">
      <h2 id="child-screening-heading">{t('screening.overview.timeline.heading')}</h2>
      <p>{t('screening.overview.timeline.intro')}</p>
      {query.isPending ? <Loading /> : null}
      {query.isError ? (
        // A stafetlog participant sees the history only under a consent that names the ratings.
        <Notice variant={(query.error as { code?: string }).code === 'consent.required' ? 'info' : 'error'} live="assertive">
          {errorText(query.error)}
        </Notice>
      ) : null}
      {query.data && rounds.length === 0 ? <p>{t('screening.overview.timeline.empty')}</p> : null}
      {rounds.length ? (
        <ol className="tidlig-timeline" aria-labelledby="child-screening-heading" id="child-screening-timeline">
          {rounds.map((r, i) => {
            const before = rounds[i - 1];
            const moved = before !== undefined && before.institutionName !== r.institutionName;
            return (
              <li key={r.round.id} className="tidlig-timeline-item">
                <p className="tidlig-timeline-round">
                  {r.round.name} <span className="tidlig-overview-muted">({t('screening.period', { from: formatDay(r.round.opensOn), to: formatDay(r.round.closesOn) })})</span>
                </p>
                <p className="tidlig-timeline-where">{t('screening.overview.timeline.where', { institution: r.institutionName, group: r.groupName })}</p>
                {moved ? (
                  <p className="mt-2 mb-2">
                    <strong className="tidlig-overview-transition">
                      {t('screening.overview.timeline.transition', { from: kind(before.institutionName), to: kind(r.institutionName) })}
                    </strong>
                  </p>
                ) : null}
                <p className="mt-2 mb-0">
                  {r.effectivePosition ? (
                    <>
                      <span className="sr-only">{t('screening.overview.timeline.position')}: </span>
                      <OverviewPosition position={r.effectivePosition} />
                      {r.effectivePosition.meaning ? <span className="tidlig-overview-muted"> – {r.effectivePosition.meaning}</span> : null}
                    </>
                  ) : (
                    t('screening.overview.timeline.noPosition', { status: t(`screening.status.${r.status}`) })
                  )}
                </p>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
