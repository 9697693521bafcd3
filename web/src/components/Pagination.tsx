// DKFDS pagination for server-paged lists (page numbers start at 1).
//   <Pagination page={page} pageSize={50} total={data.total} onPageChange={setPage} label="Sider i Mine børn" />
// Renders nothing when everything fits on one page. Buttons, not links: the page lives in
// component state (lists that must not put search terms in the URL).
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon.tsx';

export interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  /** Accessible name of the nav landmark; defaults to "Sidenavigation". */
  label?: string;
}

/** Page numbers to show: first, last, and the current with one on each side; null = "…". */
export function pageWindow(page: number, count: number): (number | null)[] {
  const wanted = new Set([1, count, page - 1, page, page + 1].filter((p) => p >= 1 && p <= count));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const p of sorted) {
    const prev = out[out.length - 1];
    if (typeof prev === 'number' && p - prev > 1) out.push(null);
    out.push(p);
  }
  return out;
}

export function Pagination({ page, pageSize, total, onPageChange, label }: PaginationProps) {
  const { t } = useTranslation();
  const count = Math.max(1, Math.ceil(total / pageSize));
  if (count <= 1) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <>
      <p className="tidlig-pagination-summary" aria-live="polite">
        {t('pagination.summary', { from, to, total })}
      </p>
      <nav className="pagination" aria-label={label ?? t('pagination.label')}>
        <button type="button" className="button button-arrow button-first" disabled={page <= 1} onClick={() => onPageChange(1)}>
          <Icon name="first-page" />
          <span className="sr-only">{t('pagination.first')}</span>
        </button>
        <button
          type="button"
          className="button button-arrow button-previous"
          disabled={page <= 1}
          onClick={() => onPageChange(page - 1)}
          aria-label={t('pagination.previousLabel')}
        >
          <Icon name="chevron-left" />
          <span className="pagination-nav-link">{t('pagination.previous')}</span>
        </button>
        <span className="pagination-mobile">{t('pagination.pageOf', { page, count })}</span>
        <ul className="pagination__items">
          {pageWindow(page, count).map((p, i) =>
            p === null ? (
              <li key={`gap-${i}`} className="pagination-item pagination-overflow">
                <span className="sr-only">{t('pagination.overflow')}</span>
                <span aria-hidden="true">...</span>
              </li>
            ) : (
              <li key={p} className="pagination-item pagination-number">
                <button
                  type="button"
                  className={p === page ? 'button current-page' : 'button button-secondary'}
                  aria-label={t('pagination.page', { page: p })}
                  aria-current={p === page ? 'page' : undefined}
                  onClick={() => onPageChange(p)}
                >
                  {p}
                </button>
              </li>
            ),
          )}
        </ul>
        <button
          type="button"
          className="button button-arrow button-next"
          disabled={page >= count}
          onClick={() => onPageChange(page + 1)}
          aria-label={t('pagination.nextLabel')}
        >
          <span className="pagination-nav-link">{t('pagination.next')}</span>
          <Icon name="chevron-right" />
        </button>
        <button type="button" className="button button-arrow button-last" disabled={page >= count} onClick={() => onPageChange(count)}>
          <Icon name="last-page" />
          <span className="sr-only">{t('pagination.last')}</span>
        </button>
      </nav>
    </>
  );
}
