import type { ReasonsReport } from '../../../shared/reports/reasons';
import type { AgreementReport, OfferMatrix, RecoveryReport, RecoveryRow, ReportScope, TrendsPdfInput } from '../../../shared/api/reports';
import { paretoByRevenue, percent, trendByCategory } from '../../../shared/reports/charts';
import type { Person } from '../../../shared/api/session';
import type { Db } from '../../../db/open';
import type { Logger } from '../types';
import { listCycles } from '../../../db/repos/cycles';
import { buildReasonsReport } from './reasons';
import { buildAgreement, buildOfferMatrix, buildRecoveryReport } from './recovery';
import { scopeOf, type ReportFilterInput } from './scope';
import type { EffectReport } from '../../../shared/reports/effect';
import { verdictText } from '../../../shared/reports/effect';
import type { OfferEconomicsReport, OfferEconomicsRow } from '../../../shared/reports/offerEconomics';
import { effectReport, offerEconomicsReport } from '../effect/reports';
import { barChart, createDoc, footers, heading, lineChart, note, paragraph, table, toBuffer, type TableColumn } from './pdfLayout';

export interface TrendsReportData {
  by: 'stated' | 'diagnosed';
  scope: ReportScope;
  cycleName: string;
  filterLines: string[];
  generatedAt: string;
  reasons: ReasonsReport;
  byCycle: ReasonsReport;
  cycleNames: Record<string, string>;
  /** Cycle ids, oldest first. */
  cycleOrder: string[];
  recovery: RecoveryReport;
  matrix: OfferMatrix;
  agreement: AgreementReport;
  /** Managers only: whether the calls worked, and what the offers earned after their cost. */
  effect: EffectReport | null;
  offers: OfferEconomicsReport | null;
}

