import { said } from '../../../shared/i18n/said';
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { base64ToBytes, saveBlob } from '../lib/download';
import { useAppStore } from '../store';
import { cleanFilters, type TrendsData, type TrendsHeadline } from '../store/reportsSlice';
import type { ReportOptions } from '../../../shared/api/reports';
import { ParetoPanel } from './trends/ParetoPanel';
import { TrendPanel } from './trends/TrendPanel';
import { RecoveryPanel } from './trends/RecoveryPanel';
import { OfferMatrixPanel } from './trends/OfferMatrixPanel';
import { AgreementPanel } from './trends/AgreementPanel';
import { ExportsPanel } from './trends/ExportsPanel';
import { OrgWidePanel } from './trends/OrgWidePanel';
import { EffectContainer } from './trends/EffectPanel';
import { AttributionPanel } from './trends/AttributionPanel';
import { describeFilters, TrendsFilters } from './trends/TrendsFilters';
import { formatCount, formatPercent, formatRevenue } from './trends/format';
import { localiseAgreement, localiseOfferMatrix, localiseReasonsReport, localiseRecoveryReport } from '../i18n/reportContent';

/*
 * The view is drawn in parts that each read their own piece of the store, and the charts are
 * memoised: choosing a filter redraws the filters and the scope line at once, the headline when its
 * figures arrive, and the nine panels below only when theirs have (100,000 customers: a filter drew
 * every chart again, with the old figures, before even asking for the new ones).
 */

/**
 * The headline figures, each saying what it counts. The first two follow the reason basis: every
 * departed customer by the reason stated when they left, or only those whose reason was diagnosed
 * on a call (switching basis changed "1,869" to "350" with nothing to say why). The labels follow
 * the basis the figures were asked with, not the radio button, while new ones are on their way.
 */
const Totals = memo(function Totals({ data }: { data: TrendsHeadline }) {
  const { t } = useTranslation();
  const totals = data.reasons.totals;
  const r = data.recovery.totals;
  const diagnosed = data.asked.by === 'diagnosed';
  const facts: [string, string][] = [
    [diagnosed ? t('trends.totals.diagnosed') : t('trends.totals.departed'), formatCount(totals.departed)],
    [diagnosed ? t('trends.totals.theirRevenueLost') : t('trends.totals.revenueLost'), formatRevenue(totals.revenue)],
    [t('trends.totals.calls'), formatCount(r.calls)],
    [t('trends.totals.recovered'), formatCount(r.recovered)],
    [t('trends.totals.recoveryRate'), formatPercent(r.recoveryRate)],
    [t('trends.totals.wonBack'), formatRevenue(r.recoveredRevenue)],
  ];
  return (
    <>
      <dl className="totals" aria-label={t('trends.totals.label')} aria-describedby="totals-basis">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p id="totals-basis" className="muted report-scope">
        {diagnosed ? t('trends.totals.basisDiagnosed') : t('trends.totals.basisStated')}
      </p>
    </>
  );
});

const MemoPareto = memo(ParetoPanel);

/** Cycles oldest first, for the trend lines. */
const oldestFirst = (options: ReportOptions | null) => [...(options?.cycles ?? [])].sort((a, b) => a.startsOn.localeCompare(b.startsOn));

interface PanelsBelowProps {
  data: TrendsData;
  options: ReportOptions | null;
  orgWide: boolean;
}

/**
 * Every panel under the Pareto chart, drawn from one set of figures and the filters they were asked
 * with. Memoised: while their deferred figures are the old ones, the urgent renders that follow a
 * filter and draw the new headline chart skip them instead of drawing them again.
 */
