import { DEFAULT_ATTRIBUTION_DAYS, type AttributionReport, type AttributionRow } from '../../../shared/api/keepInTouch';
import { TEMPLATE_KIND_LABELS, type TemplateKind } from '../../../shared/domain/outreachTemplate';
import { csvHeader, csvRow, type CsvColumn } from '../../../shared/csv/write';
import type { Db } from '../../../db/open';
import type { AttributionCountRow } from '../../../db/repos/attribution';
import { listReasons } from '../../../db/repos/reasons';
import { getSetting, setSetting } from '../../../db/repos/settings';
import { runReport } from '../reportWorkers/runner';
import type { Logger } from '../types';

export const ATTRIBUTION_DAYS_KEY = 'keepInTouch.attributionDays';

/** How many days after a touch a return is still credited to it (a manager's setting). */
export function readAttributionDays(db: Db): number {
  return getSetting<number>(db, ATTRIBUTION_DAYS_KEY) ?? DEFAULT_ATTRIBUTION_DAYS;
}

export function saveAttributionDays(db: Db, days: number): { attributionDays: number } {
  setSetting(db, ATTRIBUTION_DAYS_KEY, days);
  return { attributionDays: readAttributionDays(db) };
}

const money = (v: number) => Math.round(v * 100) / 100;

function rows(counts: AttributionCountRow[], label: (key: string) => string): AttributionRow[] {
  return counts.map((r) => ({ key: r.key, label: label(r.key), touched: r.touched, returns: r.returns, revenueBack: money(r.revenue_back) }));
}

/**
 * Returns and revenue back by message kind, reason and outreach, beside the customers touched.
 * Working it out reads every call and touch (seconds over a year of calls): it runs on the report
 * worker's slower lane (reportWorkers/runner.ts), never on the thread that answers the console.
 */
export async function attributionReport(db: Db, log?: Logger): Promise<AttributionReport> {
  const windowDays = readAttributionDays(db);
  const counts = await runReport(db, { kind: 'attribution', days: windowDays }, log);
  const reasons = new Map(listReasons(db).map((r) => [r.id, r.name]));
  const outreaches = new Map((db.prepare('SELECT id, name FROM outreaches').all() as { id: string; name: string }[]).map((o) => [o.id, o.name]));
  return {
    windowDays,
    totals: { touched: counts.totals.touched, returns: counts.totals.returns, revenueBack: money(counts.totals.revenue_back) },
    byKind: rows(counts.byKind, (k) => k),
    byReason: rows(counts.byReason, (k) => (k === '' ? '' : (reasons.get(k) ?? k))),
    byOutreach: rows(counts.byOutreach, (k) => (k === '' ? '' : (outreaches.get(k) ?? k))),
  };
}

interface CsvLine {
  by: string;
  row: AttributionRow;
}

const kindLabel = (key: string) => (key === 'call' ? 'Call' : (TEMPLATE_KIND_LABELS[key as TemplateKind] ?? key));

/**
 * The report as one CSV (formula-safe through shared/csv/write: an outreach named "=1+1" stays
 * text), a line per kind, reason and outreach, each with the window it was counted over.
 */
export function attributionCsv(report: AttributionReport): string {
  const columns: CsvColumn<CsvLine>[] = [
    { header: 'By', value: (l) => l.by },
    { header: 'Touch', value: (l) => l.row.label },
    { header: 'Customers touched', value: (l) => l.row.touched },
    { header: 'Came back', value: (l) => l.row.returns },
    { header: 'Revenue back (monthly)', value: (l) => l.row.revenueBack },
    { header: 'Window (days)', value: () => report.windowDays },
  ];
  const lines: CsvLine[] = [
    ...report.byKind.map((row) => ({ by: 'Message kind', row: { ...row, label: kindLabel(row.key) } })),
    ...report.byReason.map((row) => ({ by: 'Reason', row: { ...row, label: row.key === '' ? 'No reason recorded' : row.label } })),
    ...report.byOutreach.map((row) => ({ by: 'Outreach', row: { ...row, label: row.key === '' ? 'Calls outside an outreach' : row.label } })),
  ];
  return csvHeader(columns) + lines.map((l) => csvRow(columns, l)).join('');
}