const PALETTE_RECOVERY = '#009E73';
const money = (v: number) => `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const whole = (v: number) => v.toLocaleString('en-US');

/** Every report the Trends view shows, for the same filters, gathered for printing. */
export async function gatherTrendsReport(db: Db, input: TrendsPdfInput, user: Person | null, now: Date, log?: Logger): Promise<TrendsReportData> {
  const by = input.by ?? 'stated';
  const filters: ReportFilterInput = input.filters ?? {};
  const cycles = listCycles(db);
  const cycleNames = Object.fromEntries(cycles.map((c) => [c.id, c.name]));
  const chosen = filters.cycle ? cycles.find((c) => c.id === filters.cycle || c.name.toLowerCase() === filters.cycle?.toLowerCase()) : undefined;
  const filterLines = [
    `Reasons: ${by === 'stated' ? 'stated at departure' : 'diagnosed on calls'}`,
    filters.segment ? `Segment: ${filters.segment}` : null,
    filters.product ? `Product: ${filters.product}` : null,
    filters.team ? `Frontline team: ${filters.team}` : null,
    filters.from || filters.to ? `Dates: ${filters.from ?? 'start'} to ${filters.to ?? 'today'}` : null,
  ].filter((l): l is string => l !== null);
  const [reasons, byCycle, recovery, matrix, agreement] = await Promise.all([
    buildReasonsReport(db, { ...filters, by }, user, log),
    // The trend lines run across cycles, so the cycle filter does not apply to them.
    buildReasonsReport(db, { ...filters, cycle: undefined, by, group: 'cycle' }, user, log),
    buildRecoveryReport(db, filters, user, log),
    buildOfferMatrix(db, filters, user, log),
    buildAgreement(db, filters, user, log),
  ]);
  const managerView = scopeOf(user) === 'all';
  return {
    effect: managerView ? effectReport(db, { cycle: chosen?.id }) : null,
    offers: managerView ? offerEconomicsReport(db, { cycle: chosen?.id }) : null,
    by,
    scope: scopeOf(user),
    cycleName: chosen?.name ?? 'All cycles',
    filterLines,
    generatedAt: now.toISOString(),
    reasons,
    byCycle,
    cycleNames,
    cycleOrder: [...cycles].sort((x, y) => x.startsOn.localeCompare(y.startsOn)).map((c) => c.id),
    recovery,
    matrix,
    agreement,
  };
}

const recoveryColumns = (first: string): TableColumn<RecoveryRow>[] => [
  { header: first, width: 4, value: (r) => r.label },
  { header: 'Calls', width: 1, align: 'right', value: (r) => whole(r.calls) },
  { header: 'Recovered', width: 1.2, align: 'right', value: (r) => whole(r.recovered) },
  { header: 'Rate', width: 1, align: 'right', value: (r) => percent(r.recoveryRate) },
  { header: 'Recovered revenue', width: 1.8, align: 'right', value: (r) => money(r.recoveredRevenue) },
];

/** The printable trends report: cycle and filters at the top, then each chart with its numbers. */
export async function renderTrendsPdf(data: TrendsReportData): Promise<Buffer> {
  const title = `Reason trends: ${data.cycleName}`;
  const doc = createDoc({ title, subject: 'Why customers leave, weighted by lost revenue' });

  doc.font('bold').fontSize(18).text(`Winback Console: reason trends`);
  doc.font('bold').fontSize(13).text(`Cycle: ${data.cycleName}`);
  for (const line of data.filterLines) paragraph(doc, line);
  if (data.scope === 'own') paragraph(doc, 'Scope: your own calls and the customers behind them.');
  note(doc, `Generated ${data.generatedAt.replace('T', ' ').slice(0, 16)} UTC`);
  const t = data.reasons.totals;
  const r = data.recovery;
  doc.moveDown(0.5);
  // One definition of calls on every page: the recovery report's (completed calls in the filters).
  // The reasons report also counts calls, but only those behind the customers it counts, so the two
  // differed ("6 calls" here, "7 calls" under Recovery) for the same filters.
  const callsLine = `${whole(r.totals.calls)} calls, ${whole(r.totals.recovered)} recovered (${percent(r.totals.recoveryRate)}), ${money(r.totals.recoveredRevenue)} monthly revenue won back.`;
  paragraph(
    doc,
    data.by === 'diagnosed'
      ? `${whole(t.departed)} customers diagnosed on calls, ${money(t.revenue)} of their monthly revenue lost. ${callsLine}`
      : `${whole(t.departed)} departed customers, ${money(t.revenue)} monthly revenue lost. ${callsLine}`,
  );
  note(
    doc,
    (data.by === 'diagnosed'
      ? 'Customers and revenue count the departed customers whose reason was diagnosed on a completed call. '
      : 'Customers and revenue count every departed customer, by the reason they stated when they left. ') +
      'Calls count completed calls in these filters, each call once (corrections included); recovered and the rate count the same calls, here and under Recovery.',
  );

  const pareto = paretoByRevenue(data.reasons.rows);
  heading(doc, 'Where the revenue went: reasons by lost monthly revenue');
  barChart(
    doc,
    pareto.slice(0, 15).map((p) => ({ label: p.reason, value: p.revenue, text: money(p.revenue), marker: p.cumulativeShare })),
    { markerLabel: 'Bars: lost monthly revenue. Dots: running share of all lost revenue (the Pareto curve, 0 to 100% across the bar area).' },
  );
  table(
    doc,
    [
      { header: 'Category', width: 2.6, value: (p) => p.category },
      { header: 'Reason', width: 3.4, value: (p) => p.reason },
      { header: 'Departed', width: 1.1, align: 'right', value: (p) => whole(p.departed) },
      { header: 'Revenue lost', width: 1.6, align: 'right', value: (p) => money(p.revenue) },
      { header: 'Share', width: 1, align: 'right', value: (p) => percent(p.share) },
      { header: 'Cumulative', width: 1.3, align: 'right', value: (p) => percent(p.cumulativeShare) },
    ],
    pareto,
  );

  const trend = trendByCategory(data.byCycle.rows, 'revenue', data.cycleOrder);
  heading(doc, 'Trend across cycles: lost monthly revenue per category');
  if (trend.periods.length === 0) note(doc, 'No departed customers to trend.');
  else {
    const label = (p: string) => data.cycleNames[p] ?? (p === 'none' ? 'No cycle' : p);
    lineChart(
      doc,
      trend.periods.map(label),
      trend.categories.map((c) => ({ name: c, values: trend.points.map((pt) => pt.values[c] ?? 0) })),
      (v) => `$${Math.round(v).toLocaleString('en-US')}`,
    );
    table(
      doc,
      [
        { header: 'Category', width: 3, value: (c: string) => c },
        ...trend.points.map((pt) => ({ header: label(pt.period), width: 1.4, align: 'right' as const, value: (c: string) => money(pt.values[c] ?? 0) })),
      ],
      trend.categories,
    );
  }

  heading(doc, 'Recovery');
  paragraph(doc, callsLine);
  barChart(
    doc,
    r.byReason.map((row) => ({ label: row.label, value: row.recoveryRate, text: `${percent(row.recoveryRate)} of ${whole(row.calls)}` })),
    { color: PALETTE_RECOVERY },
  );
  table(doc, recoveryColumns('Diagnosed reason'), r.byReason, 'No calls yet.');
  heading(doc, 'Recovery by offer', 11);
  table(doc, recoveryColumns('Offer made'), r.byOffer, 'No offers made yet.');
  heading(doc, 'Recovery by segment', 11);
  table(doc, recoveryColumns('Segment'), r.bySegment, 'No calls yet.');
  heading(doc, 'Recovery by caller', 11);
  table(doc, recoveryColumns('Caller'), r.byAgent, 'No calls yet.');
  heading(doc, 'Executives and the recovery team', 11);
  table(doc, recoveryColumns('Who called'), r.byCallerGroup, 'No calls yet.');

  heading(doc, 'Offer effectiveness: reason by offer');
  table(
    doc,
    [
      { header: 'Diagnosed reason', width: 3, value: (c) => c.reason },
      { header: 'Offer', width: 3, value: (c) => c.offer },
      { header: 'Offered', width: 1.2, align: 'right', value: (c) => whole(c.offered) },
      { header: 'Accepted', width: 1.3, align: 'right', value: (c) => whole(c.accepted) },
      { header: 'Recovered', width: 1.4, align: 'right', value: (c) => whole(c.recovered) },
      { header: 'Rate', width: 1.1, align: 'right', value: (c) => percent(c.offered > 0 ? c.recovered / c.offered : 0) },
    ],
    data.matrix.cells,
    'No offers made yet.',
  );

  const a = data.agreement;
  heading(doc, 'Stated versus diagnosed reasons');
  paragraph(
    doc,
    a.compared === 0
      ? 'No diagnosed call can be compared with a stated reason yet.'
      : `On ${whole(a.compared)} calls, the diagnosed reason matched the stated one ${percent(a.rate)} of the time ` +
          `(${percent(a.categoryRate)} within the same category). ${whole(a.notComparable)} diagnosed calls had no mapped stated reason.`,
  );
  table(
    doc,
    [
      { header: 'Stated at departure', width: 4, value: (m) => m.stated },
      { header: 'Diagnosed on the call', width: 4, value: (m) => m.diagnosed },
      { header: 'Calls', width: 1, align: 'right', value: (m) => whole(m.calls) },
    ],
    a.mismatches,
    'No differences.',
  );

  if (data.effect) effectSection(doc, data.effect);
  if (data.offers) offersSection(doc, data.offers);

  footers(doc, title);
  return toBuffer(doc);
}

type PdfDoc = ReturnType<typeof createDoc>;
const points = (v: number | null) => (v === null ? '-' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} pts`);
const cents = (v: number | null) => (v === null ? '-' : `${v < 0 ? '-' : ''}${money(Math.abs(v) / 100)}`);

