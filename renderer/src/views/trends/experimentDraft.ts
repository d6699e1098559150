import { z } from 'zod';
import { STAGES, type Stage } from '../../../../shared/domain/stages';

/**
 * The "Start an experiment" form's draft and its checks. The checks mirror what the backend
 * refuses (shared/api/effect.ts and electron/backend/effect), so a manager reads the problem at the
 * field in their own language instead of a refused call; each message is a catalogue key under
 * trends.experiments.problem, its values beside it.
 */

export const EXPERIMENT_KINDS = ['guidance', 'offer'] as const;
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number];

export interface VariantDraft {
  /** Offer experiments: the offer this variant proposes. */
  offerId: string;
  /** Guidance experiments: the variant's name and wording (empty: keep the stage's current wording). */
  label: string;
  text: string;
  /** As typed: "1", "2.5", "2,5". */
  weight: string;
}

export interface ExperimentDraft {
  kind: ExperimentKind;
  name: string;
  stage: Stage | '';
  baseOfferId: string;
  variants: VariantDraft[];
}

export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 10;
const MAX_WEIGHT = 1000;

export const blankVariant = (): VariantDraft => ({ offerId: '', label: '', text: '', weight: '1' });
export const blankDraft = (kind: ExperimentKind): ExperimentDraft => ({ kind, name: '', stage: '', baseOfferId: '', variants: [blankVariant(), blankVariant()] });

/** What is already being tried, so a clash is named at its field before the backend refuses it. */
export interface RunningNow {
  /** Stage -> the running guidance experiment's name. */
  stages: ReadonlyMap<string, string>;
  /** Offer id -> the running offer experiment's name, for its base and every variant. */
  offers: ReadonlyMap<string, string>;
}

/** Every problem the form can name: each is a message under trends.experiments.problem. */
export type ProblemKey =
  | 'nameMissing'
  | 'nameTooLong'
  | 'stageMissing'
  | 'stageBusy'
  | 'baseMissing'
  | 'offerBusy'
  | 'offerMissing'
  | 'offerTwice'
  | 'labelMissing'
  | 'labelTooLong'
  | 'labelTwice'
  | 'textTooLong'
  | 'textTwice'
  | 'currentTwice'
  | 'weightNotNumber'
  | 'weightPositive'
  | 'weightTooLarge'
  | 'tooFew'
  | 'tooMany';

export interface Problem {
  key: ProblemKey;
  values?: { max?: number; min?: number; name?: string; label?: string };
}

/** A weight in either decimal mark; NaN when it is not a number at all. */
export function parseWeight(typed: string): number {
  const s = typed.trim().replace(',', '.');
  return s === '' || !/^\d*\.?\d+$/.test(s) ? Number.NaN : Number(s);
}

const problem = (key: ProblemKey, values?: Problem['values']) => JSON.stringify({ key, values });

function draftSchema(running: RunningNow) {
  const weight = z.string().superRefine((typed, ctx) => {
    const w = parseWeight(typed);
    if (Number.isNaN(w)) ctx.addIssue({ code: 'custom', message: problem('weightNotNumber') });
    else if (w <= 0) ctx.addIssue({ code: 'custom', message: problem('weightPositive') });
    else if (w > MAX_WEIGHT) ctx.addIssue({ code: 'custom', message: problem('weightTooLarge', { max: MAX_WEIGHT }) });
  });
  const variant = z.object({ offerId: z.string(), label: z.string(), text: z.string(), weight });
  return z
    .object({
      kind: z.enum(EXPERIMENT_KINDS),
      name: z.string().trim().min(1, problem('nameMissing')).max(200, problem('nameTooLong', { max: 200 })),
      stage: z.string(),
      baseOfferId: z.string(),
      variants: z.array(variant).min(MIN_VARIANTS, problem('tooFew', { min: MIN_VARIANTS })).max(MAX_VARIANTS, problem('tooMany', { max: MAX_VARIANTS })),
    })
    .superRefine((d, ctx) => {
      const at = (path: (string | number)[], key: ProblemKey, values?: Problem['values']) => ctx.addIssue({ code: 'custom', path, message: problem(key, values) });
      if (d.kind === 'guidance') {
        if (!(STAGES as readonly string[]).includes(d.stage)) at(['stage'], 'stageMissing');
        else if (running.stages.has(d.stage)) at(['stage'], 'stageBusy', { name: running.stages.get(d.stage) ?? '' });
        const labels = new Set<string>();
        const texts = new Set<string>();
        d.variants.forEach((v, i) => {
          const label = v.label.trim();
          const text = v.text.trim();
          if (label === '') at(['variants', i, 'label'], 'labelMissing');
          else if (label.length > 60) at(['variants', i, 'label'], 'labelTooLong', { max: 60 });
          else if (labels.has(label.toLowerCase())) at(['variants', i, 'label'], 'labelTwice', { label });
          if (text.length > 2000) at(['variants', i, 'text'], 'textTooLong', { max: 2000 });
          else if (texts.has(text)) at(['variants', i, 'text'], text === '' ? 'currentTwice' : 'textTwice');
          labels.add(label.toLowerCase());
          texts.add(text);
        });
        return;
      }
      if (d.baseOfferId === '') at(['baseOfferId'], 'baseMissing');
      else if (running.offers.has(d.baseOfferId)) at(['baseOfferId'], 'offerBusy', { name: running.offers.get(d.baseOfferId) ?? '' });
      const chosen = new Set<string>();
      d.variants.forEach((v, i) => {
        if (v.offerId === '') at(['variants', i, 'offerId'], 'offerMissing');
        else if (chosen.has(v.offerId)) at(['variants', i, 'offerId'], 'offerTwice');
        else if (v.offerId !== d.baseOfferId && running.offers.has(v.offerId)) at(['variants', i, 'offerId'], 'offerBusy', { name: running.offers.get(v.offerId) ?? '' });
        chosen.add(v.offerId);
      });
    });
}

export type StartInput =
  | { kind: 'guidance'; input: { name: string; stage: Stage; variants: { label: string; text: string; weight: number }[] } }
  | { kind: 'offer'; input: { name: string; baseOfferId: string; variants: { offerId: string; weight: number }[] } };

/**
 * The draft as the backend's input, or what is wrong with it by field path ("variants.1.weight",
 * "name"); the first problem of each field only, since one fix at a time reads best.
 */
export function checkDraft(draft: ExperimentDraft, running: RunningNow): { ok: true; value: StartInput } | { ok: false; problems: Map<string, Problem> } {
  const checked = draftSchema(running).safeParse(draft);
  if (!checked.success) {
    const problems = new Map<string, Problem>();
    for (const issue of checked.error.issues) {
      const path = issue.path.length === 0 ? 'form' : issue.path.join('.');
      if (!problems.has(path)) problems.set(path, JSON.parse(issue.message) as Problem);
    }
    return { ok: false, problems };
  }
  const name = draft.name.trim();
  if (draft.kind === 'guidance') {
    const variants = draft.variants.map((v) => ({ label: v.label.trim(), text: v.text.trim(), weight: parseWeight(v.weight) }));
    return { ok: true, value: { kind: 'guidance', input: { name, stage: draft.stage as Stage, variants } } };
  }
  const variants = draft.variants.map((v) => ({ offerId: v.offerId, weight: parseWeight(v.weight) }));
  return { ok: true, value: { kind: 'offer', input: { name, baseOfferId: draft.baseOfferId, variants } } };
}
