// /admin/guide/$entryId/versioner/$number — an old version as it was, and "Gendan denne
// version": a new version with this content (history is never rewritten).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client.ts';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { TextField } from '../../../components/FormField.tsx';
import { formatDateTime } from '../../../components/format.ts';
import { Notice } from '../../../components/Notice.tsx';
import { NotFoundPage } from '../../../components/PageStates.tsx';
import { Loading } from '../../../components/Spinner.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { errorText } from '../../../i18n/index.ts';
import { setFlash } from '../../admin/flash.ts';
import { entryQuery, guideKeys, type Created, type EntryVersionDetail } from '../api.ts';
import { KIND_FIELDS, useGuideLabels } from '../labels.ts';
import { GuideText } from '../text.tsx';

export function EntryVersionPage() {
  const { t } = useTranslation('guide');
  const labels = useGuideLabels();
  const { entryId, number: raw } = useParams({ strict: false }) as { entryId: string; number: string };
  const number = Number(raw);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const entry = useQuery(entryQuery(entryId));
  const version = useQuery({
    queryKey: guideKeys.version(entryId, number),
    queryFn: ({ signal }) => api.get<EntryVersionDetail>(`/api/guide/entries/${entryId}/versions/${number}`, { signal }),
    enabled: Number.isInteger(number) && number >= 1,
    retry: false,
  });
  usePageTitle(t('admin.versionTitle', { number: raw }));

  const restore = useMutation({
    mutationFn: (v: number) => api.post<Created>(`/api/guide/entries/${entryId}/versions/${number}/restore`, note.trim() ? { changeNote: note.trim() } : {}, { version: v }),
    onSuccess: async (res) => {
      await qc.invalidateQueries({ queryKey: guideKeys.all });
      setFlash(`guide:${entryId}`, t('admin.restoredNotice', { from: number, number: res.number }));
      void navigate({ to: '/admin/guide/$entryId', params: { entryId } });
    },
    onError: (e) => {
      setError(e instanceof ApiError && e.code === 'version.mismatch' ? t('admin.staleNotice') : errorText(e));
      void qc.invalidateQueries({ queryKey: guideKeys.entry(entryId) });
    },
  });

  if (!Number.isInteger(number) || number < 1) return <NotFoundPage title={t('admin.versionNotFound')} />;
  if (entry.isPending || version.isPending) return <Loading />;
  if (entry.isError || version.isError) {
    const e = entry.error ?? version.error;
    if (e instanceof ApiError && e.status === 404) return <NotFoundPage title={t('admin.versionNotFound')} />;
    return <Notice variant="error">{errorText(e)}</Notice>;
  }
  const v = version.data;
  const kind = entry.data.kind;
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setError(null);
    restore.mutate(entry.data.version);
  };

  return (
    <>
      <p>
        <Link to="/admin/guide/$entryId" params={{ entryId }}>
          {t('admin.backToEntry', { title: entry.data.title })}
        </Link>
      </p>
      <h1>{t('admin.versionTitle', { number: v.number })}</h1>
      <p className="font-lead">
        {t('admin.versionMeta', { when: formatDateTime(v.editedAt), who: v.editedBy ?? t('admin.unknownEditor') })} · {v.changeNote}
      </p>
      {v.current ? <Notice variant="info">{t('admin.isCurrent')}</Notice> : null}

      <article className="tidlig-guide-version" aria-labelledby="version-title">
        <p className="tidlig-guide-meta mb-0">{labels.kind(kind)}</p>
        <h2 id="version-title" className="mt-2">
          {v.title}
        </h2>
        {v.summary ? <p className="font-lead">{v.summary}</p> : null}
        {KIND_FIELDS[kind]
          .filter((f) => v.fields[f])
          .map((f) => (
            <section key={f} aria-labelledby={`version-field-${f}`}>
              <h3 id={`version-field-${f}`} className="h5">
                {labels.field(kind, f)}
              </h3>
              <GuideText text={v.fields[f]!} />
            </section>
          ))}
        {v.body ? (
          <>
            <h3 className="h5">{t('public.bodyHeading')}</h3>
            <GuideText text={v.body} />
          </>
        ) : null}
      </article>

      {!v.current && !entry.data.archived ? (
        <form onSubmit={onSubmit} noValidate className="tidlig-admin-form mt-6">
          <h2 className="h3">{t('admin.restoreHeading')}</h2>
          <p>{t('admin.restoreExplained', { number: v.number })}</p>
          <ErrorSummary errors={error ? [{ message: error }] : []} />
          <TextField id="restore-note" label={t('form.changeNoteOptional')} hint={t('admin.restoreNoteHint', { number: v.number })} value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" className="button button-primary" disabled={restore.isPending}>
            {t('admin.restore', { number: v.number })}
          </button>
        </form>
      ) : null}
    </>
  );
}
