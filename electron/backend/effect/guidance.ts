import { randomUUID } from 'node:crypto';
import { pickVariant } from '../../../shared/domain/effect';
import { STAGES, type Stage } from '../../../shared/domain/stages';
import type { GuidanceExperimentCells } from '../../../shared/reports/effect';
import type { Db } from '../../../db/open';
import type { ServiceDeps } from '../types';
import {
  calledDuring,
  endGuidanceExperiment,
  getGuidanceExperiment,
  insertGuidanceExperiment,
  listGuidanceExperiments,
  listGuidanceVariants,
  listStageGuidance,
  runningGuidanceExperiment,
  runningGuidanceExperiments,
  setStageGuidance,
} from '../../../db/repos/guidanceExperiments';
import { audit } from '../../../db/repos/audit';
import { appError } from '../i18n/errors';
import { said } from '../../../shared/i18n/said';

/**
 * Experiments over a stage's guidance: two or more wordings, each with a weight. A customer's
 * wording follows from the hash of the experiment and their id (as offer variants do), so every
 * call to them shows the same one, and only that one. Ending an experiment keeps the winner in the
 * playbook (stage_guidance), with the decision recorded.
 */

/** The wording each stage shows this customer where it is not the standard one. */
export function guidanceForCustomer(db: Db, externalId: string): { stage: Stage; text: string }[] {
  const playbook = new Map(listStageGuidance(db).map((g) => [g.stage, g.text]));
  const chosen = new Map(playbook);
  for (const e of runningGuidanceExperiments(db)) {
    const v = pickVariant(e.id, externalId, e.variants);
    if (!v) continue;
    // An empty variant is the stage's wording as the playbook has it.
    if (v.text === '') {
      if (!playbook.has(e.stage)) chosen.delete(e.stage);
    } else chosen.set(e.stage, v.text);
  }
  return STAGES.filter((s) => chosen.has(s)).map((stage) => ({ stage, text: chosen.get(stage) ?? '' }));
}

export function startGuidanceExperiment(
  deps: ServiceDeps,
  input: { name: string; stage: Stage; variants: { label: string; text: string; weight: number }[] },
  actorId: string,
): { id: string } {
  const { db } = deps;
  const labels = new Set<string>();
  const texts = new Set<string>();
  input.variants.forEach((v, i) => {
    const label = v.label.toLowerCase();
    if (labels.has(label)) throw appError('invalid_input', 'effect.guidance.labelTaken', { n: i + 1, label: v.label });
    if (texts.has(v.text)) {
      throw appError('invalid_input', v.text === '' ? 'effect.guidance.oneKeepsWording' : 'effect.guidance.sameWording', { n: i + 1 });
    }
    labels.add(label);
    texts.add(v.text);
  });
  const running = runningGuidanceExperiment(db, input.stage);
  if (running) throw appError('conflict', 'effect.guidance.stageBusy', { name: running.name, stage: said(`card.stage.${input.stage}`) });
  const id = randomUUID();
  const now = deps.now().toISOString();
  db.transaction(() => {
    insertGuidanceExperiment(db, { id, name: input.name, stage: input.stage, variants: input.variants.map((v) => ({ ...v, id: randomUUID() })) }, actorId, now);
    audit(db, { at: now, actorId, action: 'effect.startGuidanceExperiment', entity: 'guidance_experiment', entityId: id, detail: { name: input.name, stage: input.stage, variants: input.variants.length } });
  })();
  return { id };
}

/** Ends an experiment: the winner's wording becomes the playbook's for the stage (an empty winner leaves it as it was). */
export function finishGuidanceExperiment(deps: ServiceDeps, input: { id: string; winnerVariantId: string; note: string }, actorId: string): { stage: Stage; playbookChanged: boolean } {
  const { db } = deps;
  const e = getGuidanceExperiment(db, input.id);
  if (!e) throw appError('not_found', 'effect.guidance.notFound', { id: input.id });
  if (e.ended_at !== null) throw appError('conflict', 'effect.experimentEnded', { name: e.name });
  const winner = listGuidanceVariants(db, e.id).find((v) => v.id === input.winnerVariantId);
  if (!winner) throw appError('invalid_input', 'effect.winnerNotVariant');
  const now = deps.now().toISOString();
  db.transaction(() => {
    endGuidanceExperiment(db, e.id, winner.id, input.note, actorId, now);
    if (winner.text !== '') setStageGuidance(db, e.stage, winner.text, e.id, actorId, now);
    audit(db, { at: now, actorId, action: 'effect.endGuidanceExperiment', entity: 'guidance_experiment', entityId: e.id, detail: { winnerVariantId: winner.id, note: input.note } });
  })();
  return { stage: e.stage, playbookChanged: winner.text !== '' };
}

export function guidanceExperimentCells(db: Db): GuidanceExperimentCells[] {
  return listGuidanceExperiments(db).map((e) => {
    const variants = listGuidanceVariants(db, e.id);
    const tally = new Map(variants.map((v) => [v.id, { customers: 0, recovered: 0 }]));
    for (const c of calledDuring(db, e)) {
      const v = pickVariant(e.id, c.externalId, variants);
      const t = v && tally.get(v.id);
      if (!t) continue;
      t.customers += 1;
      t.recovered += c.won;
    }
    return {
      id: e.id,
      name: e.name,
      stage: e.stage,
      running: e.ended_at === null,
      winnerVariantId: e.winner_variant_id,
      decisionNote: e.decision_note,
      variants: variants.map((v) => ({ variantId: v.id, label: v.label, text: v.text, weight: v.weight, ...(tally.get(v.id) ?? { customers: 0, recovered: 0 }) })),
    };
  });
}
