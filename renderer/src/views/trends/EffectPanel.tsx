import { useCallback, useEffect, useMemo, useState, type ChangeEvent } from 'react';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import type { EffectReport, EffectRow } from '../../../../shared/reports/effect';
import type { OfferEconomicsReport, OfferEconomicsRow } from '../../../../shared/reports/offerEconomics';
import type { HandleTimeReport, HandleTimeRow } from '../../../../shared/reports/handleTime';
import type { ControlSetting, ReturnsImportResult } from '../../../../shared/api/effect';
import { STAGES } from '../../../../shared/domain/stages';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { formatMoney, formatOneDecimal, formatSignedPoints, formatWholePercent } from '../../lib/format';
import { DataTable, type Column } from './DataTable';
import { ExperimentResults } from './ExperimentResults';
import { ExperimentStarter } from './ExperimentForm';
import type { RunningNow, StartInput } from './experimentDraft';
import { formatCount, formatPercent } from './format';
import { offerName, offerText, reasonName, reasonText } from '../../i18n/content';

const points = (v: number | null, t: TFunction) => (v === null ? '—' : t('trends.effect.points', { value: formatSignedPoints(v) }));
const rate = (v: number | null) => (v === null ? '—' : formatPercent(v));
const cents = (v: number | null) => (v === null ? '—' : formatMoney(v / 100));
const money2 = (v: number | null) => (v === null ? '' : (v / 100).toFixed(2));
const minutes = (ms: number) => `${Math.floor(ms / 60000)}:${String(Math.round((ms % 60000) / 1000)).padStart(2, '0')}`;

const verdict = (v: EffectRow['verdict'], t: TFunction): string => t(`trends.effect.verdict.${v}`);

const effectColumns = (dimension: string, t: TFunction): Column<EffectRow>[] => [
  { header: dimension, csv: (r) => r.label },
  { header: t('trends.effect.columns.toCall'), csv: (r) => r.toCall.customers, cell: (r) => formatCount(r.toCall.customers), numeric: true },
  { header: t('trends.effect.columns.called'), csv: (r) => r.toCall.called, cell: (r) => formatCount(r.toCall.called), numeric: true },
  { header: t('trends.effect.columns.returnedToCall'), csv: (r) => r.toCall.returned, cell: (r) => t('trends.effect.withRate', { count: formatCount(r.toCall.returned), rate: rate(r.toCall.rate) }), numeric: true },
  { header: t('trends.effect.columns.control'), csv: (r) => r.control.customers, cell: (r) => formatCount(r.control.customers), numeric: true },
  { header: t('trends.effect.columns.returnedControl'), csv: (r) => r.control.returned, cell: (r) => t('trends.effect.withRate', { count: formatCount(r.control.returned), rate: rate(r.control.rate) }), numeric: true },
  { header: t('trends.effect.columns.difference'), csv: (r) => r.difference, cell: (r) => points(r.difference, t), numeric: true },
  {
    header: t('trends.effect.columns.interval'),
    // Machine-readable in the CSV: the two bounds as plain numbers, whatever the language.
    csv: (r) => (r.low === null || r.high === null ? '' : `${r.low} .. ${r.high}`),
    cell: (r) => (r.low === null || r.high === null ? '—' : t('trends.effect.range', { low: points(r.low, t), high: points(r.high, t) })),
  },
  { header: t('trends.effect.columns.says'), csv: (r) => verdict(r.verdict, t) },
];

const offerColumns = (t: TFunction): Column<OfferEconomicsRow>[] => [
  { header: t('trends.economics.columns.offer'), csv: (r) => offerText(t, r.offer), cell: (r) => (r.flagged ? t('trends.economics.flagged', { offer: offerText(t, r.offer) }) : offerText(t, r.offer)) },
  { header: t('trends.economics.columns.reason'), csv: (r) => reasonText(t, r.reason) },
  { header: t('trends.economics.columns.segment'), csv: (r) => r.segment ?? '', cell: (r) => r.segment ?? '—' },
  { header: t('trends.economics.columns.callsMade'), csv: (r) => r.callsMade, cell: (r) => formatCount(r.callsMade), numeric: true },
  { header: t('trends.economics.columns.wonBack'), csv: (r) => r.wonBack, cell: (r) => formatCount(r.wonBack), numeric: true },
  { header: t('trends.economics.columns.revenue'), csv: (r) => money2(r.revenueCents), cell: (r) => cents(r.revenueCents), numeric: true, money: true },
  { header: t('trends.economics.columns.cost'), csv: (r) => money2(r.costCents), cell: (r) => cents(r.costCents), numeric: true, money: true },
  { header: t('trends.economics.columns.net'), csv: (r) => money2(r.netCents), cell: (r) => cents(r.netCents), numeric: true, money: true },
  { header: t('trends.economics.columns.netPerCall'), csv: (r) => money2(r.netPerCallCents), cell: (r) => cents(r.netPerCallCents), numeric: true, money: true },
];

