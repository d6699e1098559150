import type { Db } from '../open';
import { expectOneRow, prepared } from '../statements';
import type { Stage } from '../../shared/domain/stages';

/** Experiments over a stage's guidance, their variants, and the playbook's wording of each stage. */

export interface GuidanceExperimentRow {
  id: string;
  name: string;
  stage: Stage;
  started_at: string;
  ended_at: string | null;
  winner_variant_id: string | null;
  decision_note: string;
}

export interface GuidanceVariantRow {
  id: string;
  experiment_id: string;
  label: string;
  /** Empty: the stage's wording as the playbook has it (else the standard one). */
  text: string;
  weight: number;
}

const EXPERIMENT_COLUMNS = 'id, name, stage, started_at, ended_at, winner_variant_id, decision_note';

export function listGuidanceExperiments(db: Db): GuidanceExperimentRow[] {
  return prepared(db, `SELECT ${EXPERIMENT_COLUMNS} FROM guidance_experiments ORDER BY started_at DESC, id`).all() as GuidanceExperimentRow[];
}

export function getGuidanceExperiment(db: Db, id: string): GuidanceExperimentRow | undefined {
  return prepared(db, `SELECT ${EXPERIMENT_COLUMNS} FROM guidance_experiments WHERE id = ?`).get(id) as GuidanceExperimentRow | undefined;
}

export function runningGuidanceExperiment(db: Db, stage: Stage): GuidanceExperimentRow | undefined {
  return prepared(db, `SELECT ${EXPERIMENT_COLUMNS} FROM guidance_experiments WHERE stage = ? AND ended_at IS NULL`).get(stage) as GuidanceExperimentRow | undefined;
}

export function listGuidanceVariants(db: Db, experimentId: string): GuidanceVariantRow[] {
  return prepared(db, 'SELECT id, experiment_id, label, text, weight FROM guidance_variants WHERE experiment_id = ? ORDER BY position').all(experimentId) as GuidanceVariantRow[];
}

/** Running experiments with their variants, for the wording a call shows. */
export function runningGuidanceExperiments(db: Db): (GuidanceExperimentRow & { variants: GuidanceVariantRow[] })[] {
  const running = prepared(db, `SELECT ${EXPERIMENT_COLUMNS} FROM guidance_experiments WHERE ended_at IS NULL`).all() as GuidanceExperimentRow[];
  return running.map((e) => ({ ...e, variants: listGuidanceVariants(db, e.id) }));
}

export function insertGuidanceExperiment(
  db: Db,
  e: { id: string; name: string; stage: Stage; variants: { id: string; label: string; text: string; weight: number }[] },
  actorId: string | null,
  now: string,
): void {
  prepared(db, 'INSERT INTO guidance_experiments (id, name, stage, started_at, started_by) VALUES (?, ?, ?, ?, ?)').run(e.id, e.name, e.stage, now, actorId);
  const v = prepared(db, 'INSERT INTO guidance_variants (id, experiment_id, label, text, weight, position) VALUES (?, ?, ?, ?, ?, ?)');
  e.variants.forEach((x, i) => v.run(x.id, e.id, x.label, x.text, x.weight, i));
}

export function endGuidanceExperiment(db: Db, id: string, winnerVariantId: string, note: string, actorId: string | null, now: string): void {
  expectOneRow(
    prepared(db, 'UPDATE guidance_experiments SET ended_at = ?, ended_by = ?, winner_variant_id = ?, decision_note = ? WHERE id = ? AND ended_at IS NULL').run(
      now,
      actorId,
      winnerVariantId,
      note,
      id,
    ),
    'endGuidanceExperiment',
  );
}

/** The playbook's wording of each stage where it replaces the standard one. */
export function listStageGuidance(db: Db): { stage: Stage; text: string; experiment_id: string | null }[] {
  return prepared(db, 'SELECT stage, text, experiment_id FROM stage_guidance ORDER BY stage').all() as { stage: Stage; text: string; experiment_id: string | null }[];
}

export function setStageGuidance(db: Db, stage: Stage, text: string, experimentId: string | null, actorId: string | null, now: string): void {
  prepared(
    db,
    `INSERT INTO stage_guidance (stage, text, set_at, set_by, experiment_id) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (stage) DO UPDATE SET text = excluded.text, set_at = excluded.set_at, set_by = excluded.set_by, experiment_id = excluded.experiment_id`,
  ).run(stage, text, now, actorId, experimentId);
}

/**
 * The customers with a completed call while the experiment ran, each once, and whether they were
 * won back (a recovered call in that time, or a return). Their variant follows from the hash.
 */
export function calledDuring(db: Db, e: GuidanceExperimentRow): { externalId: string; won: number }[] {
  return prepared(
    db,
    `SELECT c.external_id AS externalId, max(k.outcome = 'recovered' OR c.returned_on IS NOT NULL) AS won
     FROM calls k JOIN customers c ON c.id = k.customer_id
     WHERE k.completed_at >= @from AND (@to IS NULL OR k.completed_at <= @to)
     GROUP BY c.id`,
  ).all({ from: e.started_at, to: e.ended_at }) as { externalId: string; won: number }[];
}
