// /admin/guide — the samarbejdsguide's entries for editors (guide.edit): search, filter by kind
// and status (current, archived, all), and "Opret indgang".
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { SelectField, TextField } from '../../../components/FormField.tsx';
import { formatDateTime } from '../../../components/format.ts';
import { Icon } from '../../../components/Icon.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { errorText } from '../../../i18n/index.ts';
import { Badge } from '../../admin/widgets.tsx';
import { guideKeys, type EntryList, type EntryListItem } from '../api.ts';
import { GUIDE_KINDS, useGuideLabels } from '../labels.ts';
import { GuideAdminTabs } from './GuideAdminTabs.tsx';

type Status = 'active' | 'archived' | 'all';

export function EntriesAdminPage() {
  const { t } = useTranslation('guide');
  const labels = useGuideLabels();
  usePageTitle(t('admin.title'));
  const [input, setInput] = useState({ q: '', kind: '', archived: 'active' as Status });
  const [filter, setFilter] = useState(input);
  const query = useQuery({
    queryKey: guideKeys.entries('staff', filter.q, filter.kind, filter.archived),
    queryFn: ({ signal }) =>
      api.get<EntryList>('/api/guide/entries', { signal, query: { q: filter.q || undefined, kind: filter.kind || undefined, archived: filter.archived } }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const onFilter = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ ...input, q: input.q.trim() });
  };

  const columns: Column<EntryListItem>[] = [
    {
      key: 'title',
      header: t('admin.entryTitle'),
      rowHeader: true,
      cell: (e) => (
        <Link to="/admin/guide/$entryId" params={{ entryId: e.id }}>
          {e.title}
        </Link>
      ),
    },
    { key: 'kind', header: t('admin.kind'), cell: (e) => labels.kind(e.kind) },
    {
      key: 'status',
      header: t('admin.status'),
      cell: (e) => (
        <>
          {e.isPublic ? <Badge variant="success">{t('admin.public')}</Badge> : <Badge>{t('admin.internal')}</Badge>}
          {e.archived ? <Badge variant="warning">{t('admin.archived')}</Badge> : null}
        </>
      ),
    },
    { key: 'number', header: t('admin.versionNumber'), className: 'align-text-right', cell: (e) => e.number },
    { key: 'edited', header: t('admin.editedAt'), className: 'tidlig-nowrap', cell: (e) => formatDateTime(e.editedAt) },
  ];

  const data = query.data;
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <p className="font-lead">{t('admin.intro')}</p>
      <GuideAdminTabs current="entries" />
      <div className="tidlig-admin-actions">
        <Link to="/admin/guide/ny" className="button button-primary">
          <Icon name="plus" />
          {t('admin.create')}
        </Link>
      </div>

      <form onSubmit={onFilter} role="search" aria-label={t('admin.filterLabel')} className="tidlig-guide-search mt-5" noValidate>
        <TextField id="guide-admin-q" type="search" label={t('admin.searchLabel')} value={input.q} maxLength={200} autoComplete="off" onChange={(e) => setInput({ ...input, q: e.target.value })} width="l" />
        <SelectField
          id="guide-admin-kind"
          label={t('admin.kind')}
          options={[{ value: '', label: t('public.allKinds') }, ...GUIDE_KINDS.map((k) => ({ value: k, label: labels.kindPlural(k) }))]}
          value={input.kind}
          onChange={(e) => setInput({ ...input, kind: e.target.value })}
        />
        <SelectField
          id="guide-admin-status"
          label={t('admin.status')}
          options={[
            { value: 'active', label: t('admin.statusActive') },
            { value: 'archived', label: t('admin.statusArchived') },
            { value: 'all', label: t('admin.statusAll') },
          ]}
          value={input.archived}
          onChange={(e) => setInput({ ...input, archived: e.target.value as Status })}
        />
        <div className="tidlig-guide-search-buttons">
          <button type="submit" className="button button-secondary">
            {t('admin.filter')}
          </button>
        </div>
      </form>

      <div className="mt-6">
        {query.isError ? (
          <Notice variant="error" live="assertive">
            {errorText(query.error)}
          </Notice>
        ) : null}
        {data ? (
          <p aria-live="polite" className="mb-3">
            {t('admin.count', { count: data.total })}
          </p>
        ) : null}
        <DataTable
          caption={t('admin.caption')}
          captionHidden
          columns={columns}
          rows={data?.items}
          rowKey={(e) => e.id}
          loading={query.isPending || (query.isFetching && query.isPlaceholderData)}
          empty={query.isSuccess ? t('admin.empty') : undefined}
        />
      </div>
    </>
  );
}