const handleColumns = (dimension: string, t: TFunction): Column<HandleTimeRow>[] => [
  { header: dimension, csv: (r) => r.label },
  { header: t('trends.handle.columns.calls'), csv: (r) => r.calls, cell: (r) => formatCount(r.calls), numeric: true },
  { header: t('trends.handle.columns.handle'), csv: (r) => Math.round(r.avgHandleMs / 1000), cell: (r) => minutes(r.avgHandleMs), numeric: true },
  { header: t('trends.handle.columns.talk'), csv: (r) => Math.round(r.avgTalkMs / 1000), cell: (r) => minutes(r.avgTalkMs), numeric: true },
  { header: t('trends.handle.columns.wrap'), csv: (r) => Math.round(r.avgWrapMs / 1000), cell: (r) => minutes(r.avgWrapMs), numeric: true },
  ...STAGES.map((s): Column<HandleTimeRow> => ({ header: t(`trends.handle.stage.${s}`), csv: (r) => Math.round(r.avgStageMs[s] / 1000), cell: (r) => minutes(r.avgStageMs[s]), numeric: true })),
  {
    header: t('trends.handle.columns.perHour'),
    csv: (r) => (r.callsPerHour === null ? '' : Math.round(r.callsPerHour * 100) / 100),
    cell: (r) => (r.callsPerHour === null ? '—' : formatOneDecimal(r.callsPerHour)),
    numeric: true,
  },
];

function Headline({ row, controls }: { row: EffectRow; controls: EffectReport['controls'] }) {
  const { t } = useTranslation();
  if (controls.length === 0) {
    return <p>{t('trends.effect.noControl')}</p>;
  }
  return (
    <div role="group" aria-label={t('trends.effect.answer')}>
      <p className="effect-headline">
        <strong>{verdict(row.verdict, t)}</strong>
      </p>
      <p>
        {t('trends.effect.headline', {
          toCallRate: rate(row.toCall.rate),
          toCallReturned: formatCount(row.toCall.returned),
          toCallCustomers: formatCount(row.toCall.customers),
          controlRate: rate(row.control.rate),
          controlReturned: formatCount(row.control.returned),
          controlCustomers: formatCount(row.control.customers),
          difference: points(row.difference, t),
          low: points(row.low, t),
          high: points(row.high, t),
        })}
      </p>
    </div>
  );
}

