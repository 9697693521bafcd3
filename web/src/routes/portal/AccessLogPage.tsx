// /borger/barn/$childId/indsigt — who has read or changed the child's data, when and why
// (the audit log of the child; professionals by name and role, or by role only, as the
// municipality decides). A table on a wide screen; on a phone each row becomes a block with
// its own labels (DKFDS table--responsive-headers), so nothing scrolls sideways.
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useAccessLog, usePortalMe, type AccessLogRow } from '../../api/portal.ts';
import { formatDateTime } from '../../components/format.ts';
import { Notice } from '../../components/Notice.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { errorText } from '../../i18n/index.ts';
import { BackLink, PortalNotFound } from './ChildPage.tsx';
import { usePortalLabels } from './labels.ts';

function useWho() {
  const { t } = useTranslation('portal');
  const labels = usePortalLabels();
  return (w: AccessLogRow['who']) => {
    if (w.kind === 'system') return t('access.system');
    if (w.kind === 'anonymous') return t('access.anonymous');
    if (w.kind === 'citizen') return w.name ? t('access.citizen', { name: w.name }) : t('access.citizenNoName');
    const what = labels.profession(w.profession) || labels.role(w.role);
    if (w.name) return what ? `${w.name} (${what})` : w.name;
    return what || t('access.staffNoName');
  };
}

export function AccessLogPage() {
  const { t } = useTranslation('portal');
  const labels = usePortalLabels();
  const who = useWho();
  const { childId } = useParams({ strict: false }) as { childId: string };
  const [page, setPage] = useState(1);
  // The name from the session's own list: fetching the child's page here would add reads of
  // its logs and consents to the very list the parent is looking at.
  const name = usePortalMe().data?.children.find((c) => c.id === childId)?.firstName;
  const log = useAccessLog(childId, page);
  const title = name ? t('access.title', { name }) : t('access.titleFallback');
  usePageTitle(title);

  if (log.error instanceof ApiError && log.error.status === 404) return <PortalNotFound title={t('child.notFoundTitle')} text={t('child.notFound')} />;
  const cols = [t('access.when'), t('access.who'), t('access.what'), t('access.which'), t('access.why')];
  return (
    <>
      <BackLink to="/borger/barn/$childId" params={{ childId }}>
        {name ? t('access.back', { name }) : t('children.backToChildren')}
      </BackLink>
      <h1>{title}</h1>
      <p className="font-lead">{t('access.lead')}</p>
      <p>{t('access.intro')}</p>
      {log.isPending ? <Loading /> : null}
      {log.isError ? <Notice variant="error">{errorText(log.error)}</Notice> : null}
      {log.data && log.data.rows.length === 0 ? <p>{t('access.empty')}</p> : null}
      {log.data && log.data.rows.length ? (
        <>
          <table className="table table--zebra table--responsive-headers tidlig-portal-table" aria-busy={log.isFetching || undefined}>
            <caption>{t('access.caption', { count: log.data.total })}</caption>
            <thead>
              <tr>
                {cols.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {log.data.rows.map((r, i) => (
                <tr key={`${r.at}-${i}`}>
                  <td data-title={cols[0]}>
                    <time dateTime={r.at}>{formatDateTime(r.at)}</time>
                  </td>
                  <td data-title={cols[1]}>{who(r.who)}</td>
                  <td data-title={cols[2]}>{labels.action(r.action)}</td>
                  <td data-title={cols[3]}>{labels.resourceType(r.resourceType)}</td>
                  <td data-title={cols[4]}>{r.purpose ?? t('access.noPurpose')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination page={log.data.page} pageSize={log.data.pageSize} total={log.data.total} onPageChange={setPage} label={t('access.pages')} />
        </>
      ) : null}
    </>
  );
}
