// /boern — "Mine børn": the children the professional has a relation to, paged on the
// server, filterable by the user's own groups/institutions, searchable by name or CPR.
// The search term stays in component state and goes in a POST body: a CPR number must never
// appear in a URL (browser history, proxy logs).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import type { ChildListItem, ChildrenPage as ChildrenPageData, Placement } from '../../api/types.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { SelectField, TextField } from '../../components/FormField.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../i18n/index.ts';

const PAGE_SIZE = 25;

/** "Børnehuset Solsikken, Sommerfuglene" for each current placement. */
export function placementText(placements: Placement[]): string {
  return placements
    .filter((p) => p.current)
    .map((p) => (p.groupName ? `${p.institutionName}, ${p.groupName}` : p.institutionName))
    .join('; ');
}

function ChildrenList() {
  const { t } = useTranslation();
  usePageTitle(t('children.title'));
  const me = useMe();

  const unitOptions = useMemo(() => {
    const seen = new Set<string>();
    return me.memberships
      .filter((m) => m.unitKind === 'group' || m.unitKind === 'institution')
      .filter((m) => {
        const key = `${m.unitKind}:${m.unitId}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((m) => ({ value: `${m.unitKind}:${m.unitId}`, label: `${m.unitName} (${t(`unitKinds.${m.unitKind}`)})` }));
  }, [me.memberships, t]);

  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const [searchInput, setSearchInput] = useState('');
  const [activeSearch, setActiveSearch] = useState<string | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);

  const [unitKind, unitId] = filter ? (filter.split(':') as [string, string]) : [undefined, undefined];
  const query = useQuery({
    queryKey: activeSearch ? ['children', 'search', { q: activeSearch, page }] : ['children', 'list', { filter, page }],
    queryFn: ({ signal }) =>
      activeSearch
        ? api.post<ChildrenPageData>('/api/children/search', { q: activeSearch, page, pageSize: PAGE_SIZE }, { signal })
        : api.get<ChildrenPageData>('/api/children', {
            signal,
            query: {
              page,
              pageSize: PAGE_SIZE,
              groupId: unitKind === 'group' ? unitId : undefined,
              institutionId: unitKind === 'institution' ? unitId : undefined,
            },
          }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    const q = searchInput.trim();
    if (q.length < 2) {
      setSearchError(t('children.searchTooShort'));
      return;
    }
    setSearchError(null);
    setActiveSearch(q);
    setPage(1);
  };

  const clearSearch = () => {
    setSearchInput('');
    setActiveSearch(null);
    setSearchError(null);
    setPage(1);
  };

  const columns: Column<ChildListItem>[] = [
    {
      key: 'name',
      header: t('children.name'),
      rowHeader: true,
      cell: (c) => (
        <Link to="/boern/$childId" params={{ childId: c.id }}>
          {c.firstName} {c.lastName}
        </Link>
      ),
    },
    { key: 'age', header: t('children.age'), cell: (c) => t('children.ageYears', { count: c.age }), className: 'tidlig-nowrap' },
    { key: 'cpr', header: t('children.cpr'), cell: (c) => <span className="tidlig-cpr">{c.cprMasked}</span> },
    { key: 'placement', header: t('children.placementNow'), cell: (c) => placementText(c.placements) || t('children.noPlacement') },
  ];

  const data = query.data;
  return (
    <>
      <h1>{t('children.title')}</h1>
      <Notice variant="info">{t('children.notice')}</Notice>

      <div className="tidlig-filters mt-6">
        {unitOptions.length ? (
          <SelectField
            id="children-filter"
            label={t('children.filterLabel')}
            hint={t('children.filterHint')}
            placeholder={t('children.filterAll')}
            options={unitOptions}
            value={filter}
            disabled={activeSearch !== null}
            onChange={(e) => {
              setFilter(e.target.value);
              setPage(1);
            }}
          />
        ) : null}

        <form onSubmit={onSearch} role="search" aria-label={t('children.searchFormLabel')} className="tidlig-inline-actions" noValidate>
          <TextField
            id="children-search"
            type="search"
            label={t('children.searchLabel')}
            hint={t('children.searchHint')}
            value={searchInput}
            onChange={(e) => setSearchInput(e.target.value)}
            error={searchError}
            autoComplete="off"
            spellCheck={false}
            width="l"
          />
          <div className="tidlig-filter-buttons">
            <button type="submit" className="button button-secondary">
              {t('children.searchButton')}
            </button>
            {activeSearch !== null ? (
              <button type="button" className="button button-tertiary" onClick={clearSearch}>
                {t('children.clearSearch')}
              </button>
            ) : null}
          </div>
        </form>
      </div>

      <div className="mt-6">
        {query.isError ? <Notice variant="error" live="assertive">{errorText(query.error)}</Notice> : null}
        {data ? (
          <p aria-live="polite" className="mb-3">
            {activeSearch !== null ? `${t('children.searchResultFor')}: ` : ''}
            {t('children.count', { count: data.total })}
          </p>
        ) : null}
        <DataTable
          caption={activeSearch !== null ? t('children.captionSearch') : t('children.caption')}
          columns={columns}
          rows={data?.items}
          rowKey={(c) => c.id}
          loading={query.isPending || (query.isFetching && query.isPlaceholderData)}
          empty={query.isSuccess ? (activeSearch !== null ? t('children.emptySearch') : t('children.empty')) : undefined}
        />
        {data ? <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPageChange={setPage} /> : null}
      </div>
    </>
  );
}

export function ChildrenPage() {
  return (
    <RequirePermission permission="children.list">
      <ChildrenList />
    </RequirePermission>
  );
}
