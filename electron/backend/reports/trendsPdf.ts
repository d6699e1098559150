import { renderSaid, type Said } from '../../../shared/i18n/said';
import type { ReasonsReport } from '../../../shared/reports/reasons';
import type { AgreementReport, OfferMatrix, RecoveryReport, RecoveryRow, ReportScope, TrendsPdfInput } from '../../../shared/api/reports';
import { paretoByRevenue, trendByCategory } from '../../../shared/reports/charts';
import type { Person } from '../../../shared/api/session';
import type { Db } from '../../../db/open';
import type { Logger } from '../types';
import { listCycles } from '../../../db/repos/cycles';
import { buildReasonsReport } from './reasons';
import { buildAgreement, buildOfferMatrix, buildRecoveryReport } from './recovery';
import { scopeOf, type ReportFilterInput } from './scope';
import type { EffectReport } from '../../../shared/reports/effect';
import { formattingLocale, type UiLanguage } from '../../../shared/i18n/languages';
import { currentLanguage, translatorFor } from '../i18n';
import { organisationCurrency, systemLocale } from '../locale/settings';
import type { OfferEconomicsReport, OfferEconomicsRow } from '../../../shared/reports/offerEconomics';
import { effectReport, offerEconomicsReport } from '../effect/reports';
import { reportNamesFor } from './reportNames';
import { localiseAgreement, localiseOfferEconomics, localiseOfferMatrix, localiseReasonsReport, localiseRecoveryReport } from '../../../shared/content/contentNames';
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
  /** The reader's language (the person asking), and the organisation's currency for every amount. */
  language: UiLanguage;
  currency: string;
}

const PALETTE_RECOVERY = '#009E73';

type Say = (key: string, options?: Record<string, unknown>) => string;

/** The report's words and figures in the reader's language, amounts in the organisation's currency. */
interface Voice {
  t: Say;
  money: (v: number) => string;
  whole: (v: number) => string;
  percent: (share: number) => string;
  points: (v: number | null) => string;
  cents: (v: number | null) => string;
  axis: (v: number) => string;
  when: (iso: string) => string;
  /** A sentence the report carries by key, in the reader's language and locale. */
  say: (sentence: Said) => string;
}

function voiceFor(language: UiLanguage, currency: string): Voice {
  const locale = formattingLocale(language, systemLocale());
  const t = translatorFor(language) as unknown as Say;
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const wholeMoney = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
  const count = new Intl.NumberFormat(locale);
  const pct = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const stamp = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return {
    t,
    money: (v) => money.format(v),
    whole: (v) => count.format(v),
    percent: (share) => pct.format(share),
    points: (v) => (v === null ? '-' : t('trends.effect.points', { value: signed.format(v * 100) })),
    cents: (v) => (v === null ? '-' : money.format(v / 100)),
    axis: (v) => wholeMoney.format(Math.round(v)),
    when: (iso) => `${stamp.format(new Date(iso))} UTC`,
    say: (sentence) => renderSaid(sentence, t, locale),
  };
}

/**
 * Each experiment's comparison in the reader's language ("A gewinnt mehr Kunden zurück als B: +5 Pp.
 * …"), from the sentence the report carries by key: the command line prints the same in English.
 */
export function experimentLines(e: Pick<EffectReport, 'experiments' | 'guidanceExperiments'>, language: UiLanguage, currency: string): string[] {
  return linesIn(e, voiceFor(language, currency));
}

function linesIn(e: Pick<EffectReport, 'experiments' | 'guidanceExperiments'>, v: Voice): string[] {
  return [...e.experiments, ...e.guidanceExperiments].map((x) => v.t('trendsPdf.experimentLine', { name: x.name, statement: v.say(x.said) }));
}