function effectSection(doc: PdfDoc, e: EffectReport): void {
  heading(doc, 'Did the calls work: called against the control group');
  if (e.controls.length === 0) {
    paragraph(doc, 'No cycle has a control group yet.');
    return;
  }
  const o = e.overall;
  paragraph(
    doc,
    `${verdictText(o)} To be called: ${whole(o.toCall.returned)} of ${whole(o.toCall.customers)} came back (${percent(o.toCall.rate ?? 0)}); ` +
      `control, not called: ${whole(o.control.returned)} of ${whole(o.control.customers)} (${percent(o.control.rate ?? 0)}). ` +
      `Difference ${points(o.difference)}, 95% interval ${points(o.low)} to ${points(o.high)}.`,
  );
  table(
    doc,
    [
      { header: 'Cycle', width: 3, value: (r) => r.label },
      { header: 'To call', width: 1.2, align: 'right', value: (r) => whole(r.toCall.customers) },
      { header: 'Back', width: 1, align: 'right', value: (r) => whole(r.toCall.returned) },
      { header: 'Control', width: 1.2, align: 'right', value: (r) => whole(r.control.customers) },
      { header: 'Back', width: 1, align: 'right', value: (r) => whole(r.control.returned) },
      { header: 'Difference', width: 1.5, align: 'right', value: (r) => points(r.difference) },
      { header: '95% interval', width: 2.6, align: 'right', value: (r) => `${points(r.low)} to ${points(r.high)}` },
    ],
    e.byCycle,
    'No cycle with a control group.',
  );
}

function offersSection(doc: PdfDoc, r: OfferEconomicsReport): void {
  heading(doc, 'Offer economics: net revenue won back');
  const t = r.totals;
  paragraph(
    doc,
    `${whole(t.wonBack)} customers won back through offers: ${cents(t.revenueCents)} revenue over up to 12 months, ${cents(t.costCents)} in offer costs, ${cents(t.netCents)} net, from ${whole(t.callsMade)} calls with an offer.`,
  );
  const columns: TableColumn<OfferEconomicsRow>[] = [
    { header: 'Offer', width: 3.4, value: (x) => (x.flagged ? `${x.offer} (costs more than it keeps)` : x.offer) },
    { header: 'Calls', width: 1, align: 'right', value: (x) => whole(x.callsMade) },
    { header: 'Won back', width: 1.2, align: 'right', value: (x) => whole(x.wonBack) },
    { header: 'Revenue', width: 1.6, align: 'right', value: (x) => cents(x.revenueCents) },
    { header: 'Cost', width: 1.4, align: 'right', value: (x) => cents(x.costCents) },
    { header: 'Net', width: 1.6, align: 'right', value: (x) => cents(x.netCents) },
    { header: 'Net per call', width: 1.5, align: 'right', value: (x) => cents(x.netPerCallCents) },
  ];
  table(doc, columns, r.byOffer, 'No offers made yet.');
}