const PanelsBelow = memo(function PanelsBelow({ data: stored, options, orgWide }: PanelsBelowProps) {
  const { t } = useTranslation();
  // The shipped reasons, categories and offers in the person's language, localised here, inside the
  // deferred render: a new object per render of the report would keep useDeferredValue from settling.
  const data = useMemo(
    () => ({
      // Not `reasons`: no panel here reads it; the headline localises its own.
      ...stored,
      byCycle: localiseReasonsReport(t, stored.byCycle),
      recovery: localiseRecoveryReport(t, stored.recovery),
      matrix: localiseOfferMatrix(t, stored.matrix),
      agreement: localiseAgreement(t, stored.agreement),
    }),
    [t, stored],
  );
  return (
    <>
      {orgWide && <OrgWidePanel by={data.asked.by} filters={data.asked.filters} options={options} />}
      <TrendPanel rows={data.byCycle.rows} cycles={oldestFirst(options)} />
      <RecoveryPanel id="recovery-reason" title={t('trends.recovery.byReason')} dimension={t('trends.recovery.dimensionReason')} rows={data.recovery.byReason} colorIndex={2} />
      <RecoveryPanel id="recovery-offer" title={t('trends.recovery.byOffer')} dimension={t('trends.recovery.dimensionOffer')} rows={data.recovery.byOffer} colorIndex={1} />
      <RecoveryPanel id="recovery-segment" title={t('trends.recovery.bySegment')} dimension={t('trends.recovery.dimensionSegment')} rows={data.recovery.bySegment} colorIndex={5} />
      <RecoveryPanel id="recovery-agent" title={t('trends.recovery.byCaller')} dimension={t('trends.recovery.dimensionCaller')} rows={data.recovery.byAgent} colorIndex={4} />
      <RecoveryPanel id="recovery-group" title={t('trends.recovery.byGroup')} dimension={t('trends.recovery.dimensionGroup')} rows={data.recovery.byCallerGroup} colorIndex={0} />
      <OfferMatrixPanel cells={data.matrix.cells} />
      <AgreementPanel agreement={data.agreement} />
    </>
  );
});

/**
 * A manager's panels at the foot of the view: whether the calls worked, what outreach brought back,
 * and the exports. Below the fold, so they are drawn, and ask for their own reports, once the
 * charts above them are; the headline does not wait for them on the screen or in the core.
 */
const ManagerPanels = memo(function ManagerPanels({ cycle, options }: { cycle: string | undefined; options: ReportOptions | null }) {
  const cycles = useMemo(() => oldestFirst(options).reverse(), [options]);
  return (
    <>
      <EffectContainer cycle={cycle} cycles={cycles} />
      <AttributionPanel />
      <ExportsPanel />
    </>
  );
});

/** The title and the report's actions (PDF, print). */
const TrendsHead = memo(function TrendsHead() {
  const { t } = useTranslation();
  const hasHeadline = useAppStore((s) => s.trendsHeadline !== null);
  const printable = useAppStore((s) => s.trendsData !== null && !s.trendsBelowLoading);
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const [pdfBusy, setPdfBusy] = useState(false);

  const savePdf = async () => {
    setPdfBusy(true);
    try {
      const { trendsBy: by, trendsFilters: filters } = useAppStore.getState();
      const { fileName, base64 } = await api().call('reports.trendsPdf', { by, filters: cleanFilters(filters) });
      saveBlob(fileName, new Blob([base64ToBytes(base64)], { type: 'application/pdf' }));
      notify('info', said('trends.pdfSaved', { fileName }));
    } catch (error) {
      reportError(error);
    } finally {
      setPdfBusy(false);
    }
  };

  return (
    <header className="trends-head">
      <h1 id="trends-title">{t('trends.title')}</h1>
      <div className="trends-actions no-print">
        <button type="button" onClick={() => void savePdf()} disabled={pdfBusy || !hasHeadline}>
          {pdfBusy ? t('trends.preparingPdf') : t('trends.savePdf')}
        </button>
        <button type="button" onClick={() => window.print()} disabled={!printable}>
          {t('trends.print')}
        </button>
      </div>
    </header>
  );
});

