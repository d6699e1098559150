import type { ReasonsReport } from '../shared/reports/reasons';

/**
 * CSV that opens safely in Excel and LibreOffice. A text cell starting with =, +, -, @, tab or
 * carriage return could run as a formula there, so it gets a leading single quote; line feed and
 * NUL are included because some spreadsheet importers strip them and then see the next character
 * (ARCHITECTURE.md, "CSV formula neutralisation"). The test covers multi-line values too.
 */
const DANGEROUS_FIRST = /^[=+\-@\t\r\n\0]/;

export function neutralise(text: string): string {
  return DANGEROUS_FIRST.test(text) ? `'${text}` : text;
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = neutralise(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The reasons report as CSV lines, one row at a time. */
export function* reasonsReportCsv(report: ReasonsReport, grouped: boolean): Generator<string> {
  const head = ['category', 'reason', 'departed', 'revenue', 'calls', 'recovered', 'recoveryRate', 'recoveredRevenue'];
  yield csvLine(grouped ? ['period', ...head] : head);
  for (const r of report.rows) {
    const cells = [r.category, r.reason, r.departed, r.revenue, r.calls, r.recovered, r.recoveryRate, r.recoveredRevenue];
    yield csvLine(grouped ? [r.period ?? '', ...cells] : cells);
  }
}