/** What the running experiments already try: a stage or an offer in two experiments at once is refused. */
function runningNow(effect: EffectReport): RunningNow {
  const stages = new Map(effect.guidanceExperiments.filter((e) => e.running).map((e) => [e.stage as string, e.name]));
  const offers = new Map<string, string>();
  for (const e of effect.experiments.filter((x) => x.running)) {
    offers.set(e.baseOfferId, e.name);
    for (const v of e.variants) offers.set(v.offerId, e.name);
  }
  return { stages, offers };
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
  onEndGuidanceExperiment?: ((id: string, winnerVariantId: string, note: string) => void) | undefined;
  /** The playbook's offers still in use, for an offer experiment's variants. */
  offerChoices?: readonly { id: string; name: string }[] | undefined;
  /** Resolves true once started, so the form clears itself. */
  onStartExperiment?: ((start: StartInput) => Promise<boolean>) | undefined;
  busy?: boolean | undefined;
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
  const { t } = useTranslation();
  const totals = offers.totals;
  const offerCols = offerColumns(t);
  const offerNames = useMemo(() => new Map((props.offerChoices ?? []).map((o) => [o.id, o.name])), [props.offerChoices]);
  const running = useMemo(() => runningNow(effect), [effect]);
  return (
    <section className="card effect" aria-labelledby="effect-title">
      <h2 id="effect-title">{t('trends.effect.title')}</h2>
      <Headline row={effect.overall} controls={effect.controls} />
      <p className="muted">{t('trends.effect.explain')}</p>
      <DataTable
        caption={t('trends.effect.byCycle')}
        columns={effectColumns(t('trends.effect.columns.cycle'), t)}
        rows={effect.byCycle}
        rowKey={(r, i) => `${r.key ?? ''}-${i}`}
        empty={t('trends.effect.noControlCycle')}
      />
      <DataTable caption={t('trends.effect.byReason')} columns={effectColumns(t('trends.effect.columns.statedReason'), t)} rows={effect.byReason.map((r) => ({ ...r, label: r.key === null ? t('trends.labels.noStatedReason') : reasonName(t, r.key, r.label) }))} rowKey={(r, i) => `${r.key ?? ''}-${i}`} />
      <DataTable caption={t('trends.effect.bySegment')} columns={effectColumns(t('trends.effect.columns.segment'), t)} rows={effect.bySegment.map((r) => (r.key === null ? { ...r, label: t('trends.labels.noSegment') } : r))} rowKey={(r, i) => `${r.key ?? ''}-${i}`} />
      {(effect.experiments.length > 0 || effect.guidanceExperiments.length > 0 || props.onStartExperiment) && (
        <section aria-labelledby="experiments-title">
          <h3 id="experiments-title">{t('trends.effect.experiments')}</h3>
          <ExperimentResults
            offerExperiments={effect.experiments}
            guidanceExperiments={effect.guidanceExperiments}
            offerNames={offerNames}
            busy={props.busy}
            onEndOffer={props.onEndExperiment}
            onEndGuidance={props.onEndGuidanceExperiment}
          />
          {props.onStartExperiment && <ExperimentStarter offers={props.offerChoices ?? []} running={running} busy={props.busy ?? false} onStart={props.onStartExperiment} />}
        </section>
      )}

      <h3>{t('trends.effect.controls')}</h3>
      <ul>
        {controls.map((c) => (
          <li key={c.cycleId}>
            {t('trends.effect.controlLine', { cycle: c.cycle, share: formatWholePercent(c.sharePercent), control: formatCount(c.control), toCall: formatCount(c.toCall) })}
          </li>
        ))}
      </ul>
      {props.onSetControl && (
        <div className="no-print effect-controls">
          <label>
            {t('trends.effect.holdOutOf')}{' '}
            <select value={cycleId} onChange={(ev) => setCycleId(ev.target.value)}>
              {cycles.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('trends.effect.controlShare')} <input type="number" min={0} max={50} step={1} value={share} onChange={(ev) => setShare(ev.target.value)} />
          </label>{' '}
          <button type="button" disabled={!cycleId} onClick={() => props.onSetControl?.(cycleId, Number(share))}>
            {t('trends.effect.setControl')}
          </button>
        </div>
      )}
      {props.onImportReturns && (
        <p className="no-print">
          <label>
            {t('trends.effect.importReturns')}{' '}
            <input type="file" accept=".csv,text/csv" onChange={readFile} />
          </label>
        </p>
      )}
      {props.lastImport && (
        <p role="status">
          {t('trends.effect.readRows', {
            rows: formatCount(props.lastImport.rows),
            returned: formatCount(props.lastImport.returned),
            notReturned: formatCount(props.lastImport.notReturned),
            unknown: formatCount(props.lastImport.unknown),
            invalid: formatCount(props.lastImport.invalid.length),
          })}
        </p>
      )}

      <h2 id="offers-title">{t('trends.economics.title')}</h2>
      <p>
        <Trans
          i18nKey="trends.economics.summary"
          values={{
            wonBack: formatCount(totals.wonBack),
            revenue: cents(totals.revenueCents),
            cost: cents(totals.costCents),
            net: cents(totals.netCents),
            calls: formatCount(totals.callsMade),
          }}
          components={{ 1: <strong /> }}
        />
      </p>
      <DataTable caption={t('trends.economics.byOffer')} columns={offerCols} rows={offers.byOffer} rowKey={(r) => r.offerId} empty={t('trends.economics.empty')} />
      <DataTable caption={t('trends.economics.byOfferReasonSegment')} columns={offerCols} rows={offers.rows} rowKey={(r, i) => `${r.offerId}-${i}`} empty={t('trends.economics.empty')} />

      <h2 id="handle-title">{t('trends.handle.title')}</h2>
      <p>
        {t('trends.handle.summary', {
          calls: formatCount(handleTime.overall.calls),
          handle: minutes(handleTime.overall.avgHandleMs),
          talk: minutes(handleTime.overall.avgTalkMs),
          wrap: minutes(handleTime.overall.avgWrapMs),
        })}
        {handleTime.untimedCalls > 0 && ` ${t('trends.handle.untimed', { count: handleTime.untimedCalls })}`}
      </p>
      <DataTable caption={t('trends.handle.byCaller')} columns={handleColumns(t('trends.handle.columns.caller'), t)} rows={handleTime.byCaller} rowKey={(r) => r.key} empty={t('trends.handle.empty')} />
      <DataTable caption={t('trends.handle.byGroup')} columns={handleColumns(t('trends.handle.columns.group'), t)} rows={handleTime.byGroup} rowKey={(r) => r.key} />
      <DataTable caption={t('trends.handle.byCycle')} columns={handleColumns(t('trends.handle.columns.cycle'), t)} rows={handleTime.byCycle} rowKey={(r) => r.key} />
      <DataTable caption={t('trends.handle.byOutcome')} columns={handleColumns(t('trends.handle.columns.outcome'), t)} rows={handleTime.byOutcome} rowKey={(r) => r.key} />
    </section>
  );
}

