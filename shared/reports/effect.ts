import { z } from 'zod';
import { newcombeDifference, wilsonInterval } from '../domain/effect';
import { variantLead } from './variantLead';
import { STAGES, type Stage } from '../domain/stages';
import { englishOf } from '../i18n/english';
import { said, type Said } from '../i18n/said';
import { SaidSchema } from '../i18n/saidSchema';

/**
 * "Did the calls work": the customers of cycles with a control group, split into those to be
 * called and those held out, and how many of each came back (the returns import, read the same
 * way for both groups). The console and the hub feed the same cells into `buildEffectReport`,
 * so the org-wide figures are computed exactly as one console's.
 */
export const EffectFilters = z.object({ cycle: z.string().max(100).optional() }).strict();
export type EffectFilters = z.input<typeof EffectFilters>;

export const GroupFigures = z.object({
  /** Eligible customers in the group. */
  customers: z.number().int(),
  /** Of them, customers with at least one completed call. */
  called: z.number().int(),
  /** Of them, customers the returns import says came back. */
  returned: z.number().int(),
  rate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export type GroupFigures = z.infer<typeof GroupFigures>;

export const VERDICTS = ['calls_helped', 'cannot_tell', 'control_did_better', 'no_data'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const EffectRow = z.object({
  key: z.string().nullable(),
  label: z.string(),
  toCall: GroupFigures,
  control: GroupFigures,
  /** The called group's return rate minus the control group's, with its 95% interval (Newcombe). */
  difference: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  verdict: z.enum(VERDICTS),
});
export type EffectRow = z.infer<typeof EffectRow>;

export const VariantResult = z.object({
  offerId: z.string(),
  offer: z.string(),
  weight: z.number(),
  customers: z.number().int(),
  recovered: z.number().int(),
  rate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});

export const ExperimentResult = z.object({
  id: z.string(),
  name: z.string(),
  baseOfferId: z.string(),
  running: z.boolean(),
  winnerOfferId: z.string().nullable(),
  decisionNote: z.string(),
  variants: z.array(VariantResult),
  /** Whether the best variant's lead over the next is outside chance (its interval excludes 0). */
  canTell: z.boolean(),
  /** The comparison in English words (the command line); `said` is the same by key for the PDF in the reader's language. */
  statement: z.string(),
  said: SaidSchema,
});
export type ExperimentResult = z.infer<typeof ExperimentResult>;

export const GuidanceVariantResult = z.object({
  variantId: z.string(),
  label: z.string(),
  /** Empty: the stage's wording as the playbook had it. */
  text: z.string(),
  weight: z.number(),
  customers: z.number().int(),
  recovered: z.number().int(),
  rate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});

export const GuidanceExperimentResult = z.object({
  id: z.string(),
  name: z.string(),
  stage: z.enum(STAGES),
  running: z.boolean(),
  winnerVariantId: z.string().nullable(),
  decisionNote: z.string(),
  variants: z.array(GuidanceVariantResult),
  canTell: z.boolean(),
  statement: z.string(),
  said: SaidSchema,
});
export type GuidanceExperimentResult = z.infer<typeof GuidanceExperimentResult>;

export const EffectReport = z.object({
  /** The cycle the report is limited to (its name), or null for every cycle with a control group. */
  cycle: z.string().nullable(),
  controls: z.array(z.object({ cycleId: z.string(), cycle: z.string(), sharePercent: z.number() })),
  overall: EffectRow,
  byCycle: z.array(EffectRow),
  byReason: z.array(EffectRow),
  bySegment: z.array(EffectRow),
  experiments: z.array(ExperimentResult),
  /** Experiments over a stage's guidance; the hub leaves them to the console that runs them. */
  guidanceExperiments: z.array(GuidanceExperimentResult).default([]),
});
export type EffectReport = z.infer<typeof EffectReport>;

/** One group of customers sharing a cycle, stated reason and segment, called or held out. */
export interface EffectCell {
  cycleId: string;
  cycle: string;
  reasonId: string | null;
  reason: string | null;
  segment: string | null;
  control: boolean;
  customers: number;
  called: number;
  returned: number;
}

export interface ExperimentCells {
  id: string;
  name: string;
  baseOfferId: string;
  running: boolean;
  winnerOfferId: string | null;
  decisionNote: string;
  variants: { offerId: string; offer: string; weight: number; customers: number; recovered: number }[];
}

interface Tally {
  customers: number;
  called: number;
  returned: number;
}

const empty = (): Tally => ({ customers: 0, called: 0, returned: 0 });

function figures(t: Tally): GroupFigures {
  const ci = wilsonInterval(t.returned, t.customers);
  return { ...t, rate: t.customers > 0 ? t.returned / t.customers : null, low: ci?.low ?? null, high: ci?.high ?? null };
}

function row(key: string | null, label: string, toCall: Tally, control: Tally): EffectRow {
  const d = newcombeDifference(toCall.returned, toCall.customers, control.returned, control.customers);
  const verdict: Verdict = !d ? 'no_data' : d.low > 0 ? 'calls_helped' : d.high < 0 ? 'control_did_better' : 'cannot_tell';
  return { key, label, toCall: figures(toCall), control: figures(control), difference: d?.difference ?? null, low: d?.low ?? null, high: d?.high ?? null, verdict };
}

function grouped(cells: readonly EffectCell[], keyOf: (c: EffectCell) => string | null, labelOf: (c: EffectCell) => string): EffectRow[] {
  const groups = new Map<string, { key: string | null; label: string; toCall: Tally; control: Tally }>();
  for (const c of cells) {
    const key = keyOf(c);
    const id = key ?? '\u0000';
    let g = groups.get(id);
    if (!g) {
      g = { key, label: labelOf(c), toCall: empty(), control: empty() };
      groups.set(id, g);
    }
    const t = c.control ? g.control : g.toCall;
    t.customers += c.customers;
    t.called += c.called;
    t.returned += c.returned;
  }
  return [...groups.values()]
    .map((g) => row(g.key, g.label, g.toCall, g.control))
    .sort((a, b) => b.toCall.customers + b.control.customers - (a.toCall.customers + a.control.customers) || a.label.localeCompare(b.label));
}

export { variantLead } from './variantLead';

/**
 * Each variant's rate with its Wilson interval, and whether the best variant's lead over the next
 * is outside chance (Newcombe's interval of the difference excludes 0), said by key: the figures
 * and names are parameters, so the PDF says it in the reader's language with the locale's numbers,
 * and `statement` is the same sentence in English for the command line.
 */
function compareVariants<V extends { customers: number; recovered: number }>(
  input: readonly V[],
  nameOf: (v: V) => string,
): { variants: (V & { rate: number | null; low: number | null; high: number | null })[]; canTell: boolean; statement: string; said: Said } {
  const variants = input.map((v) => {
    const ci = wilsonInterval(v.recovered, v.customers);
    return { ...v, rate: v.customers > 0 ? v.recovered / v.customers : null, low: ci?.low ?? null, high: ci?.high ?? null };
  });
  const lead = variantLead(variants);
  const canTell = lead !== null && lead.low > 0;
  const sentence = comparisonSaid(lead && { ...lead, best: nameOf(lead.best), next: nameOf(lead.next) }, canTell);
  return { variants, canTell, statement: englishOf(sentence), said: sentence };
}

/** Percentage points of a share (0.05 -> "+5 pts"), signed, as the locale writes them. */
const points = (share: number): Said => said('trends.effect.points', { value: { signed: Math.round(share * 1000) / 10 } });

/** "A wins back more customers than B: +5 pts, 95% interval +1.2 pts to +8.8 pts." by key. */
export function comparisonSaid(lead: { best: string; next: string; difference: number; low: number; high: number } | null, canTell: boolean): Said {
  if (!lead) return said('trends.experiments.statement.noData');
  const params = { best: lead.best, next: lead.next, difference: points(lead.difference), low: points(lead.low), high: points(lead.high) };
  return said(canTell ? 'trends.experiments.statement.canTell' : 'trends.experiments.statement.cannotTell', params);
}

function experimentResult(e: ExperimentCells): ExperimentResult {
  const { variants, canTell, statement, said: sentence } = compareVariants(e.variants, (v) => v.offer);
  return { id: e.id, name: e.name, baseOfferId: e.baseOfferId, running: e.running, winnerOfferId: e.winnerOfferId, decisionNote: e.decisionNote, variants, canTell, statement, said: sentence };
}

export interface GuidanceExperimentCells {
  id: string;
  name: string;
  stage: Stage;
  running: boolean;
  winnerVariantId: string | null;
  decisionNote: string;
  variants: { variantId: string; label: string; text: string; weight: number; customers: number; recovered: number }[];
}

export function guidanceExperimentResult(e: GuidanceExperimentCells): GuidanceExperimentResult {
  const { variants, canTell, statement, said: sentence } = compareVariants(e.variants, (v) => `"${v.label}"`);
  return { ...e, variants, canTell, statement, said: sentence };
}

export function buildEffectReport(
  cells: readonly EffectCell[],
  controls: EffectReport['controls'],
  experiments: readonly ExperimentCells[],
  cycle: string | null,
  guidance: readonly GuidanceExperimentCells[] = [],
): EffectReport {
  const all = grouped(cells, () => 'all', () => 'Every cycle with a control group')[0] ?? row('all', 'Every cycle with a control group', empty(), empty());
  return {
    cycle,
    controls,
    overall: all,
    byCycle: grouped(cells, (c) => c.cycleId, (c) => c.cycle).sort((a, b) => (b.key ?? '').localeCompare(a.key ?? '')),
    byReason: grouped(cells, (c) => c.reasonId, (c) => c.reason ?? 'No stated reason'),
    bySegment: grouped(cells, (c) => c.segment, (c) => c.segment ?? 'No segment'),
    experiments: experiments.map(experimentResult),
    guidanceExperiments: guidance.map(guidanceExperimentResult),
  };
}

/** A row in words, for the card and the CLI. */
export function verdictText(r: EffectRow): string {
  switch (r.verdict) {
    case 'calls_helped':
      return 'The calls won back more customers than not calling.';
    case 'control_did_better':
      return 'Customers not called came back more often than those called.';
    case 'cannot_tell':
      return 'The data cannot tell yet whether the calls made a difference.';
    default:
      return 'No customers in one of the groups yet.';
  }
}

const pct = (v: number | null) => (v === null ? '' : (Math.round(v * 10000) / 100).toFixed(2));

/** The report as CSV rows: every row of every breakdown, its dimension named. */
export function effectCsvRows(r: EffectReport): Record<string, string | number>[] {
  const out: Record<string, string | number>[] = [];
  const add = (dimension: string, x: EffectRow) =>
    out.push({
      dimension,
      value: x.label,
      to_call: x.toCall.customers,
      called: x.toCall.called,
      to_call_returned: x.toCall.returned,
      to_call_rate_pct: pct(x.toCall.rate),
      control: x.control.customers,
      control_returned: x.control.returned,
      control_rate_pct: pct(x.control.rate),
      difference_points: pct(x.difference),
      ci95_low_points: pct(x.low),
      ci95_high_points: pct(x.high),
      verdict: verdictText(x),
    });
  add('all', r.overall);
  for (const x of r.byCycle) add('cycle', x);
  for (const x of r.byReason) add('stated reason', x);
  for (const x of r.bySegment) add('segment', x);
  return out;
}
