import { useId, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ExperimentResult, GuidanceExperimentResult } from '../../../../shared/reports/effect';
import { variantLead } from '../../../../shared/reports/variantLead';
import { formatCount, formatPercent, formatSignedPoints } from '../../lib/format';
import { DataTable, type Column } from './DataTable';
import './experiments.css';

/**
 * Each experiment's variants with their recovery rate and its 95% interval, what the data can and
 * cannot say yet, and "End experiment": the winner kept (offer rules or the stage's wording), after
 * a confirmation that names what changes, and the decision shown as recorded afterwards.
 */

/** Offer and guidance experiments read alike here: one shape for both. */
interface Variant {
  id: string;
  name: string;
  /** Guidance only: the wording, empty for the stage's current one. */
  text: string | null;
  weight: number;
  customers: number;
  recovered: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

interface Experiment {
  id: string;
  name: string;
  running: boolean;
  canTell: boolean;
  winnerId: string | null;
  decisionNote: string;
  variants: Variant[];
  /** Guidance: the stage's name; offer: the offer the rules proposed. */
  stage: string | null;
  baseOfferId: string | null;
}

const fromGuidance = (e: GuidanceExperimentResult, t: TFunction): Experiment => ({
  id: e.id,
  name: e.name,
  running: e.running,
  canTell: e.canTell,
  winnerId: e.winnerVariantId,
  decisionNote: e.decisionNote,
  stage: t(`trends.handle.stage.${e.stage}`),
  baseOfferId: null,
  variants: e.variants.map((v) => ({ ...v, id: v.variantId, name: v.label })),
});

const fromOffer = (e: ExperimentResult): Experiment => ({
  id: e.id,
  name: e.name,
  running: e.running,
  canTell: e.canTell,
  winnerId: e.winnerOfferId,
  decisionNote: e.decisionNote,
  stage: null,
  baseOfferId: e.baseOfferId,
  variants: e.variants.map((v) => ({ ...v, id: v.offerId, name: v.offer, text: null })),
});

const pts = (v: number, t: TFunction) => t('trends.effect.points', { value: formatSignedPoints(v) });
const rate = (v: number | null) => (v === null ? '—' : formatPercent(v));

/** The comparison in words, from the same lead and interval the report's own statement reads. */
function statement(e: Experiment, t: TFunction): string {
  const lead = variantLead(e.variants);
  if (!lead) return t('trends.experiments.statement.noData');
  const values = { best: lead.best.name, next: lead.next.name, difference: pts(lead.difference, t), low: pts(lead.low, t), high: pts(lead.high, t) };
  return e.canTell ? t('trends.experiments.statement.canTell', values) : t('trends.experiments.statement.cannotTell', values);
}

function columns(e: Experiment, t: TFunction): Column<Variant>[] {
  const guidance = e.stage !== null;
  const total = e.variants.reduce((n, v) => n + v.weight, 0) || 1;
  return [
    { header: t(guidance ? 'trends.experiments.columns.variant' : 'trends.experiments.columns.offer'), csv: (v) => v.name },
    ...(guidance ? [{ header: t('trends.experiments.columns.wording'), csv: (v: Variant) => v.text ?? '', cell: (v: Variant) => v.text || <em>{t('trends.experiments.currentWording')}</em> }] : []),
    // The weights as each variant's share of customers: "3 and 1" reads as 75% and 25%.
    { header: t('trends.experiments.columns.share'), csv: (v) => v.weight / total, cell: (v) => formatPercent(v.weight / total), numeric: true },
    { header: t('trends.experiments.columns.customers'), csv: (v) => v.customers, cell: (v) => formatCount(v.customers), numeric: true },
    { header: t('trends.experiments.columns.recovered'), csv: (v) => v.recovered, cell: (v) => formatCount(v.recovered), numeric: true },
    { header: t('trends.experiments.columns.rate'), csv: (v) => v.rate, cell: (v) => rate(v.rate), numeric: true },
    {
      header: t('trends.experiments.columns.interval'),
      // Machine-readable in the CSV: the two bounds as plain numbers, whatever the language.
      csv: (v) => (v.low === null || v.high === null ? '' : `${v.low} .. ${v.high}`),
      cell: (v) => (v.low === null || v.high === null ? '—' : t('trends.effect.range', { low: rate(v.low), high: rate(v.high) })),
    },
  ];
}

/** What ending with this winner changes, said before it is done. */
function consequence(e: Experiment, winner: Variant, offerName: (id: string) => string, t: TFunction): string {
  const values = { name: e.name, winner: winner.name, stage: e.stage ?? '', base: offerName(e.baseOfferId ?? '') };
  if (e.stage !== null) return t(winner.text ? 'trends.experiments.confirm.guidance' : 'trends.experiments.confirm.guidanceCurrent', values);
  return t(winner.id === e.baseOfferId ? 'trends.experiments.confirm.offerBase' : 'trends.experiments.confirm.offer', values);
}

/** The decision as recorded: who was kept, what that changed, and why. */
function decision(e: Experiment, t: TFunction): string {
  const winner = e.variants.find((v) => v.id === e.winnerId);
  const values = { winner: winner?.name ?? '?', stage: e.stage ?? '' };
  if (e.stage !== null) return t(winner?.text ? 'trends.experiments.decision.guidanceKept' : 'trends.experiments.decision.guidanceKeptCurrent', values);
  return t('trends.experiments.decision.offerKept', values);
}

export interface ExperimentCardProps {
  e: Experiment;
  offerName: (id: string) => string;
  busy: boolean;
  onEnd?: ((id: string, winnerId: string, note: string) => void) | undefined;
}

function ExperimentCard({ e, offerName, busy, onEnd }: ExperimentCardProps) {
  const { t } = useTranslation();
  const id = useId();
  const [winnerId, setWinnerId] = useState(() => variantLead(e.variants)?.best.id ?? e.variants[0]?.id ?? '');
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState(false);
  const winner = e.variants.find((v) => v.id === winnerId);
  const title = e.stage !== null ? t('trends.experiments.guidanceTitle', { name: e.name, stage: e.stage }) : t('trends.experiments.offerTitle', { name: e.name, base: offerName(e.baseOfferId ?? '') });
  return (
    <section aria-label={t('trends.effect.experiment', { name: e.name })} className="effect-experiment">
      <h4>
        {title} <span className={e.running ? 'experiment-state running' : 'experiment-state'}>{t(e.running ? 'trends.experiments.running' : 'trends.experiments.ended')}</span>
      </h4>
      <DataTable caption={t('trends.experiments.variants', { name: e.name })} columns={columns(e, t)} rows={e.variants} rowKey={(v) => v.id} />
      <p className={e.canTell ? 'experiment-statement' : 'experiment-statement cannot-tell'}>{statement(e, t)}</p>
      {!e.running && (
        <div role="group" aria-label={t('trends.experiments.decision.label', { name: e.name })} className="experiment-decision">
          <p>
            <strong>{decision(e, t)}</strong>
          </p>
          <p>{e.decisionNote ? t('trends.experiments.decision.note', { note: e.decisionNote }) : t('trends.experiments.decision.noNote')}</p>
        </div>
      )}
      {e.running && onEnd && (
        <div className="no-print experiment-end">
          {/* Labels point at their controls by id: a wrapping label would name the select by its options too. */}
          <label htmlFor={`${id}-keep`}>{t('trends.experiments.keep')}</label>
          <select id={`${id}-keep`} value={winnerId} disabled={asking} onChange={(ev) => setWinnerId(ev.target.value)}>
            {e.variants.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-why`}>{t('trends.experiments.why')}</label>
          <input id={`${id}-why`} value={note} maxLength={2000} disabled={asking} onChange={(ev) => setNote(ev.target.value)} />
          <button type="button" disabled={busy || asking || !winner} onClick={() => setAsking(true)}>
            {t('trends.effect.endExperiment')}
          </button>
          {asking && winner && (
            <div role="alertdialog" aria-labelledby={`${id}-confirm`} className="experiment-confirm">
              <p id={`${id}-confirm`}>{consequence(e, winner, offerName, t)}</p>
              {!e.canTell && <p>{t('trends.experiments.confirm.unproven', { winner: winner.name })}</p>}
              <div className="experiment-row">
                <button
                  type="button"
                  className="primary"
                  disabled={busy}
                  onClick={() => {
                    setAsking(false);
                    onEnd(e.id, winner.id, note.trim());
                  }}
                >
                  {t('trends.experiments.confirm.yes', { winner: winner.name })}
                </button>
                <button type="button" onClick={() => setAsking(false)}>
                  {t('trends.experiments.confirm.cancel')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

export interface ExperimentResultsProps {
  offerExperiments: readonly ExperimentResult[];
  guidanceExperiments: readonly GuidanceExperimentResult[];
  /** Offer id -> name, for the offer the rules proposed (it need not be a variant). */
  offerNames: ReadonlyMap<string, string>;
  busy?: boolean | undefined;
  onEndOffer?: ((id: string, winnerOfferId: string, note: string) => void) | undefined;
  onEndGuidance?: ((id: string, winnerVariantId: string, note: string) => void) | undefined;
}

/** Guidance experiments first (the wording a call shows), then offer experiments; running before ended. */
export function ExperimentResults({ offerExperiments, guidanceExperiments, offerNames, busy = false, onEndOffer, onEndGuidance }: ExperimentResultsProps) {
  const { t } = useTranslation();
  const offerName = (offerId: string) =>
    offerNames.get(offerId) ?? offerExperiments.flatMap((e) => e.variants).find((v) => v.offerId === offerId)?.offer ?? offerId;
  const all = [
    ...guidanceExperiments.map((e) => ({ e: fromGuidance(e, t), onEnd: onEndGuidance })),
    ...offerExperiments.map((e) => ({ e: fromOffer(e), onEnd: onEndOffer })),
  ].sort((a, b) => Number(b.e.running) - Number(a.e.running));
  if (all.length === 0) return <p className="muted">{t('trends.experiments.none')}</p>;
  return (
    <>
      {all.map(({ e, onEnd }) => (
        <ExperimentCard key={e.id} e={e} offerName={offerName} busy={busy} onEnd={onEnd} />
      ))}
    </>
  );
}