/** Loads the three reports for the Trends filters' cycle and carries out the manager's actions. */
export function EffectContainer({ cycle, cycles }: { cycle: string | undefined; cycles: { id: string; name: string }[] }) {
  const { t } = useTranslation();
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

  // The playbook's offers in use, for an offer experiment's variants; without them the form still
  // starts guidance experiments, and the failure is said.
  const [offerChoices, setOfferChoices] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    api()
      .call('playbook.list', {})
      .then((p) => setOfferChoices(p.offers.filter((o) => !o.retired).map((o) => ({ id: o.id, name: offerName(t, o.id, o.name) }))))
      .catch(reportError);
  }, [reportError, t]);
  const [busy, setBusy] = useState(false);

  /** Runs a manager's action, says what it did, and reads the reports again; false when it was refused. */
  const act = async (what: () => Promise<string>): Promise<boolean> => {
    setBusy(true);
    try {
      notify('info', await what());
      await load();
      return true;
    } catch (error) {
      reportError(error);
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (!data) return <p aria-live="polite">{t('trends.effect.loading')}</p>;
  return (
    <EffectView
      {...data}
      cycles={cycles}
      lastImport={lastImport}
      onSetControl={(cycleId, sharePercent) =>
        void act(async () => {
          const s = await api().call('effect.setControl', { cycleId, sharePercent });
          return t('trends.effect.controlSet', { cycle: s.cycle, share: formatWholePercent(s.sharePercent), count: s.control });
        })
      }
      onImportReturns={(fileName, text) =>
        void act(async () => {
          const r = await api().call('effect.importReturns', { fileName, text });
          setLastImport(r);
          return t('trends.effect.imported', { fileName, count: r.returned });
        })
      }
      onEndExperiment={(id, winnerOfferId, note) =>
        void act(async () => {
          const r = await api().call('effect.endExperiment', { id, winnerOfferId, note });
          return t('trends.effect.experimentEnded', { count: r.rulesChanged });
        })
      }
      onEndGuidanceExperiment={(id, winnerVariantId, note) =>
        void act(async () => {
          const r = await api().call('effect.endGuidanceExperiment', { id, winnerVariantId, note });
          const stage = t(`trends.handle.stage.${r.stage}`);
          return r.playbookChanged ? t('trends.experiments.endedGuidance', { stage }) : t('trends.experiments.endedGuidanceCurrent', { stage });
        })
      }
      offerChoices={offerChoices}
      busy={busy}
      onStartExperiment={(start) =>
        act(async () => {
          if (start.kind === 'guidance') await api().call('effect.startGuidanceExperiment', start.input);
          else await api().call('effect.startExperiment', start.input);
          return t('trends.experiments.started', { name: start.input.name });
        })
      }
    />
  );
}
