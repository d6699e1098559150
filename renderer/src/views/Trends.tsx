import { memo, useDeferredValue, useEffect, useState } from 'react';
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

/**
 * The headline figures, each saying what it counts. The first two follow the reason basis: every
 * departed customer by the reason stated when they left, or only those whose reason was diagnosed
 * on a call (switching basis changed "1,869" to "350" with nothing to say why).
 */
function Totals({ data, by }: { data: TrendsHeadline; by: 'stated' | 'diagnosed' }) {
  const t = data.reasons.totals;
  const r = data.recovery.totals;
  const who = by === 'diagnosed' ? 'Customers diagnosed on calls' : 'Departed customers';
  const facts: [string, string][] = [
    [who, formatCount(t.departed)],
    [by === 'diagnosed' ? 'Their monthly revenue lost' : 'Monthly revenue lost', formatRevenue(t.revenue)],
    ['Calls', formatCount(r.calls)],
    ['Recovered', formatCount(r.recovered)],
    ['Recovery rate', formatPercent(r.recoveryRate)],
    ['Monthly revenue won back', formatRevenue(r.recoveredRevenue)],
  ];
  return (
    <>
      <dl className="totals" aria-label="Totals" aria-describedby="totals-basis">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p id="totals-basis" className="muted report-scope">
        {by === 'diagnosed'
          ? 'Customers and revenue count only the departed customers whose reason was diagnosed on a completed call; '
          : 'Customers and revenue count every departed customer, by the reason they stated when they left; '}
        calls, recoveries and the rate count completed calls (each call once, corrections included).
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
const PanelsBelow = memo(function PanelsBelow({ data, options, filters, by, orgWide }: PanelsBelowProps) {
  return (
    <>
      {orgWide && <OrgWidePanel by={by} filters={cleanFilters(filters)} options={options} />}
      <TrendPanel rows={data.byCycle.rows} cycles={oldestFirst(options)} />
      <RecoveryPanel id="recovery-reason" title="Recovery by diagnosed reason" dimension="Diagnosed reason" rows={data.recovery.byReason} colorIndex={2} />
      <RecoveryPanel id="recovery-offer" title="Recovery by offer" dimension="Offer made" rows={data.recovery.byOffer} colorIndex={1} />
      <RecoveryPanel id="recovery-segment" title="Recovery by segment" dimension="Segment" rows={data.recovery.bySegment} colorIndex={5} />
      <RecoveryPanel id="recovery-agent" title="Recovery by caller" dimension="Caller" rows={data.recovery.byAgent} colorIndex={4} />
      <RecoveryPanel id="recovery-group" title="Executives and the recovery team" dimension="Who called" rows={data.recovery.byCallerGroup} colorIndex={0} />
      <OfferMatrixPanel cells={data.matrix.cells} />
      <AgreementPanel agreement={data.agreement} />
    </>
  );
});


/** Reason trends weighted by lost revenue: charts first, each with its numbers beside it. */
export function TrendsView() {
  const headline = useAppStore((s) => s.trendsHeadline);
  const data = useAppStore((s) => s.trendsData);
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
      notify('info', `Saved the trends report as ${fileName}.`);
    } catch (error) {
      reportError(error);
    } finally {
      setPdfBusy(false);
    }
  };

  const described = describeFilters(options, filters, by);
  return (
    <div className="trends" aria-busy={loading}>
      <header className="trends-head">
        <h1 id="trends-title">Trends</h1>
        <div className="trends-actions no-print">
          <button type="button" onClick={() => void savePdf()} disabled={pdfBusy || !headline}>
            {pdfBusy ? 'Preparing PDF…' : 'Save as PDF'}
          </button>
          <button type="button" onClick={() => window.print()} disabled={!data || belowLoading}>
            Print
          </button>
        </div>
      </header>
      <p className="report-scope">
        <strong>Cycle: {described.cycle}</strong> · {described.rest.join(' · ')}
        {options?.scope === 'own' && ' · Your own calls and the customers behind them'}
      </p>
      <TrendsFilters options={options} filters={filters} by={by} onFilters={setFilters} onBy={setBy} />
      {!headline ? (
        <p aria-live="polite">{loading ? 'Loading the reports…' : 'No report yet.'}</p>
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
