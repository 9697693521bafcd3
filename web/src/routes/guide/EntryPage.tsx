// /guide/$slug — one entry of the samarbejdsguide: what it is, its structured fields (purpose,
// who takes part, when, how — or what a professional group offers and how to reach it, with
// the contact under #kontakt) and the text. Public entries for everyone; internal ones only for
// logged-in staff of the municipality.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearch } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { formatDay, todayInCopenhagen } from '../../components/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { NotFoundPage } from '../../components/PageStates.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../i18n/index.ts';
import { guideKeys, type EntryDetail, type GuideKind, type PublicEntryDetail } from './api.ts';
import { KIND_FIELDS, useGuideLabels } from './labels.ts';
import { kommuneParam, useGuideSource } from './source.ts';
import { GuideText } from './text.tsx';

interface Shown {
  id: string | null;
  kind: GuideKind;
  title: string;
  summary: string;
  body: string;
  fields: Record<string, string>;
  updatedAt: string;
  internal: boolean;
  archived: boolean;
}

export function EntryPage() {
  const { t } = useTranslation('guide');
  const labels = useGuideLabels();
  const { slug } = useParams({ strict: false }) as { slug: string };
  const search = useSearch({ strict: false }) as { kommune?: string };
  const source = useGuideSource(search.kommune);
  const ready = source.status === 'ready' ? source : null;
  const query = useQuery({
    queryKey: guideKeys.slug(ready?.key ?? '', slug),
    enabled: ready !== null,
    queryFn: async ({ signal }): Promise<Shown> => {
      if (ready?.mode === 'staff') {
        const e = await api.get<EntryDetail>(`/api/guide/slugs/${encodeURIComponent(slug)}`, { signal });
        return { ...e, updatedAt: e.editedAt, internal: !e.isPublic };
      }
      const code = ready?.mode === 'public' ? ready.code : '';
      const e = await api.get<PublicEntryDetail>(`/api/public/guide/${code}/entries/${encodeURIComponent(slug)}`, { signal });
      return { ...e, id: null, internal: false, archived: false };
    },
    retry: false,
  });
  const entry = query.data;
  usePageTitle(entry ? entry.title : t('public.title'));

  // A link to #kontakt from the handleguide: scroll there once the entry has loaded.
  useEffect(() => {
    if (entry && window.location.hash) document.getElementById(window.location.hash.slice(1))?.scrollIntoView();
  }, [entry]);

  const back = (
    <p>
      <Link to="/guide" search={{ kommune: kommuneParam(source) }}>
        {t('public.back')}
      </Link>
    </p>
  );
  if (source.status === 'loading' || (ready && query.isPending)) return <Loading />;
  if (source.status === 'error') return <Notice variant="error">{errorText(source.error)}</Notice>;
  if (source.status === 'choose') {
    return (
      <>
        {back}
        <h1>{t('public.title')}</h1>
        <Notice variant="info">{t('public.chooseFirst')}</Notice>
      </>
    );
  }
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage title={t('public.notFound')} text={t('public.notFoundText')} />;
    return (
      <>
        {back}
        <Notice variant="error" live="assertive">
          {errorText(query.error)}
        </Notice>
      </>
    );
  }
  if (!entry) return null;
  const fields = KIND_FIELDS[entry.kind].filter((f) => entry.fields[f]);
  return (
    <article className="tidlig-guide-entry">
      {back}
      <p className="tidlig-guide-meta mb-0">
        {labels.kind(entry.kind)}
        {entry.internal ? <span className="tidlig-guide-internal"> · {t('public.internal')}</span> : null}
      </p>
      <h1 className="mt-2">{entry.title}</h1>
      {entry.summary ? <p className="font-lead">{entry.summary}</p> : null}
      {entry.archived ? <Notice variant="warning">{t('public.archived')}</Notice> : null}
      {fields.length ? (
        <div className="tidlig-guide-fields">
          {fields.map((f) => (
            <section key={f} id={f === 'contact' ? 'kontakt' : undefined} aria-labelledby={`field-${f}`}>
              <h2 id={`field-${f}`} className="h4">
                {labels.field(entry.kind, f)}
              </h2>
              <GuideText text={entry.fields[f]!} />
            </section>
          ))}
        </div>
      ) : null}
      {entry.body ? (
        <section aria-labelledby="guide-entry-body" className="mt-6">
          <h2 id="guide-entry-body" className="h3">
            {t('public.bodyHeading')}
          </h2>
          <GuideText text={entry.body} className="tidlig-guide-body" />
        </section>
      ) : null}
      <p className="tidlig-guide-meta mt-6">{t('public.updated', { date: formatDay(todayInCopenhagen(new Date(entry.updatedAt))) })}</p>
      {ready?.mode === 'staff' && ready.canEdit && entry.id ? (
        <p>
          <Link to="/admin/guide/$entryId" params={{ entryId: entry.id }}>
            {t('public.editThis')}
          </Link>
        </p>
      ) : null}
    </article>
  );
}