/** The filters in words above the report, and the filters themselves: what changes at a choice. */
const TrendsScopeAndFilters = memo(function TrendsScopeAndFilters() {
  const { t } = useTranslation();
  const options = useAppStore((s) => s.trendsOptions);
  const filters = useAppStore((s) => s.trendsFilters);
  const by = useAppStore((s) => s.trendsBy);
  const setFilters = useAppStore((s) => s.setTrendsFilters);
  const setBy = useAppStore((s) => s.setTrendsBy);
  // Figures already on screen while newer ones are asked for: said here, where the filters are.
  const updating = useAppStore((s) => s.trendsLoading && s.trendsHeadline !== null);
  const described = describeFilters(options, filters, by, t);
  return (
    <>
      <p className="report-scope">
        <strong>{t('trends.cycleLine', { cycle: described.cycle })}</strong> · {described.rest.join(' · ')}
        {options?.scope === 'own' && ` · ${t('trends.ownScope')}`}{' '}
        <span className="trends-updating no-print" role="status">
          {updating ? t('trends.updating') : ''}
        </span>
      </p>
      <TrendsFilters options={options} filters={filters} by={by} onFilters={setFilters} onBy={setBy} />
    </>
  );
});

/** The figures: the headline first, the panels below in a deferred render, a manager's panels last. */
const TrendsReport = memo(function TrendsReport() {
  const { t } = useTranslation();
  const storedHeadline = useAppStore((s) => s.trendsHeadline);
  // The headline's reasons in the person's language, once per report (the panels below localise their own).
  const headline = useMemo(
    () => storedHeadline && { ...storedHeadline, reasons: localiseReasonsReport(t, storedHeadline.reasons), recovery: localiseRecoveryReport(t, storedHeadline.recovery) },
    [t, storedHeadline],
  );
  const data = useAppStore((s) => s.trendsData);
  const loading = useAppStore((s) => s.trendsLoading);
  const belowLoading = useAppStore((s) => s.trendsBelowLoading);
  const options = useAppStore((s) => s.trendsOptions);
  const isManager = useAppStore((s) => s.session?.user?.role === 'manager');
  const hubConfigured = useAppStore((s) => s.syncStatus?.hubConfigured === true);
  const startIssue = useAppStore((s) => s.startIssueFromReasons);
  const makeIssue = useCallback((reasonId: string) => startIssue([reasonId]), [startIssue]);
  // The totals and the Pareto chart (what fills the first screen) are drawn as soon as their figures
  // arrive; the panels below follow when theirs have, in a render of their own that React can
  // interrupt, so a click or a filter paints the headline chart without waiting for nine more charts.
  const below = useDeferredValue(data, null);

  if (!headline) return <p aria-live="polite">{loading ? t('trends.loading') : t('trends.noReport')}</p>;
  const belowBusy = belowLoading || below !== data;
  return (
    <>
      {/* The previous filters' figures stay on screen while the new ones are asked: framed, and said to be updating above, never passed off as the new ones. */}
      <div className="trends-headline" data-stale={loading || undefined}>
        <Totals data={headline} />
        <MemoPareto rows={headline.reasons.rows} by={headline.asked.by} onMakeIssue={isManager ? makeIssue : undefined} />
      </div>
      <div className="trends-below" aria-busy={belowBusy} data-stale={belowBusy || undefined}>
        {below && <PanelsBelow data={below} options={options} orgWide={isManager && hubConfigured} />}
      </div>
      {isManager && below && <ManagerPanels cycle={below.asked.filters.cycle} options={options} />}
    </>
  );
});

/** Reason trends weighted by lost revenue: charts first, each with its numbers beside it. */
export function TrendsView() {
  const loading = useAppStore((s) => s.trendsLoading);
  const open = useAppStore((s) => s.openTrends);

  useEffect(() => {
    void open();
  }, [open]);

  return (
    <div className="trends" aria-busy={loading}>
      <TrendsHead />
      <TrendsScopeAndFilters />
      <TrendsReport />
    </div>
  );
}
