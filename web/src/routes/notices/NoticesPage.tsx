// /beskeder — the user's notices (reminders before a screening round closes, …), newest first.
// Opening a notice's link marks it read; "Markér som læst" does it without leaving.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { formatDateTime } from '../../components/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../i18n/index.ts';
import { NOTICES_KEY, useNotices, useNoticeText, type NoticeItem } from './api.ts';

export function NoticesPage() {
  const { t } = useTranslation();
  usePageTitle(t('notices.title'));
  const client = useQueryClient();
  const query = useNotices();
  const text = useNoticeText();
  const refresh = () => client.invalidateQueries({ queryKey: NOTICES_KEY });
  const markRead = useMutation({ mutationFn: (id: string) => api.post(`/api/notices/${id}/read`), onSettled: refresh });
  const markAll = useMutation({ mutationFn: () => api.post('/api/notices/read-all'), onSettled: refresh });
  const items = query.data?.items ?? [];
  const unread = query.data?.unread ?? 0;
  const failed = markRead.error ?? markAll.error;

  const open = (n: NoticeItem) => {
    if (!n.readAt) markRead.mutate(n.id);
  };

  return (
    <>
      <h1>{t('notices.title')}</h1>
      <p className="font-lead">{t('notices.intro')}</p>
      {query.isPending ? <Loading /> : null}
      {query.isError ? (
        <Notice variant="error" live="assertive">
          {errorText(query.error)}
        </Notice>
      ) : null}
      {failed ? (
        <Notice variant="error" live="assertive">
          {errorText(failed)}
        </Notice>
      ) : null}
      {query.data && items.length === 0 ? (
        <div className="tidlig-empty">
          <p>{t('notices.empty')}</p>
        </div>
      ) : null}
      {unread > 0 ? (
        <p>
          <button type="button" className="button button-secondary" onClick={() => markAll.mutate()} disabled={markAll.isPending}>
            {t('notices.markAll')}
          </button>
        </p>
      ) : null}
      {items.length ? (
        <ul className="nobullet-list tidlig-notices">
          {items.map((n) => (
            <li key={n.id} className={`tidlig-notice-item${n.readAt ? '' : ' is-unread'}`}>
              <p className="mb-2">
                {n.readAt ? null : <strong className="tidlig-notice-new">{t('notices.unread')} </strong>}
                {text(n)}
              </p>
              <p className="form-hint mt-0 mb-3">{formatDateTime(n.createdAt)}</p>
              <p className="mt-0">
                {n.link ? (
                  <Link to={n.link} className="mr-5" onClick={() => open(n)}>
                    {t(`notices.linkText.${n.kind}`, { defaultValue: t('notices.open') })}
                  </Link>
                ) : null}
                {n.readAt ? null : (
                  <button type="button" className="button button-tertiary" onClick={() => markRead.mutate(n.id)} disabled={markRead.isPending}>
                    {t('notices.markRead')}
                  </button>
                )}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
