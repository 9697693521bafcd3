// /admin/guide/ny — a new entry; /admin/guide/$entryId — change it (a new version with a change
// note), make it public or internal, archive or reopen it, and read its history (each old
// version can be opened and restored). Every change sends If-Match with the version the editor
// opened; a 412 says someone else changed it and reloads.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { formatDateTime } from '../../../components/format.ts';
import { Notice } from '../../../components/Notice.tsx';
import { NotFoundPage } from '../../../components/PageStates.tsx';
import { Loading } from '../../../components/Spinner.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { errorText } from '../../../i18n/index.ts';
import { setFlash, takeFlash } from '../../admin/flash.ts';
import { useFormErrors } from '../../admin/forms.ts';
import { Badge } from '../../admin/widgets.tsx';
import { entryQuery, guideKeys, versionsQuery, type Created, type EntryCreate, type EntryDetail, type EntryVersionCreate, type VersionSummary } from '../api.ts';
import { useGuideLabels } from '../labels.ts';
import { EMPTY_ENTRY, EntryForm, type EntryValues } from './EntryForm.tsx';

const contentOf = (v: EntryValues) => ({ title: v.title, summary: v.summary, body: v.body, fields: Object.fromEntries(Object.entries(v.fields).filter(([, x]) => x.trim())) });

export function CreateEntryPage() {
  const { t } = useTranslation('guide');
  usePageTitle(t('admin.createTitle'));
  const qc = useQueryClient();
  const navigate = useNavigate();
  const errors = useFormErrors('entry', { 'guide.slug_taken': 'slug' });
  const create = useMutation({
    mutationFn: (body: EntryCreate) => api.post<Created>('/api/guide/entries', body),
    onSuccess: async (res, body) => {
      await qc.invalidateQueries({ queryKey: guideKeys.all });
      setFlash(`guide:${res.id}`, t('admin.createdNotice', { title: body.title }));
      void navigate({ to: '/admin/guide/$entryId', params: { entryId: res.id } });
    },
    onError: (e) => errors.fromApi(e),
  });
  return (
    <>
      <p>
        <Link to="/admin/guide">{t('admin.backToList')}</Link>
      </p>
      <h1>{t('admin.createTitle')}</h1>
      <EntryForm
        mode="create"
        initial={EMPTY_ENTRY}
        errors={errors}
        busy={create.isPending}
        submitLabel={t('form.create')}
        onSubmit={(v) =>
          create.mutate({
            kind: v.kind as EntryCreate['kind'],
            slug: v.slug.trim() || undefined,
            isPublic: v.isPublic,
            ...contentOf(v),
            changeNote: v.changeNote.trim() || undefined,
          })
        }
      />
    </>
  );
}

export function EditEntryPage() {
  const { entryId } = useParams({ strict: false }) as { entryId: string };
  return <EditEntry key={entryId} entryId={entryId} />;
}

