import { useCallback, useEffect, useState, type ChangeEvent } from 'react';
import type { EffectReport, EffectRow, ExperimentResult } from '../../../../shared/reports/effect';
import type { OfferEconomicsReport, OfferEconomicsRow } from '../../../../shared/reports/offerEconomics';
import type { HandleTimeReport, HandleTimeRow } from '../../../../shared/reports/handleTime';
import type { ControlSetting, ReturnsImportResult } from '../../../../shared/api/effect';
import { STAGES, STAGE_LABELS } from '../../../../shared/domain/stages';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { formatMoney } from '../../lib/format';
import { DataTable, type Column } from './DataTable';
import { formatCount, formatPercent } from './format';

const points = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} pts`);
const rate = (v: number | null) => (v === null ? '—' : formatPercent(v));
const cents = (v: number | null) => (v === null ? '—' : formatMoney(v / 100));
const money2 = (v: number | null) => (v === null ? '' : (v / 100).toFixed(2));
const minutes = (ms: number) => `${Math.floor(ms / 60000)}:${String(Math.round((ms % 60000) / 1000)).padStart(2, '0')}`;

const VERDICT: Record<EffectRow['verdict'], string> = {
  calls_helped: 'The calls won back more customers than not calling.',
  control_did_better: 'Customers not called came back more often.',
  cannot_tell: 'Cannot tell yet: the interval includes no difference.',
  no_data: 'No customers in one group yet.',
};

const effectColumns = (dimension: string): Column<EffectRow>[] => [
  { header: dimension, csv: (r) => r.label },
  { header: 'To call', csv: (r) => r.toCall.customers, cell: (r) => formatCount(r.toCall.customers), numeric: true },
  { header: 'Called', csv: (r) => r.toCall.called, cell: (r) => formatCount(r.toCall.called), numeric: true },
  { header: 'Returned (to call)', csv: (r) => r.toCall.returned, cell: (r) => `${formatCount(r.toCall.returned)} (${rate(r.toCall.rate)})`, numeric: true },
  { header: 'Control', csv: (r) => r.control.customers, cell: (r) => formatCount(r.control.customers), numeric: true },
  { header: 'Returned (control)', csv: (r) => r.control.returned, cell: (r) => `${formatCount(r.control.returned)} (${rate(r.control.rate)})`, numeric: true },
  { header: 'Difference', csv: (r) => r.difference, cell: (r) => points(r.difference), numeric: true },
  { header: '95% interval', csv: (r) => (r.low === null || r.high === null ? '' : `${r.low} to ${r.high}`), cell: (r) => (r.low === null || r.high === null ? '—' : `${points(r.low)} to ${points(r.high)}`) },
  { header: 'What it says', csv: (r) => VERDICT[r.verdict] },
];

const offerColumns: Column<OfferEconomicsRow>[] = [
  { header: 'Offer', csv: (r) => r.offer, cell: (r) => (r.flagged ? `${r.offer} ⚠ costs more than it keeps` : r.offer) },
  { header: 'Diagnosed reason', csv: (r) => r.reason },
  { header: 'Segment', csv: (r) => r.segment ?? '', cell: (r) => r.segment ?? '—' },
  { header: 'Calls made', csv: (r) => r.callsMade, cell: (r) => formatCount(r.callsMade), numeric: true },
  { header: 'Won back', csv: (r) => r.wonBack, cell: (r) => formatCount(r.wonBack), numeric: true },
  { header: 'Revenue won back', csv: (r) => money2(r.revenueCents), cell: (r) => cents(r.revenueCents), numeric: true },
  { header: 'Offer cost', csv: (r) => money2(r.costCents), cell: (r) => cents(r.costCents), numeric: true },
  { header: 'Net', csv: (r) => money2(r.netCents), cell: (r) => cents(r.netCents), numeric: true },
  { header: 'Net per call', csv: (r) => money2(r.netPerCallCents), cell: (r) => cents(r.netPerCallCents), numeric: true },
];

const handleColumns = (dimension: string): Column<HandleTimeRow>[] => [
  { header: dimension, csv: (r) => r.label },
  { header: 'Calls', csv: (r) => r.calls, cell: (r) => formatCount(r.calls), numeric: true },
  { header: 'Average handle', csv: (r) => Math.round(r.avgHandleMs / 1000), cell: (r) => minutes(r.avgHandleMs), numeric: true },
  { header: 'Talk', csv: (r) => Math.round(r.avgTalkMs / 1000), cell: (r) => minutes(r.avgTalkMs), numeric: true },
  { header: 'Wrap', csv: (r) => Math.round(r.avgWrapMs / 1000), cell: (r) => minutes(r.avgWrapMs), numeric: true },
  ...STAGES.map((s): Column<HandleTimeRow> => ({ header: STAGE_LABELS[s], csv: (r) => Math.round(r.avgStageMs[s] / 1000), cell: (r) => minutes(r.avgStageMs[s]), numeric: true })),
  { header: 'Calls per hour', csv: (r) => (r.callsPerHour === null ? '' : Math.round(r.callsPerHour * 100) / 100), cell: (r) => (r.callsPerHour === null ? '—' : r.callsPerHour.toFixed(1)), numeric: true },
];

function Headline({ row, controls }: { row: EffectRow; controls: EffectReport['controls'] }) {
  if (controls.length === 0) {
    return <p>No cycle has a control group yet. Set one below, before the cycle&apos;s first call, to measure what the calls win.</p>;
  }
  return (
    <div role="group" aria-label="Did the calls work: the answer">
      <p className="effect-headline">
        <strong>{VERDICT[row.verdict]}</strong>
      </p>
      <p>
        Customers to be called came back at {rate(row.toCall.rate)} ({formatCount(row.toCall.returned)} of {formatCount(row.toCall.customers)}); the
        control group, not called, at {rate(row.control.rate)} ({formatCount(row.control.returned)} of {formatCount(row.control.customers)}). Difference{' '}
        {points(row.difference)}, 95% interval {points(row.low)} to {points(row.high)}.
      </p>
    </div>
  );
}

function Experiment({ e, onEnd }: { e: ExperimentResult; onEnd?: ((id: string, winnerOfferId: string, note: string) => void) | undefined }) {
  const [winner, setWinner] = useState(e.variants[0]?.offerId ?? '');
  const [note, setNote] = useState('');
  return (
    <section aria-label={`Experiment ${e.name}`} className="effect-experiment">
      <h4>
        {e.name} {e.running ? '(running)' : `(ended: ${e.variants.find((v) => v.offerId === e.winnerOfferId)?.offer ?? '?'} kept)`}
      </h4>
      <ul>
        {e.variants.map((v) => (
          <li key={v.offerId}>
            {v.offer}: {formatCount(v.recovered)} of {formatCount(v.customers)} won back ({rate(v.rate)}, 95% interval {rate(v.low)} to {rate(v.high)})
          </li>
        ))}
      </ul>
      <p>{e.statement}</p>
      {!e.running && e.decisionNote && <p className="muted">Decision: {e.decisionNote}</p>}
      {e.running && onEnd && (
        <div className="no-print">
          <label>
            Winner{' '}
            <select value={winner} onChange={(ev) => setWinner(ev.target.value)}>
              {e.variants.map((v) => (
                <option key={v.offerId} value={v.offerId}>
                  {v.offer}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            Why <input value={note} onChange={(ev) => setNote(ev.target.value)} />
          </label>{' '}
          <button type="button" onClick={() => onEnd(e.id, winner, note)}>
            End experiment
          </button>
        </div>
      )}
    </section>
  );
}

export interface EffectViewProps {
  effect: EffectReport;
  offers: OfferEconomicsReport;
  handleTime: HandleTimeReport;
  controls: ControlSetting[];
  cycles: { id: string; name: string }[];
  onSetControl?: ((cycleId: string, sharePercent: number) => void) | undefined;
  onImportReturns?: ((fileName: string, text: string) => void) | undefined;
  onEndExperiment?: ((id: string, winnerOfferId: string, note: string) => void) | undefined;
  lastImport?: ReturnsImportResult | null | undefined;
}

/** "Did the calls work", what the offers earn after their cost, and what a call costs in time. */
export function EffectView(props: EffectViewProps) {
  const { effect, offers, handleTime, controls, cycles } = props;
  const [cycleId, setCycleId] = useState(cycles[0]?.id ?? '');
  const [share, setShare] = useState('10');
  const readFile = (ev: ChangeEvent<HTMLInputElement>) => {
    const file = ev.target.files?.[0];
    if (!file || !props.onImportReturns) return;
    const onImport = props.onImportReturns;
    void file.text().then((text) => onImport(file.name, text));
  };
  const t = offers.totals;
  return (
    <section className="card effect" aria-labelledby="effect-title">
      <h2 id="effect-title">Did the calls work</h2>
      <Headline row={effect.overall} controls={effect.controls} />
      <p className="muted">
        The interval is the range of differences these customers are consistent with, 95 times in 100: when it lies wholly above zero, the calls won customers back who
        would not have come back on their own; when it spans zero, there is not yet enough data to tell.
      </p>
      <DataTable caption="Called against control, by cycle" columns={effectColumns('Cycle')} rows={effect.byCycle} rowKey={(r, i) => `${r.key ?? ''}-${i}`} empty="No cycle with a control group." />
      <DataTable caption="Called against control, by stated reason" columns={effectColumns('Stated reason')} rows={effect.byReason} rowKey={(r, i) => `${r.key ?? ''}-${i}`} />
      <DataTable caption="Called against control, by segment" columns={effectColumns('Segment')} rows={effect.bySegment} rowKey={(r, i) => `${r.key ?? ''}-${i}`} />
      {effect.experiments.length > 0 && (
        <>
          <h3>Experiments</h3>
          {effect.experiments.map((e) => (
            <Experiment key={e.id} e={e} onEnd={props.onEndExperiment} />
          ))}
        </>
      )}

      <h3>Control groups</h3>
      <ul>
        {controls.map((c) => (
          <li key={c.cycleId}>
            {c.cycle}: {c.sharePercent}% held out ({formatCount(c.control)} customers not called, {formatCount(c.toCall)} to call)
          </li>
        ))}
      </ul>
      {props.onSetControl && (
        <div className="no-print effect-controls">
          <label>
            Cycle to hold customers out of{' '}
            <select value={cycleId} onChange={(ev) => setCycleId(ev.target.value)}>
              {cycles.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            Control share (%) <input type="number" min={0} max={50} step={1} value={share} onChange={(ev) => setShare(ev.target.value)} />
          </label>{' '}
          <button type="button" disabled={!cycleId} onClick={() => props.onSetControl?.(cycleId, Number(share))}>
            Set control group
          </button>
        </div>
      )}
      {props.onImportReturns && (
        <p className="no-print">
          <label>
            Import returns (a file of current customers, or with a &quot;returned&quot; column){' '}
            <input type="file" accept=".csv,text/csv" onChange={readFile} />
          </label>
        </p>
      )}
      {props.lastImport && (
        <p role="status">
          Read {formatCount(props.lastImport.rows)} rows: {formatCount(props.lastImport.returned)} returned, {formatCount(props.lastImport.notReturned)} not returned,{' '}
          {formatCount(props.lastImport.unknown)} unknown customer ids, {formatCount(props.lastImport.invalid.length)} rows with problems.
        </p>
      )}

      <h2 id="offers-title">Offer economics</h2>
      <p>
        {formatCount(t.wonBack)} customers won back through offers: {cents(t.revenueCents)} revenue over up to 12 months, {cents(t.costCents)} in offer costs,{' '}
        <strong>{cents(t.netCents)} net</strong> from {formatCount(t.callsMade)} calls on which an offer was made.
      </p>
      <DataTable caption="Offer economics by offer" columns={offerColumns} rows={offers.byOffer} rowKey={(r) => r.offerId} empty="No offers made yet." />
      <DataTable caption="Offer economics by offer, reason and segment" columns={offerColumns} rows={offers.rows} rowKey={(r, i) => `${r.offerId}-${i}`} empty="No offers made yet." />

      <h2 id="handle-title">Handle time</h2>
      <p>
        {formatCount(handleTime.overall.calls)} timed calls: {minutes(handleTime.overall.avgHandleMs)} average handle time ({minutes(handleTime.overall.avgTalkMs)} talk,{' '}
        {minutes(handleTime.overall.avgWrapMs)} wrap).
        {handleTime.untimedCalls > 0 && ` ${formatCount(handleTime.untimedCalls)} calls from before timings were kept are left out.`}
      </p>
      <DataTable caption="Handle time by caller" columns={handleColumns('Caller')} rows={handleTime.byCaller} rowKey={(r) => r.key} empty="No timed calls yet." />
      <DataTable caption="Handle time, executives and the recovery team" columns={handleColumns('Who called')} rows={handleTime.byGroup} rowKey={(r) => r.key} />
      <DataTable caption="Handle time by cycle" columns={handleColumns('Cycle')} rows={handleTime.byCycle} rowKey={(r) => r.key} />
      <DataTable caption="Handle time by outcome" columns={handleColumns('Outcome')} rows={handleTime.byOutcome} rowKey={(r) => r.key} />
    </section>
  );
}

/** Loads the three reports for the Trends filters' cycle and carries out the manager's actions. */
export function EffectContainer({ cycle, cycles }: { cycle: string | undefined; cycles: { id: string; name: string }[] }) {
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const [data, setData] = useState<{ effect: EffectReport; offers: OfferEconomicsReport; handleTime: HandleTimeReport; controls: ControlSetting[] } | null>(null);
  const [lastImport, setLastImport] = useState<ReturnsImportResult | null>(null);

  const load = useCallback(async () => {
    try {
      const client = api();
      const [effect, offers, handleTime, controls] = await Promise.all([
        client.call('effect.report', { cycle }),
        client.call('effect.offers', { cycle }),
        client.call('effect.handleTime', { cycle }),
        client.call('effect.controls', {}),
      ]);
      setData({ effect, offers, handleTime, controls });
    } catch (error) {
      reportError(error);
    }
  }, [cycle, reportError]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (what: () => Promise<string>) => {
    try {
      notify('info', await what());
      await load();
    } catch (error) {
      reportError(error);
    }
  };

  if (!data) return <p aria-live="polite">Loading whether the calls worked…</p>;
  return (
    <EffectView
      {...data}
      cycles={cycles}
      lastImport={lastImport}
      onSetControl={(cycleId, sharePercent) =>
        void act(async () => {
          const s = await api().call('effect.setControl', { cycleId, sharePercent });
          return `${s.cycle}: ${s.sharePercent}% held out, ${s.control.toLocaleString()} customers will not be called.`;
        })
      }
      onImportReturns={(fileName, text) =>
        void act(async () => {
          const r = await api().call('effect.importReturns', { fileName, text });
          setLastImport(r);
          return `Imported returns from ${fileName}: ${r.returned.toLocaleString()} customers came back.`;
        })
      }
      onEndExperiment={(id, winnerOfferId, note) =>
        void act(async () => {
          const r = await api().call('effect.endExperiment', { id, winnerOfferId, note });
          return `Experiment ended; ${r.rulesChanged} offer rules now propose the winner.`;
        })
      }
    />
  );
}
