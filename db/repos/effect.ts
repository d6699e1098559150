import type { Db } from '../open';
import { expectOneRow, prepared } from '../statements';
import type { EffectCell, ExperimentCells } from '../../shared/reports/effect';

/** Control groups per cycle, the returns import and the called-vs-control cells. */

export interface ControlRow {
  cycle_id: string;
  cycle_name: string;
  share_percent: number;
  set_at: string;
}

export function listControls(db: Db): ControlRow[] {
  return prepared(
    db,
    `SELECT ctl.cycle_id, cy.name AS cycle_name, ctl.share_percent, ctl.set_at
     FROM cycle_controls ctl JOIN cycles cy ON cy.id = ctl.cycle_id ORDER BY cy.starts_on DESC`,
  ).all() as ControlRow[];
}

export function setControlShare(db: Db, cycleId: string, sharePercent: number, actorId: string | null, now: string): void {
  prepared(
    db,
    `INSERT INTO cycle_controls (cycle_id, share_percent, set_at, set_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (cycle_id) DO UPDATE SET share_percent = excluded.share_percent, set_at = excluded.set_at, set_by = excluded.set_by`,
  ).run(cycleId, sharePercent, now, actorId);
}

/** Customers of the cycle with at least one completed call: once there are any, the groups are fixed. */
export function callsInCycle(db: Db, cycleId: string): number {
  return prepared(db, 'SELECT count(*) FROM customers WHERE cycle_id = ? AND attempts > 0').pluck().get(cycleId) as number;
}

export function groupSizes(db: Db, cycleId: string): { toCall: number; control: number } {
  const r = prepared(
    db,
    `SELECT coalesce(sum(selected = 1 AND control_group = 0), 0) AS toCall, coalesce(sum(control_group = 1), 0) AS control
     FROM customers WHERE cycle_id = ?`,
  ).get(cycleId) as { toCall: number; control: number };
  return r;
}

/** Records a return; the first date read stays (a later file of current customers does not move it). */
export function prepareReturnWrite(db: Db): (externalId: string, returnedOn: string, revenue: number | null) => 'returned' | 'unknown' {
  const write = db.prepare(
    `UPDATE customers SET returned_on = coalesce(returned_on, @returnedOn), returned_revenue = coalesce(@revenue, returned_revenue)
     WHERE external_id = @externalId`,
  );
  return (externalId, returnedOn, revenue) => (write.run({ externalId, returnedOn, revenue }).changes === 1 ? 'returned' : 'unknown');
}

export function clearReturn(db: Db, externalId: string): boolean {
  return db.prepare('UPDATE customers SET returned_on = NULL, returned_revenue = NULL WHERE external_id = ? AND returned_on IS NOT NULL').run(externalId).changes === 1;
}

/**
 * The called-vs-control cells: eligible customers (to be called, or held out) of every cycle with a
 * control share, by cycle, stated reason, segment and group. Sums `effect_cells`, which migration
 * 24's triggers keep exact (test/unit/effect-cells.test.ts checks them against `effectCellsFromCustomers`).
 */
export function effectCells(db: Db, cycleId: string | null): EffectCell[] {
  const rows = prepared(
    db,
    `SELECT e.cycle_id AS cycleId, cy.name AS cycle, nullif(e.reason_id, '') AS reasonId, r.name AS reason, nullif(e.segment, '') AS segment,
       e.control, e.customers, e.called, e.returned
     FROM cycle_controls ctl
     JOIN effect_cells e ON e.cycle_id = ctl.cycle_id
     JOIN cycles cy ON cy.id = ctl.cycle_id
     LEFT JOIN reasons r ON r.id = nullif(e.reason_id, '')
     WHERE ctl.share_percent > 0 AND (@cycleId IS NULL OR ctl.cycle_id = @cycleId)`,
  ).all({ cycleId }) as (Omit<EffectCell, 'control'> & { control: number })[];
  return rows.map((r) => ({ ...r, control: r.control === 1 }));
}

/**
 * The same cells counted from the customers table through its `customers_effect` index: what the
 * report read before the summary, kept as the reference the summary is tested against.
 */
export function effectCellsFromCustomers(db: Db, cycleId: string | null): EffectCell[] {
  const rows = prepared(
    db,
    `SELECT c.cycle_id AS cycleId, cy.name AS cycle, c.stated_reason_id AS reasonId, r.name AS reason, c.segment,
       c.control_group AS control, count(*) AS customers, sum(c.attempts > 0) AS called, sum(c.returned_on IS NOT NULL) AS returned
     FROM cycle_controls ctl
     JOIN customers c INDEXED BY customers_effect ON c.cycle_id = ctl.cycle_id
     JOIN cycles cy ON cy.id = ctl.cycle_id
     LEFT JOIN reasons r ON r.id = c.stated_reason_id
     WHERE ctl.share_percent > 0 AND (@cycleId IS NULL OR ctl.cycle_id = @cycleId)
       AND (c.selected = 1 OR c.control_group = 1)
     GROUP BY c.cycle_id, c.stated_reason_id, c.segment, c.control_group`,
  ).all({ cycleId }) as (Omit<EffectCell, 'control'> & { control: number })[];
  return rows.map((r) => ({ ...r, control: r.control === 1 }));
}