function EditEntry({ entryId }: { entryId: string }) {
  const { t } = useTranslation('guide');
  const labels = useGuideLabels();
  const qc = useQueryClient();
  const [notice, setNotice] = useState<string | null>(() => takeFlash(`guide:${entryId}`));
  const [formKey, setFormKey] = useState(0);
  const [settingsError, setSettingsError] = useState<string | null>(null);
  const errors = useFormErrors('entry');
  const query = useQuery(entryQuery(entryId));
  const versions = useQuery(versionsQuery(entryId));
  usePageTitle(query.data ? t('admin.editTitle', { title: query.data.title }) : t('admin.title'));

  const refresh = () => qc.invalidateQueries({ queryKey: guideKeys.all });
  const onError = (e: unknown) => {
    setNotice(null);
    const code = errors.fromApi(e);
    if (code === 'version.mismatch') void refresh();
  };

  const save = useMutation({
    mutationFn: ({ body, version }: { body: EntryVersionCreate; version: number }) => api.post<Created>(`/api/guide/entries/${entryId}/versions`, body, { version }),
    onSuccess: async (res) => {
      await refresh();
      errors.clear();
      setFormKey((k) => k + 1);
      setNotice(t('admin.savedNotice', { number: res.number }));
    },
    onError,
  });
  const settings = useMutation({
    mutationFn: ({ body, version }: { body: { isPublic?: boolean; archived?: boolean }; version: number }) => api.patch<Created>(`/api/guide/entries/${entryId}`, body, { version }),
    onSuccess: async (_res, { body }) => {
      await refresh();
      setSettingsError(null);
      setNotice(
        body.archived === true
          ? t('admin.archivedNotice')
          : body.archived === false
            ? t('admin.unarchivedNotice')
            : body.isPublic
              ? t('admin.madePublicNotice')
              : t('admin.madeInternalNotice'),
      );
    },
    onError: (e) => {
      setNotice(null);
      setSettingsError(e instanceof ApiError && e.code === 'version.mismatch' ? t('admin.staleNotice') : errorText(e));
      void refresh();
    },
  });

  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage title={t('admin.notFound')} />;
    return <Notice variant="error">{errorText(query.error)}</Notice>;
  }
  const entry: EntryDetail = query.data;
  const initial: EntryValues = { ...EMPTY_ENTRY, kind: entry.kind, title: entry.title, summary: entry.summary, body: entry.body, fields: entry.fields };

  const columns: Column<VersionSummary>[] = [
    {
      key: 'number',
      header: t('admin.versionNumber'),
      rowHeader: true,
      cell: (v) => (
        <Link to="/admin/guide/$entryId/versioner/$number" params={{ entryId, number: String(v.number) }}>
          {t('admin.versionLink', { number: v.number })}
        </Link>
      ),
    },
    { key: 'when', header: t('admin.editedAt'), className: 'tidlig-nowrap', cell: (v) => formatDateTime(v.editedAt) },
    { key: 'who', header: t('admin.editedBy'), cell: (v) => v.editedBy ?? t('admin.unknownEditor') },
    {
      key: 'note',
      header: t('admin.changeNote'),
      cell: (v) => (
        <>
          {v.changeNote}
          {v.current ? (
            <>
              {' '}
              <Badge variant="info">{t('admin.current')}</Badge>
            </>
          ) : null}
        </>
      ),
    },
  ];

  return (
    <>
      <p>
        <Link to="/admin/guide">{t('admin.backToList')}</Link>
      </p>
      <h1>{entry.title}</h1>
      <p className="font-lead">
        {labels.kind(entry.kind)} · {t('admin.versionOf', { number: entry.number })} ·{' '}
        <Link to="/guide/$slug" params={{ slug: entry.slug }} search={{}}>
          {t('admin.viewInGuide', { slug: entry.slug })}
        </Link>
      </p>
      {notice ? (
        <Notice variant="success" live="polite">
          {notice}
        </Notice>
      ) : null}

      <section aria-labelledby="entry-settings" className="tidlig-admin-card mt-6">
        <h2 id="entry-settings" className="h3">
          {t('admin.settings')}
        </h2>
        <p>
          {entry.isPublic ? <Badge variant="success">{t('admin.public')}</Badge> : <Badge>{t('admin.internal')}</Badge>}
          {entry.archived ? <Badge variant="warning">{t('admin.archived')}</Badge> : null} {entry.isPublic ? t('admin.publicExplained') : t('admin.internalExplained')}
        </p>
        {settingsError ? (
          <Notice variant="error" live="assertive">
            {settingsError}
          </Notice>
        ) : null}
        <div className="tidlig-admin-actions">
          <button type="button" className="button button-secondary" disabled={settings.isPending} onClick={() => settings.mutate({ body: { isPublic: !entry.isPublic }, version: entry.version })}>
            {entry.isPublic ? t('admin.makeInternal') : t('admin.makePublic')}
          </button>
          <button type="button" className="button button-secondary" disabled={settings.isPending} onClick={() => settings.mutate({ body: { archived: !entry.archived }, version: entry.version })}>
            {entry.archived ? t('admin.unarchive') : t('admin.archive')}
          </button>
        </div>
      </section>

      <section aria-labelledby="entry-edit" className="mt-7">
        <h2 id="entry-edit">{t('admin.editHeading')}</h2>
        {entry.archived ? (
          <Notice variant="info">{t('admin.archivedCannotEdit')}</Notice>
        ) : (
          <EntryForm
            key={`${entry.version}-${formKey}`}
            mode="edit"
            initial={initial}
            errors={errors}
            busy={save.isPending}
            submitLabel={t('form.saveVersion')}
            onSubmit={(v) => save.mutate({ body: { ...contentOf(v), changeNote: v.changeNote.trim() }, version: entry.version })}
          />
        )}
      </section>

      <section aria-labelledby="entry-history" className="mt-7">
        <h2 id="entry-history">{t('admin.history')}</h2>
        {versions.isError ? <Notice variant="error">{errorText(versions.error)}</Notice> : null}
        <DataTable caption={t('admin.historyCaption', { title: entry.title })} columns={columns} rows={versions.data?.items} rowKey={(v) => String(v.number)} loading={versions.isPending} />
      </section>
    </>
  );
}
