import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvValue } from '../../../../shared/csv/write';
import { csvFileName, saveCsv } from '../../lib/download';
import { formattingCurrencyNow } from '../../lib/format';

export interface Column<T> {
  header: string;
  /** The value written to the CSV: raw numbers, so a spreadsheet can sum them. */
  csv: (row: T) => CsvValue;
  /** What the table shows; the CSV value as text when omitted. */
  cell?: (row: T) => ReactNode;
  numeric?: boolean;
  /**
   * An amount in the organisation's currency: the CSV's header names the currency ("Revenue lost
   * (EUR)"), since its cells are bare numbers a spreadsheet can sum.
   */
  money?: boolean;
}

export interface DataTableProps<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  fileName?: string;
  empty?: string;
  /** Extra cells at the end of each row (actions); not exported. */
  actions?: { header: string; cell: (row: T) => ReactNode };
}

/** The numbers behind a chart, with a CSV download of exactly these rows and columns. */
export function DataTable<T>({ caption, columns, rows, rowKey, fileName, empty, actions }: DataTableProps<T>) {
  const { t } = useTranslation();
  const download = () =>
    saveCsv(
      fileName ?? csvFileName(caption),
      columns.map((c) => ({ header: c.money ? t('trends.table.amountHeader', { header: c.header, currency: formattingCurrencyNow() }) : c.header, value: c.csv })),
      rows,
    );
  return (
    <div className="data-table">
      <div className="table-tools no-print">
        <button type="button" onClick={download} aria-label={t('trends.table.downloadLabel', { caption })} disabled={rows.length === 0}>
          {t('trends.table.download')}
        </button>
      </div>
      {/* Focusable so a keyboard can scroll a long table. */}
      <div className="table-scroll" tabIndex={0} role="group" aria-label={caption}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col" className={c.numeric ? 'num' : undefined}>
                  {c.header}
                </th>
              ))}
              {actions && (
                <th scope="col" className="no-print">
                  {actions.header}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length + (actions ? 1 : 0)} className="muted">
                  {empty ?? t('trends.table.empty')}
                </td>
              </tr>
            ) : (
              rows.map((row, i) => (
                <tr key={rowKey(row, i)}>
                  {columns.map((c) => (
                    <td key={c.header} className={c.numeric ? 'num' : undefined}>
                      {c.cell ? c.cell(row) : (c.csv(row) ?? '—')}
                    </td>
                  ))}
                  {actions && <td className="no-print">{actions.cell(row)}</td>}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
