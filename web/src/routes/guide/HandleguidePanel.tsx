// The handleguide on the rating page (S3, issue 4 item 6): the moment a rater picks a concern
// position for a child — before saving — the municipality's guide for that position appears
// below the list: what to do, the steps, the linked samarbejdsguide entries and the next-step
// links that apply (GET /api/guide/handleguide/positions/:id?childId=). A polite live message
// announces it; focus stays where the rater is, so keyboard-first entry goes on undisturbed.
// Links open in a new tab: unsaved ratings on this page must not be lost.
//   <HandleguidePanel positions={sheet.positions} people={sheet.children} drafts={drafts} />
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { Notice } from '../../components/Notice.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { currentLanguage, errorText } from '../../i18n/index.ts';
import { guideKeys, type HandleguideForPosition } from './api.ts';
import { useGuideLabels } from './labels.ts';
import { GuideText } from './text.tsx';
import './guide.css';
import { Swatch } from '../../components/Swatch.tsx';

interface PanelPosition {
  id: string;
  label: string;
  isConcern: boolean;
}

interface PanelChild {
  id: string;
  firstName: string;
  lastName: string;
  mine: { positionId: string | null } | null;
}

export interface HandleguidePanelProps {
  positions: readonly PanelPosition[];
  people: readonly PanelChild[];
  /** The rating page's unsaved choices per child id ('' | position id | not assessed). */
  drafts: Readonly<Record<string, { choice: string }>>;
}

interface Picked {
  childId: string;
  positionId: string;
}

/** The child whose choice changed between two renders of the drafts, and the new choice. */
function changedChoice(before: HandleguidePanelProps['drafts'], after: HandleguidePanelProps['drafts'], people: readonly PanelChild[]) {
  for (const [childId, d] of Object.entries(after)) {
    const saved = people.find((c) => c.id === childId)?.mine?.positionId ?? '';
    if ((before[childId]?.choice ?? saved) !== d.choice) return { childId, choice: d.choice };
  }
  return null;
}

function NewTab() {
  const { t } = useTranslation('guide');
  return <span className="tidlig-guide-newtab"> {t('panel.newTab')}</span>;
}

export function HandleguidePanel({ positions, people, drafts }: HandleguidePanelProps) {
  const { t } = useTranslation('guide');
  const labels = useGuideLabels();
  const previous = useRef(drafts);
  const [picked, setPicked] = useState<Picked | null>(null);

  useEffect(() => {
    const before = previous.current;
    previous.current = drafts;
    const change = changedChoice(before, drafts, people);
    if (!change) return;
    const position = positions.find((p) => p.id === change.choice);
    if (position?.isConcern) setPicked({ childId: change.childId, positionId: position.id });
    else setPicked((cur) => (cur?.childId === change.childId ? null : cur));
  }, [drafts, positions, people]);

  const query = useQuery({
    queryKey: guideKeys.forPosition(picked?.positionId ?? '', picked?.childId ?? null),
    enabled: picked !== null,
    queryFn: ({ signal }) =>
      api.get<HandleguideForPosition>(`/api/guide/handleguide/positions/${picked!.positionId}`, { signal, query: { childId: picked!.childId } }),
    staleTime: 60_000,
  });

  const child = picked ? people.find((c) => c.id === picked.childId) : undefined;
  const name = child ? `${child.firstName} ${child.lastName}` : '';
  const data = picked && query.data?.position.id === picked.positionId ? query.data : undefined;
  const lang = currentLanguage();
  const announcement = data ? t('panel.announce', { position: data.position.label, name }) : '';

  return (
    <>
      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      {picked ? (
        <section className="tidlig-handleguide" aria-labelledby="handleguide-heading" id="handleguide">
          {query.isPending ? <Loading text={t('panel.loading')} /> : null}
          {query.isError ? <Notice variant="error">{errorText(query.error)}</Notice> : null}
          {data ? (
            <>
              <h2 id="handleguide-heading" className="h3 mt-0">
                <Swatch colour={data.position.colour} />
                {data.guide ? t('panel.heading', { title: data.guide.title }) : t('panel.headingNone', { position: data.position.label })}
              </h2>
              <p className="tidlig-guide-meta">{t('panel.forChild', { name, position: data.position.label })}</p>
              {data.guide ? (
                <>
                  <GuideText text={data.guide.whatToDo} />
                  {data.guide.steps.length ? (
                    <>
                      <h3 className="h5">{t('panel.steps')}</h3>
                      <ol className="tidlig-handleguide-steps">
                        {data.guide.steps.map((s, i) => (
                          <li key={i}>{s}</li>
                        ))}
                      </ol>
                    </>
                  ) : null}
                  {data.nextSteps.length ? (
                    <>
                      <h3 className="h5">{t('panel.nextSteps')}</h3>
                      <ul className="unstyled-list tidlig-handleguide-actions">
                        {data.nextSteps.map((s) => (
                          <li key={s.id}>
                            <a className="button button-secondary" href={s.href} target="_blank" rel="noopener">
                              {lang === 'en' ? s.label.en : s.label.da}
                              <NewTab />
                            </a>
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                  {data.guide.entries.length ? (
                    <>
                      <h3 className="h5">{t('panel.entries')}</h3>
                      <ul className="tidlig-handleguide-entries">
                        {data.guide.entries.map((e) => (
                          <li key={e.id}>
                            <a href={`/guide/${encodeURIComponent(e.slug)}`} target="_blank" rel="noopener">
                              {e.title}
                              <NewTab />
                            </a>{' '}
                            <span className="tidlig-guide-meta">({labels.kind(e.kind)})</span>
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                </>
              ) : (
                <p>
                  {t('panel.none')}{' '}
                  <a href="/guide" target="_blank" rel="noopener">
                    {t('panel.openGuide')}
                    <NewTab />
                  </a>
                </p>
              )}
              <button type="button" className="button button-tertiary mt-4" onClick={() => setPicked(null)}>
                {t('panel.hide')}
              </button>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
