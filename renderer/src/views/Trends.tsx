import { memo, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { base64ToBytes, saveBlob } from '../lib/download';
import { useAppStore } from '../store';
import { cleanFilters, type TrendsData, type TrendsHeadline } from '../store/reportsSlice';
import type { ReportFilters, ReportOptions } from '../../../shared/api/reports';
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

/**
 * The headline figures, each saying what it counts. The first two follow the reason basis: every
 * departed customer by the reason stated when they left, or only those whose reason was diagnosed
 * on a call (switching basis changed "1,869" to "350" with nothing to say why).
 */
function Totals({ data, by }: { data: TrendsHeadline; by: 'stated' | 'diagnosed' }) {
  const { t } = useTranslation();
  const totals = data.reasons.totals;
  const r = data.recovery.totals;
  const diagnosed = by === 'diagnosed';
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
}

/** Cycles oldest first, for the trend lines. */
const oldestFirst = (options: ReportOptions | null) => [...(options?.cycles ?? [])].sort((a, b) => a.startsOn.localeCompare(b.startsOn));

interface PanelsBelowProps {
  data: TrendsData;
  options: ReportOptions | null;
  filters: ReportFilters;
  by: 'stated' | 'diagnosed';
  orgWide: boolean;
}

/**
 * Every panel under the Pareto chart. Memoised: while their deferred figures are the old ones, the
 * urgent render that draws the new headline chart skips them instead of drawing them again.
 */
const PanelsBelow = memo(function PanelsBelow({ data: stored, options, filters, by, orgWide }: PanelsBelowProps) {
  const { t } = useTranslation();
  // Localised here, inside the deferred render: a new object per render of the view would keep
  // useDeferredValue from ever settling.
  const data = useMemo(
    () => ({
      reasons: localiseReasonsReport(t, stored.reasons),
      byCycle: localiseReasonsReport(t, stored.byCycle),
      recovery: localiseRecoveryReport(t, stored.recovery),
      matrix: localiseOfferMatrix(t, stored.matrix),
      agreement: localiseAgreement(t, stored.agreement),
    }),
    [t, stored],
  );
  return (
    <>
      {orgWide && <OrgWidePanel by={by} filters={cleanFilters(filters)} options={options} />}
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


/** Reason trends weighted by lost revenue: charts first, each with its numbers beside it. */
export function TrendsView() {
  const { t } = useTranslation();
  const storedHeadline = useAppStore((s) => s.trendsHeadline);
  const data = useAppStore((s) => s.trendsData);
  // The shipped reasons, categories and offers in the person's language, once per report, not per panel
  // (the panels below localise their own figures).
  const headline = useMemo(
    () => storedHeadline && { reasons: localiseReasonsReport(t, storedHeadline.reasons), recovery: localiseRecoveryReport(t, storedHeadline.recovery) },
    [t, storedHeadline],
  );
  const belowLoading = useAppStore((s) => s.trendsBelowLoading);
  const options = useAppStore((s) => s.trendsOptions);
  const loading = useAppStore((s) => s.trendsLoading);
  const filters = useAppStore((s) => s.trendsFilters);
  const by = useAppStore((s) => s.trendsBy);
  const load = useAppStore((s) => s.loadTrends);
  const setFilters = useAppStore((s) => s.setTrendsFilters);
  const setBy = useAppStore((s) => s.setTrendsBy);
  const isManager = useAppStore((s) => s.session?.user?.role === 'manager');
  const hubConfigured = useAppStore((s) => s.syncStatus?.hubConfigured === true);
  const startIssue = useAppStore((s) => s.startIssueFromReasons);
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const [pdfBusy, setPdfBusy] = useState(false);
  // The totals and the Pareto chart (what fills the first screen) are drawn as soon as their figures
  // arrive; the panels below follow when theirs have, in a render of their own that React can
  // interrupt, so a click or a filter paints the headline chart without waiting for nine more charts.
  const below = useDeferredValue(data, null);

  useEffect(() => {
    void load();
  }, [load]);

  const savePdf = async () => {
    setPdfBusy(true);
    try {
      const { fileName, base64 } = await api().call('reports.trendsPdf', { by, filters: cleanFilters(filters) });
      saveBlob(fileName, new Blob([base64ToBytes(base64)], { type: 'application/pdf' }));
      notify('info', t('trends.pdfSaved', { fileName }));
    } catch (error) {
      reportError(error);
    } finally {
      setPdfBusy(false);
    }
  };

  const described = describeFilters(options, filters, by, t);
  return (
    <div className="trends" aria-busy={loading}>
      <header className="trends-head">
        <h1 id="trends-title">{t('trends.title')}</h1>
        <div className="trends-actions no-print">
          <button type="button" onClick={() => void savePdf()} disabled={pdfBusy || !headline}>
            {pdfBusy ? t('trends.preparingPdf') : t('trends.savePdf')}
          </button>
          <button type="button" onClick={() => window.print()} disabled={!data || belowLoading}>
            {t('trends.print')}
          </button>
        </div>
      </header>
      <p className="report-scope">
        <strong>{t('trends.cycleLine', { cycle: described.cycle })}</strong> · {described.rest.join(' · ')}
        {options?.scope === 'own' && ` · ${t('trends.ownScope')}`}
      </p>
      <TrendsFilters options={options} filters={filters} by={by} onFilters={setFilters} onBy={setBy} />
      {!headline ? (
        <p aria-live="polite">{loading ? t('trends.loading') : t('trends.noReport')}</p>
      ) : (
        <>
          <Totals data={headline} by={by} />
          <ParetoPanel rows={headline.reasons.rows} by={by} onMakeIssue={isManager ? (reasonId) => startIssue([reasonId]) : undefined} />
          <div className="trends-below" aria-busy={belowLoading || below !== data}>
            {below && <PanelsBelow data={below} options={options} filters={filters} by={by} orgWide={isManager && hubConfigured} />}
          </div>
          {isManager && <EffectContainer cycle={cleanFilters(filters).cycle} cycles={oldestFirst(options).reverse()} />}
          {isManager && <AttributionPanel />}
          {isManager && <ExportsPanel />}
        </>
      )}
    </div>
  );
}