/** Every report the Trends view shows, for the same filters, gathered for printing. */
export async function gatherTrendsReport(db: Db, input: TrendsPdfInput, user: Person | null, now: Date, log?: Logger): Promise<TrendsReportData> {
  const by = input.by ?? 'stated';
  const filters: ReportFilterInput = input.filters ?? {};
  const cycles = listCycles(db);
  const cycleNames = Object.fromEntries(cycles.map((c) => [c.id, c.name]));
  const chosen = filters.cycle ? cycles.find((c) => c.id === filters.cycle || c.name.toLowerCase() === filters.cycle?.toLowerCase()) : undefined;
  // The person asking reads the report: the dispatcher runs this call in their language.
  const language = currentLanguage();
  const t = translatorFor(language) as unknown as Say;
  const filterLines = [
    by === 'stated' ? t('trendsPdf.reasonsStated') : t('trendsPdf.reasonsDiagnosed'),
    filters.segment ? t('trendsPdf.segment', { value: filters.segment }) : null,
    filters.product ? t('trendsPdf.product', { value: filters.product }) : null,
    filters.team ? t('trendsPdf.team', { value: filters.team }) : null,
    filters.from || filters.to ? t('trendsPdf.dates', { from: filters.from ?? t('trendsPdf.start'), to: filters.to ?? t('trendsPdf.today') }) : null,
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
  // Reasons, categories and offers as the reader sees them on screen (Trends localises the same rows).
  const { names, labels } = reportNamesFor(db, language);
  return {
    effect: managerView ? effectReport(db, { cycle: chosen?.id }) : null,
    offers: managerView ? localiseOfferEconomics(names, await offerEconomicsReport(db, { cycle: chosen?.id }, log)) : null,
    by,
    scope: scopeOf(user),
    cycleName: chosen?.name ?? t('trendsPdf.allCycles'),
    language,
    currency: organisationCurrency(db).currency,
    filterLines,
    generatedAt: now.toISOString(),
    reasons: localiseReasonsReport(names, reasons),
    byCycle: localiseReasonsReport(names, byCycle),
    cycleNames,
    cycleOrder: [...cycles].sort((x, y) => x.startsOn.localeCompare(y.startsOn)).map((c) => c.id),
    recovery: localiseRecoveryReport(names, labels, recovery),
    matrix: localiseOfferMatrix(names, labels, matrix),
    agreement: localiseAgreement(names, agreement),
  };
}

const recoveryColumns = (first: string, v: Voice): TableColumn<RecoveryRow>[] => [
  { header: first, width: 4, value: (r) => r.label },
  { header: v.t('trends.columns.calls'), width: 1, align: 'right', value: (r) => v.whole(r.calls) },
  { header: v.t('trends.columns.recovered'), width: 1.2, align: 'right', value: (r) => v.whole(r.recovered) },
  { header: v.t('trendsPdf.rate'), width: 1, align: 'right', value: (r) => v.percent(r.recoveryRate) },
  { header: v.t('trends.columns.recoveredRevenue'), width: 1.8, align: 'right', value: (r) => v.money(r.recoveredRevenue) },
];

/** The printable trends report: cycle and filters at the top, then each chart with its numbers. */
export async function renderTrendsPdf(data: TrendsReportData): Promise<Buffer> {
  const v = voiceFor(data.language, data.currency);
  const { t, money, whole, percent } = v;
  const title = t('trendsPdf.title', { cycle: data.cycleName });
  const doc = createDoc({ title, subject: t('trendsPdf.subject') });

  doc.font('bold').fontSize(18).text(t('trendsPdf.heading'));
  doc.font('bold').fontSize(13).text(t('trendsPdf.cycle', { cycle: data.cycleName }));
  for (const line of data.filterLines) paragraph(doc, line);
  if (data.scope === 'own') paragraph(doc, t('trendsPdf.ownScope'));
  note(doc, `${t('trendsPdf.generated', { when: v.when(data.generatedAt) })} ${t('trendsPdf.currency', { currency: data.currency })}`);
  const totals = data.reasons.totals;
  const r = data.recovery;
  doc.moveDown(0.5);
  // One definition of calls on every page: the recovery report's (completed calls in the filters).
  // The reasons report also counts calls, but only those behind the customers it counts, so the two
  // differed ("6 calls" here, "7 calls" under Recovery) for the same filters.
  const callsLine = t('trendsPdf.callsLine', {
    calls: whole(r.totals.calls),
    recovered: whole(r.totals.recovered),
    rate: percent(r.totals.recoveryRate),
    revenue: money(r.totals.recoveredRevenue),
  });
  const figures = { departed: whole(totals.departed), revenue: money(totals.revenue), callsLine };
  paragraph(doc, data.by === 'diagnosed' ? t('trendsPdf.totalsDiagnosed', figures) : t('trendsPdf.totalsStated', figures));
  note(doc, data.by === 'diagnosed' ? t('trendsPdf.basisDiagnosed') : t('trendsPdf.basisStated'));

  const pareto = paretoByRevenue(data.reasons.rows);
  heading(doc, t('trendsPdf.paretoHeading'));
  barChart(
    doc,
    pareto.slice(0, 15).map((p) => ({ label: p.reason, value: p.revenue, text: money(p.revenue), marker: p.cumulativeShare })),
    { markerLabel: t('trendsPdf.paretoLegend') },
  );
  table(
    doc,
    [
      { header: t('trends.columns.category'), width: 2.6, value: (p) => p.category },
      { header: t('trends.columns.reason'), width: 3.4, value: (p) => p.reason },
      { header: t('trends.columns.departed'), width: 1.1, align: 'right', value: (p) => whole(p.departed) },
      { header: t('trends.columns.revenueLost'), width: 1.6, align: 'right', value: (p) => money(p.revenue) },
      { header: t('trends.columns.share'), width: 1, align: 'right', value: (p) => percent(p.share) },
      { header: t('trends.columns.cumulative'), width: 1.3, align: 'right', value: (p) => percent(p.cumulativeShare) },
    ],
    pareto,
    t('trendsPdf.nothing'),
  );

  const trend = trendByCategory(data.byCycle.rows, 'revenue', data.cycleOrder);
  heading(doc, t('trends.trend.title'));
  if (trend.periods.length === 0) note(doc, t('trendsPdf.trendEmpty'));
  else {
    const label = (p: string) => data.cycleNames[p] ?? (p === 'none' ? t('trends.trend.noCycle') : p);
    lineChart(
      doc,
      trend.periods.map(label),
      trend.categories.map((c) => ({ name: c, values: trend.points.map((pt) => pt.values[c] ?? 0) })),
      v.axis,
    );
    table(
      doc,
      [
        { header: t('trends.columns.category'), width: 3, value: (c: string) => c },
        ...trend.points.map((pt) => ({ header: label(pt.period), width: 1.4, align: 'right' as const, value: (c: string) => money(pt.values[c] ?? 0) })),
      ],
      trend.categories,
      t('trendsPdf.nothing'),
    );
  }

  heading(doc, t('trendsPdf.recoveryHeading'));
  paragraph(doc, callsLine);
  barChart(
    doc,
    r.byReason.map((row) => ({ label: row.label, value: row.recoveryRate, text: t('trendsPdf.rateOf', { rate: percent(row.recoveryRate), calls: whole(row.calls) }) })),
    { color: PALETTE_RECOVERY },
  );
  table(doc, recoveryColumns(t('trends.recovery.dimensionReason'), v), r.byReason, t('trendsPdf.noCalls'));
  heading(doc, t('trends.recovery.byOffer'), 11);
  table(doc, recoveryColumns(t('trends.recovery.dimensionOffer'), v), r.byOffer, t('trendsPdf.noOffers'));
  heading(doc, t('trends.recovery.bySegment'), 11);
  table(doc, recoveryColumns(t('trends.recovery.dimensionSegment'), v), r.bySegment, t('trendsPdf.noCalls'));
  heading(doc, t('trends.recovery.byCaller'), 11);
  table(doc, recoveryColumns(t('trends.recovery.dimensionCaller'), v), r.byAgent, t('trendsPdf.noCalls'));
  heading(doc, t('trends.recovery.byGroup'), 11);
  table(doc, recoveryColumns(t('trends.recovery.dimensionGroup'), v), r.byCallerGroup, t('trendsPdf.noCalls'));

  heading(doc, t('trends.offers.title'));
  table(
    doc,
    [
      { header: t('trends.columns.diagnosedReason'), width: 3, value: (c) => c.reason },
      { header: t('trends.columns.offer'), width: 3, value: (c) => c.offer },
      { header: t('trends.columns.offered'), width: 1.2, align: 'right', value: (c) => whole(c.offered) },
      { header: t('trends.columns.accepted'), width: 1.3, align: 'right', value: (c) => whole(c.accepted) },
      { header: t('trends.columns.recovered'), width: 1.4, align: 'right', value: (c) => whole(c.recovered) },
      { header: t('trendsPdf.rate'), width: 1.1, align: 'right', value: (c) => percent(c.offered > 0 ? c.recovered / c.offered : 0) },
    ],
    data.matrix.cells,
    t('trendsPdf.noOffers'),
  );

  const a = data.agreement;
  heading(doc, t('trends.agreement.title'));
  paragraph(
    doc,
    a.compared === 0
      ? t('trends.agreement.none')
      : t('trendsPdf.agreementWords', { calls: whole(a.compared), rate: percent(a.rate), categoryRate: percent(a.categoryRate), notComparable: whole(a.notComparable) }),
  );
  table(
    doc,
    [
      { header: t('trends.columns.statedAtDeparture'), width: 4, value: (m) => m.stated },
      { header: t('trends.columns.diagnosedOnCall'), width: 4, value: (m) => m.diagnosed },
      { header: t('trends.columns.calls'), width: 1, align: 'right', value: (m) => whole(m.calls) },
    ],
    a.mismatches,
    t('trendsPdf.noDifferences'),
  );

  if (data.effect) effectSection(doc, data.effect, v);
  if (data.offers) offersSection(doc, data.offers, v);

  footers(doc, (page, pages) => t('trendsPdf.page', { title, page, pages }));
  return toBuffer(doc);
}

type PdfDoc = ReturnType<typeof createDoc>;

function effectSection(doc: PdfDoc, e: EffectReport, v: Voice): void {
  const { t, whole, percent, points } = v;
  heading(doc, t('trendsPdf.effectHeading'));
  if (e.controls.length === 0) {
    paragraph(doc, t('trendsPdf.noControl'));
    return;
  }
  const o = e.overall;
  paragraph(
    doc,
    t('trendsPdf.effectWords', {
      verdict: t(`trendsPdf.verdict.${o.verdict}`),
      toCallReturned: whole(o.toCall.returned),
      toCallCustomers: whole(o.toCall.customers),
      toCallRate: percent(o.toCall.rate ?? 0),
      controlReturned: whole(o.control.returned),
      controlCustomers: whole(o.control.customers),
      controlRate: percent(o.control.rate ?? 0),
      difference: points(o.difference),
      low: points(o.low),
      high: points(o.high),
    }),
  );
  table(
    doc,
    [
      { header: t('trends.effect.columns.cycle'), width: 3, value: (r) => r.label },
      { header: t('trends.effect.columns.toCall'), width: 1.2, align: 'right', value: (r) => whole(r.toCall.customers) },
      { header: t('trendsPdf.back'), width: 1, align: 'right', value: (r) => whole(r.toCall.returned) },
      { header: t('trends.effect.columns.control'), width: 1.2, align: 'right', value: (r) => whole(r.control.customers) },
      { header: t('trendsPdf.back'), width: 1, align: 'right', value: (r) => whole(r.control.returned) },
      { header: t('trends.effect.columns.difference'), width: 1.5, align: 'right', value: (r) => points(r.difference) },
      { header: t('trends.effect.columns.interval'), width: 2.6, align: 'right', value: (r) => t('trends.effect.range', { low: points(r.low), high: points(r.high) }) },
    ],
    e.byCycle,
    t('trends.effect.noControlCycle'),
  );
  const experiments = linesIn(e, v);
  if (experiments.length > 0) {
    heading(doc, t('trendsPdf.experimentsHeading'));
    for (const line of experiments) paragraph(doc, line);
  }
}

function offersSection(doc: PdfDoc, r: OfferEconomicsReport, v: Voice): void {
  const { t, whole, cents } = v;
  heading(doc, t('trendsPdf.economicsHeading'));
  const totals = r.totals;
  paragraph(
    doc,
    t('trendsPdf.economicsWords', {
      wonBack: whole(totals.wonBack),
      revenue: cents(totals.revenueCents),
      cost: cents(totals.costCents),
      net: cents(totals.netCents),
      calls: whole(totals.callsMade),
    }),
  );
  const columns: TableColumn<OfferEconomicsRow>[] = [
    { header: t('trends.columns.offer'), width: 3.4, value: (x) => (x.flagged ? t('trendsPdf.flagged', { offer: x.offer }) : x.offer) },
    { header: t('trends.columns.calls'), width: 1, align: 'right', value: (x) => whole(x.callsMade) },
    { header: t('trends.economics.columns.wonBack'), width: 1.2, align: 'right', value: (x) => whole(x.wonBack) },
    { header: t('trendsPdf.revenue'), width: 1.6, align: 'right', value: (x) => cents(x.revenueCents) },
    { header: t('trendsPdf.cost'), width: 1.4, align: 'right', value: (x) => cents(x.costCents) },
    { header: t('trends.economics.columns.net'), width: 1.6, align: 'right', value: (x) => cents(x.netCents) },
    { header: t('trends.economics.columns.netPerCall'), width: 1.5, align: 'right', value: (x) => cents(x.netPerCallCents) },
  ];
  table(doc, columns, r.byOffer, t('trendsPdf.noOffers'));
}
