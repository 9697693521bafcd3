// /guide — the samarbejdsguide, readable without log-in (S3: "readable by citizens"). A search
// form (GET: the query lives in the URL, so a result can be bookmarked and shared), results
// ranked with snippets, or with no query every entry grouped by kind. Logged-in staff see
// their municipality's internal entries too (marked).
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { SelectField, TextField } from '../../components/FormField.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../i18n/index.ts';
import { guideKeys, type EntryList, type GuideKind, type PublicEntryList, type Segment } from './api.ts';
import { GUIDE_KINDS, useGuideLabels } from './labels.ts';
import { kommuneParam, useGuideSource, type GuideSource } from './source.ts';
import { Snippet } from './text.tsx';

interface Item {
  slug: string;
  kind: GuideKind;
  title: string;
  summary: string;
  snippet: Segment[] | null;
  internal: boolean;
}

function useEntries(source: GuideSource, q: string, kind: GuideKind | undefined) {
  const ready = source.status === 'ready' ? source : null;
  return useQuery({
    queryKey: guideKeys.page(ready?.key ?? '', q, kind ?? ''),
    enabled: ready !== null,
    queryFn: async ({ signal }): Promise<{ total: number; items: Item[] }> => {
      const query = { q: q || undefined, kind };
      if (ready?.mode === 'staff') {
        const r = await api.get<EntryList>('/api/guide/entries', { signal, query });
        return { total: r.total, items: r.items.map((i) => ({ ...i, internal: !i.isPublic })) };
      }
      const r = await api.get<PublicEntryList>(`/api/public/guide/${ready!.mode === 'public' ? ready!.code : ''}/entries`, { signal, query });
      return { total: r.total, items: r.items.map((i) => ({ ...i, internal: false })) };
    },
    staleTime: 30_000,
  });
}

function EntryLink({ item, kommune }: { item: Item; kommune?: string }) {
  const { t } = useTranslation('guide');
  const labels = useGuideLabels();
  return (
    <li className="tidlig-guide-result">
      <h3 className="h4 mt-0 mb-1">
        <Link to="/guide/$slug" params={{ slug: item.slug }} search={{ kommune }}>
          {item.title}
        </Link>
      </h3>
      <p className="tidlig-guide-meta">
        {labels.kind(item.kind)}
        {item.internal ? <span className="tidlig-guide-internal"> · {t('public.internal')}</span> : null}
      </p>
      {item.snippet ? <Snippet segments={item.snippet} /> : <p className="mt-1">{item.summary}</p>}
    </li>
  );
}

function ChooseMunicipality({ source }: { source: Extract<GuideSource, { status: 'choose' }> }) {
  const { t } = useTranslation('guide');
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!code) return setError(t('public.chooseMunicipalityRequired'));
    void navigate({ to: '/guide', search: { kommune: code } });
  };
  if (!source.municipalities.length) return <Notice variant="info">{t('public.noMunicipalities')}</Notice>;
  return (
    <form method="get" action="/guide" onSubmit={onSubmit} noValidate className="mt-6">
      <SelectField
        id="guide-municipality"
        name="kommune"
        label={t('public.municipality')}
        placeholder={t('public.chooseMunicipality')}
        options={source.municipalities.map((m) => ({ value: m.code, label: m.name }))}
        value={code}
        error={error}
        onChange={(e) => setCode(e.target.value)}
      />
      <button type="submit" className="button button-primary">
        {t('public.showGuide')}
      </button>
    </form>
  );
}

