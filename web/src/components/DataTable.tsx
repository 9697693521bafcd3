// A DKFDS table with a caption, column headers (scope="col"), an optional row header
// column (scope="row"), loading and empty states, inside a focusable horizontal scroll
// region so narrow screens can scroll it by keyboard.
//   <DataTable caption="Mine børn" rows={items} rowKey={r => r.id}
//     columns={[{ key: 'name', header: 'Navn', cell: r => <Link …/>, rowHeader: true }, …]}
//     loading={q.isPending} empty="Ingen børn" />
import { useId, type ReactNode } from 'react';
import { Loading } from './Spinner.tsx';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T, index: number) => ReactNode;
  /** Render this column's cells as <th scope="row"> (use for the name column). */
  rowHeader?: boolean;
  /** Classes on both header and cells, e.g. 'align-text-right'. */
  className?: string;
}

export interface DataTableProps<T> {
  caption: ReactNode;
  /** Keep the caption for screen readers only (when a visible heading says the same). */
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: readonly T[] | undefined;
  rowKey: (row: T, index: number) => string;
  loading?: boolean;
  loadingText?: string;
  /** Shown in place of the table when there are no rows (and not loading). */
  empty?: ReactNode;
  zebra?: boolean;
  compact?: boolean;
  className?: string;
  id?: string;
}

export function DataTable<T>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
  loading,
  loadingText,
  empty,
  zebra = true,
  compact,
  className,
  id,
}: DataTableProps<T>) {
  const captionId = useId();
  if (loading && !rows?.length) return <Loading text={loadingText} />;
  if (!rows?.length) return empty ? <div className="tidlig-empty">{typeof empty === 'string' ? <p>{empty}</p> : empty}</div> : null;
  const classes = ['table', zebra ? 'table--zebra' : '', compact ? 'table--compact' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <div className="table--responsive-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className={classes} id={id} aria-busy={loading ? true : undefined}>
        <caption id={captionId} className={captionHidden ? 'sr-only' : undefined}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.key} scope="row" className={c.className}>
                    {c.cell(row, i)}
                  </th>
                ) : (
                  <td key={c.key} className={c.className}>
                    {c.cell(row, i)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
