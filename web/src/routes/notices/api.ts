// Notices (beskeder): the header's unread count and the list page share one query key, so
// marking read on the page updates the header at once.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { noticeList } from '../../../../src/modules/notices/schema.ts';
import { api } from '../../api/client.ts';
import { formatDay } from '../../components/format.ts';

export type NoticeList = z.infer<typeof noticeList>;
export type NoticeItem = NoticeList['items'][number];

export const NOTICES_KEY = ['notices'] as const;

export function useNotices() {
  return useQuery({
    queryKey: NOTICES_KEY,
    queryFn: ({ signal }) => api.get<NoticeList>('/api/notices', { signal }),
    // No polling: a request in the background would keep an idle session alive. The count is
    // fetched again when the user moves to another page and it is older than a minute.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}

/** Refresh a stale unread count on each navigation. */
export function useNoticesOnNavigation() {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const client = useQueryClient();
  useEffect(() => {
    void client.refetchQueries({ queryKey: NOTICES_KEY, type: 'active', stale: true });
  }, [pathname, client]);
}

/** The notice's text in the current language, from its kind and parameters. */
export function useNoticeText() {
  const { t } = useTranslation();
  return (n: NoticeItem) => {
    // Dates travel as 'YYYY-MM-DD' (closesOn, dueDate, validTo …) and are shown the Danish way.
    const params = Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDay(v) : v]));
    const count = typeof n.params.missing === 'number' ? n.params.missing : undefined;
    return t(`notices.kinds.${n.kind}`, { ...params, count, defaultValue: t('notices.unknownKind') });
  };
}