export function GuidePage() {
  const { t } = useTranslation('guide');
  const labels = useGuideLabels();
  const search = useSearch({ strict: false }) as { q?: string; type?: GuideKind; kommune?: string };
  const navigate = useNavigate();
  const source = useGuideSource(search.kommune);
  const q = (search.q ?? '').trim();
  const [input, setInput] = useState(q);
  const [kind, setKind] = useState<string>(search.type ?? '');
  useEffect(() => setInput(q), [q]);
  useEffect(() => setKind(search.type ?? ''), [search.type]);
  usePageTitle(q ? t('public.titleSearch', { q }) : t('public.title'));
  const entries = useEntries(source, q, search.type);
  const kommune = kommuneParam(source);

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    const next = input.trim();
    void navigate({ to: '/guide', search: { q: next || undefined, type: (kind || undefined) as GuideKind | undefined, kommune } });
  };

  const data = entries.data;
  return (
    <>
      <h1>{t('public.title')}</h1>
      {source.status === 'ready' ? <p className="font-lead">{t('public.intro', { municipality: source.municipalityName })}</p> : null}
      {source.status === 'loading' ? <Loading /> : null}
      {source.status === 'error' ? <Notice variant="error">{errorText(source.error)}</Notice> : null}
      {source.status === 'choose' ? <ChooseMunicipality source={source} /> : null}
      {source.status === 'ready' ? (
        <>
          <form method="get" action="/guide" role="search" aria-label={t('public.searchForm')} onSubmit={onSearch} noValidate className="tidlig-guide-search">
            {kommune ? <input type="hidden" name="kommune" value={kommune} /> : null}
            <TextField
              id="guide-q"
              name="q"
              type="search"
              label={t('public.searchLabel')}
              hint={t('public.searchHint')}
              value={input}
              maxLength={200}
              autoComplete="off"
              onChange={(e) => setInput(e.target.value)}
              width="xl"
            />
            <SelectField
              id="guide-type"
              name="type"
              label={t('public.kindLabel')}
              options={[{ value: '', label: t('public.allKinds') }, ...GUIDE_KINDS.map((k) => ({ value: k, label: labels.kindPlural(k) }))]}
              value={kind}
              onChange={(e) => setKind(e.target.value)}
            />
            <div className="tidlig-guide-search-buttons">
              <button type="submit" className="button button-primary">
                {t('public.search')}
              </button>
              {q || search.type ? (
                <Link to="/guide" search={{ kommune }} className="button button-tertiary">
                  {t('public.clear')}
                </Link>
              ) : null}
            </div>
          </form>
          {source.mode === 'staff' && source.canEdit ? (
            <p className="mt-5">
              <Link to="/admin/guide">{t('public.editLink')}</Link>
            </p>
          ) : null}

          <div className="mt-6">
            {entries.isPending ? <Loading /> : null}
            {entries.isError ? (
              <Notice variant="error" live="assertive">
                {errorText(entries.error)}
              </Notice>
            ) : null}
            {data ? (
              <p aria-live="polite" className="mb-3" id="guide-count">
                {q ? t('public.countSearch', { count: data.total, q }) : t('public.count', { count: data.total })}
              </p>
            ) : null}
            {data && q ? (
              <section aria-labelledby="guide-results-heading">
                <h2 id="guide-results-heading">{t('public.results')}</h2>
                {data.items.length ? (
                  <ul className="unstyled-list tidlig-guide-results">
                    {data.items.map((i) => (
                      <EntryLink key={i.slug} item={i} kommune={kommune} />
                    ))}
                  </ul>
                ) : (
                  <p>{t('public.noResults')}</p>
                )}
              </section>
            ) : null}
            {data && !q
              ? GUIDE_KINDS.filter((k) => data.items.some((i) => i.kind === k)).map((k) => (
                  <section key={k} aria-labelledby={`guide-kind-${k}`} className="mt-7">
                    <h2 id={`guide-kind-${k}`}>{labels.kindPlural(k)}</h2>
                    <p className="tidlig-guide-kind-intro">{t(`kinds.${k}.intro`)}</p>
                    <ul className="unstyled-list tidlig-guide-results">
                      {data.items
                        .filter((i) => i.kind === k)
                        .map((i) => (
                          <EntryLink key={i.slug} item={i} kommune={kommune} />
                        ))}
                    </ul>
                  </section>
                ))
              : null}
            {data && !q && data.items.length === 0 ? <p>{t('public.empty')}</p> : null}
          </div>
        </>
      ) : null}
    </>
  );
}