/* Experiments ------------------------------------------------------------------------------ */

export interface ExperimentRow {
  id: string;
  name: string;
  base_offer_id: string;
  started_at: string;
  ended_at: string | null;
  winner_offer_id: string | null;
  decision_note: string;
}

export interface VariantRow {
  experiment_id: string;
  offer_id: string;
  weight: number;
}

export function listExperiments(db: Db): ExperimentRow[] {
  return prepared(db, 'SELECT id, name, base_offer_id, started_at, ended_at, winner_offer_id, decision_note FROM experiments ORDER BY started_at DESC, id').all() as ExperimentRow[];
}

export function getExperiment(db: Db, id: string): ExperimentRow | undefined {
  return prepared(db, 'SELECT id, name, base_offer_id, started_at, ended_at, winner_offer_id, decision_note FROM experiments WHERE id = ?').get(id) as
    | ExperimentRow
    | undefined;
}

export function listVariants(db: Db, experimentId?: string): VariantRow[] {
  return (
    experimentId === undefined
      ? prepared(db, 'SELECT experiment_id, offer_id, weight FROM experiment_variants ORDER BY experiment_id, offer_id').all()
      : prepared(db, 'SELECT experiment_id, offer_id, weight FROM experiment_variants WHERE experiment_id = ? ORDER BY offer_id').all(experimentId)
  ) as VariantRow[];
}

/** Running experiments with their variants, for the offers a call shows. */
export function runningExperiments(db: Db): { id: string; baseOfferId: string; variants: { offerId: string; weight: number }[] }[] {
  const running = prepared(db, 'SELECT id, base_offer_id FROM experiments WHERE ended_at IS NULL').all() as { id: string; base_offer_id: string }[];
  return running.map((e) => ({
    id: e.id,
    baseOfferId: e.base_offer_id,
    variants: listVariants(db, e.id).map((v) => ({ offerId: v.offer_id, weight: v.weight })),
  }));
}

export function insertExperiment(
  db: Db,
  e: { id: string; name: string; baseOfferId: string; variants: { offerId: string; weight: number }[] },
  actorId: string | null,
  now: string,
): void {
  prepared(db, 'INSERT INTO experiments (id, name, base_offer_id, started_at, started_by) VALUES (?, ?, ?, ?, ?)').run(e.id, e.name, e.baseOfferId, now, actorId);
  const v = prepared(db, 'INSERT INTO experiment_variants (experiment_id, offer_id, weight) VALUES (?, ?, ?)');
  for (const x of e.variants) v.run(e.id, x.offerId, x.weight);
}

export function endExperiment(db: Db, id: string, winnerOfferId: string, note: string, actorId: string | null, now: string): void {
  expectOneRow(
    prepared(db, 'UPDATE experiments SET ended_at = ?, ended_by = ?, winner_offer_id = ?, decision_note = ? WHERE id = ? AND ended_at IS NULL').run(
      now,
      actorId,
      winnerOfferId,
      note,
      id,
    ),
    'endExperiment',
  );
}

/** The rules proposing the experiment's offer now propose the winner. */
export function pointRulesAt(db: Db, fromOfferId: string, toOfferId: string): number {
  return prepared(db, 'UPDATE offer_rules SET offer_id = ? WHERE offer_id = ?').run(toOfferId, fromOfferId).changes;
}

/**
 * Per variant: customers who had a call since the experiment started on which that variant was made
 * (not merely proposed), and of them those won back (a recovered call or a return). A customer's
 * variant follows from the hash, so each customer counts under one variant only.
 */
export function variantTallies(db: Db, e: ExperimentRow, offerIds: readonly string[]): Map<string, { customers: number; recovered: number }> {
  const out = new Map<string, { customers: number; recovered: number }>();
  const stmt = prepared(
    db,
    `SELECT count(*) AS customers, coalesce(sum(won), 0) AS recovered FROM (
       SELECT c.id, max(k.outcome = 'recovered' OR c.returned_on IS NOT NULL) AS won
       FROM call_offers o JOIN calls k ON k.id = o.call_id JOIN customers c ON c.id = k.customer_id
       WHERE o.offer_id = @offerId AND o.answer <> 'not_offered' AND k.completed_at >= @from AND (@to IS NULL OR k.completed_at <= @to)
       GROUP BY c.id)`,
  );
  for (const offerId of offerIds) {
    out.set(offerId, stmt.get({ offerId, from: e.started_at, to: e.ended_at }) as { customers: number; recovered: number });
  }
  return out;
}

export function experimentCells(db: Db, offerName: (id: string) => string): ExperimentCells[] {
  return listExperiments(db).map((e) => {
    const variants = listVariants(db, e.id);
    const tallies = variantTallies(db, e, variants.map((v) => v.offer_id));
    return {
      id: e.id,
      name: e.name,
      baseOfferId: e.base_offer_id,
      running: e.ended_at === null,
      winnerOfferId: e.winner_offer_id,
      decisionNote: e.decision_note,
      variants: variants.map((v) => ({ offerId: v.offer_id, offer: offerName(v.offer_id), weight: v.weight, ...(tallies.get(v.offer_id) ?? { customers: 0, recovered: 0 }) })),
    };
  });
}
