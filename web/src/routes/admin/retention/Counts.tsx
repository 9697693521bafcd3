// What a retention run removes, said two ways: one sentence ("3 trivselsvurderinger slettes,
// 1 barn anonymiseres …") and a table with one row per kind. Used by the preview, the
// "Kør nu" dialog and the message after a run.
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { COUNT_KEYS, type CountKey, type RetentionCounts } from './api.ts';
import { formatCount } from './format.ts';

/**
 * "3 trivselsvurderinger slettes, 0 stafetlogs slettes, … og 12 logposter slettes" (what a run
 * would do), or with `done` "… er slettet" (what a run did).
 */
export function useCountsSentence(done = false): (counts: RetentionCounts) => string {
  const { t } = useTranslation();
  const group = done ? 'retention.countsDone' : 'retention.counts';
  return (counts) => {
    const parts = COUNT_KEYS.map((k) => t(`${group}.${k}`, { count: counts[k] }));
    return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} ${t(`${group}.and`)} ${parts[parts.length - 1]}` : (parts[0] ?? '');
  };
}

export function CountsTable({ caption, counts, id }: { caption: string; counts: RetentionCounts; id?: string }) {
  const { t } = useTranslation();
  const columns: Column<CountKey>[] = [
    { key: 'what', header: t('retention.table.what'), rowHeader: true, cell: (k) => t(`retention.table.${k}`) },
    { key: 'count', header: t('retention.table.count'), className: 'align-text-right', cell: (k) => formatCount(counts[k]) },
  ];
  return <DataTable id={id} caption={caption} columns={columns} rows={COUNT_KEYS} rowKey={(k) => k} compact />;
}
