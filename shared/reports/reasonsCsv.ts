import type { CsvColumn } from '../csv/write';
import type { ReasonsReportRow } from './reasons';

const PERIOD: CsvColumn<ReasonsReportRow> = { header: 'period', value: (r) => r.period };
const COLUMNS: CsvColumn<ReasonsReportRow>[] = [
  { header: 'category', value: (r) => r.category },
  { header: 'reason', value: (r) => r.reason },
  { header: 'departed', value: (r) => r.departed },
  { header: 'revenue', value: (r) => r.revenue },
  { header: 'calls', value: (r) => r.calls },
  { header: 'recovered', value: (r) => r.recovered },
  { header: 'recoveryRate', value: (r) => r.recoveryRate },
  { header: 'recoveredRevenue', value: (r) => r.recoveredRevenue },
];

/**
 * The reasons report's CSV columns, the same from the console's command line and from the hub; a
 * report grouped by cycle or month starts with the period.
 */
export function reasonsCsvColumns(grouped: boolean): CsvColumn<ReasonsReportRow>[] {
  return grouped ? [PERIOD, ...COLUMNS] : COLUMNS;
}
