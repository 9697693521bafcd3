// The distribution of positions per unit as a table (the numbers) with a CSS bar per row (the
// picture), the children with a position, coverage (rated / total) and the concern share now,
// last round and the change. Under each count, last round's count when the scales compare.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { OverviewBar, OverviewCount, OverviewPosition } from './OverviewParts.tsx';
import type { OverviewUnit } from './OverviewTypes.ts';
import type { ScreeningPosition } from './types.ts';

export interface OverviewRow {
  key: string;
  name: ReactNode;
  unit: OverviewUnit;
  /** A group under its institution: indented. */
  sub?: boolean;
}

const percent = (share: number | null, lang: string) =>
  share === null ? null : new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'da-DK', { style: 'percent', maximumFractionDigits: 0 }).format(share);

export function OverviewTable({
  id,
  caption,
  rows,
  positions,
  comparable,
  threshold,
}: {
  id: string;
  caption: string;
  rows: readonly OverviewRow[];
  positions: readonly ScreeningPosition[];
  comparable: boolean;
  threshold: number;
}) {
  const { t, i18n } = useTranslation();
  const unknown = <span className="tidlig-overview-muted">{t('screening.overview.unknown')}</span>;
  const columns: Column<OverviewRow>[] = [
    { key: 'unit', header: t('screening.overview.unit'), rowHeader: true, cell: (r) => <span className={r.sub ? 'tidlig-overview-sub' : undefined}>{r.name}</span> },
    ...positions.map(
      (p, i): Column<OverviewRow> => ({
        key: `p${p.ordinal}`,
        header: <OverviewPosition position={p} />,
        className: 'align-text-right',
        cell: (r) => {
          const previous = comparable ? r.unit.previous?.cells[i] : undefined;
          return (
            <>
              <OverviewCount cell={r.unit.distribution.cells[i]} threshold={threshold} />
              {previous ? (
                <span className="tidlig-overview-prev">
                  {t('screening.overview.previousShort')} <OverviewCount cell={previous} threshold={threshold} />
                </span>
              ) : null}
            </>
          );
        },
      }),
    ),
    { key: 'total', header: t('screening.overview.withPosition'), className: 'align-text-right', cell: (r) => r.unit.distribution.total },
    {
      key: 'coverage',
      header: t('screening.overview.coverage'),
      className: 'tidlig-nowrap',
      cell: (r) => t('screening.overview.coverageValue', { done: r.unit.coverage.done, total: r.unit.coverage.total }),
    },
    { key: 'concern', header: t('screening.overview.concern'), className: 'align-text-right', cell: (r) => percent(r.unit.distribution.concernShare, i18n.language) ?? unknown },
    {
      key: 'concernPrevious',
      header: t('screening.overview.concernPrevious'),
      className: 'align-text-right',
      cell: (r) => (r.unit.previous ? (percent(r.unit.previous.concernShare, i18n.language) ?? unknown) : '–'),
    },
    {
      key: 'change',
      header: t('screening.overview.change'),
      className: 'align-text-right tidlig-nowrap',
      cell: (r) =>
        r.unit.concernChange === null
          ? '–'
          : t('screening.overview.changeValue', {
              value: new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'da-DK', { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(r.unit.concernChange),
            }),
    },
    {
      key: 'bar',
      header: t('screening.overview.distribution'),
      cell: (r) =>
        r.unit.distribution.withheld ? (
          <span className="tidlig-overview-muted">{t('screening.overview.withheld')}</span>
        ) : (
          <OverviewBar distribution={r.unit.distribution} positions={positions} threshold={threshold} />
        ),
    },
  ];
  return <DataTable id={id} caption={caption} columns={columns} rows={rows} rowKey={(r) => r.key} empty={t('screening.overview.noUnits')} compact />;
}
