import { z } from 'zod';
import { STAGES, type Stage } from '../domain/stages';

/**
 * Handle time: what a call costs in agent time. Talk runs from the call's start to the moment an
 * outcome is chosen, wrap from then to completion; each stage's time is the time the call spent
 * on it (a stage visited twice counts both visits). Sums in milliseconds, exact.
 */
const stageMs = z.object(Object.fromEntries(STAGES.map((s) => [s, z.number()])) as Record<Stage, z.ZodNumber>);

export const HandleTimeRow = z.object({
  key: z.string(),
  label: z.string(),
  calls: z.number().int(),
  talkMs: z.number().int(),
  wrapMs: z.number().int(),
  stageMs,
  avgHandleMs: z.number(),
  avgTalkMs: z.number(),
  avgWrapMs: z.number(),
  avgStageMs: stageMs,
  /** Calls per hour of handle time (talk and wrap). */
  callsPerHour: z.number().nullable(),
});
export type HandleTimeRow = z.infer<typeof HandleTimeRow>;

export const HandleTimeReport = z.object({
  cycle: z.string().nullable(),
  overall: HandleTimeRow,
  byCaller: z.array(HandleTimeRow),
  byGroup: z.array(HandleTimeRow),
  byCycle: z.array(HandleTimeRow),
  byOutcome: z.array(HandleTimeRow),
  /** Completed calls without timings (made before timings were recorded): left out of every figure. */
  untimedCalls: z.number().int(),
});
export type HandleTimeReport = z.infer<typeof HandleTimeReport>;

export interface HandleTimeCell {
  callerId: string;
  caller: string;
  role: string;
  cycleId: string | null;
  cycle: string | null;
  outcome: string;
  calls: number;
  talkMs: number;
  wrapMs: number;
  stageMs: Record<Stage, number>;
}

const zeroStages = (): Record<Stage, number> => ({ apologize: 0, listen: 0, diagnose: 0, assist: 0, offer: 0 });

function rowOf(key: string, label: string, cells: readonly HandleTimeCell[]): HandleTimeRow {
  let calls = 0;
  let talkMs = 0;
  let wrapMs = 0;
  const stages = zeroStages();
  for (const c of cells) {
    calls += c.calls;
    talkMs += c.talkMs;
    wrapMs += c.wrapMs;
    for (const s of STAGES) stages[s] += c.stageMs[s];
  }
  const avg = (v: number) => (calls > 0 ? v / calls : 0);
  const avgStageMs = zeroStages();
  for (const s of STAGES) avgStageMs[s] = avg(stages[s]);
  const handle = talkMs + wrapMs;
  return {
    key,
    label,
    calls,
    talkMs,
    wrapMs,
    stageMs: stages,
    avgHandleMs: avg(handle),
    avgTalkMs: avg(talkMs),
    avgWrapMs: avg(wrapMs),
    avgStageMs,
    callsPerHour: handle > 0 ? calls / (handle / 3_600_000) : null,
  };
}

function by(cells: readonly HandleTimeCell[], keyOf: (c: HandleTimeCell) => string, labelOf: (c: HandleTimeCell) => string): HandleTimeRow[] {
  const groups = new Map<string, { label: string; cells: HandleTimeCell[] }>();
  for (const c of cells) {
    const k = keyOf(c);
    const g = groups.get(k) ?? { label: labelOf(c), cells: [] };
    g.cells.push(c);
    groups.set(k, g);
  }
  return [...groups.entries()].map(([k, g]) => rowOf(k, g.label, g.cells)).sort((a, b) => b.calls - a.calls || a.label.localeCompare(b.label));
}

export function buildHandleTimeReport(cells: readonly HandleTimeCell[], untimedCalls: number, cycle: string | null): HandleTimeReport {
  return {
    cycle,
    overall: rowOf('all', 'Every timed call', cells),
    byCaller: by(cells, (c) => c.callerId, (c) => `${c.caller} (${c.role})`),
    byGroup: by(cells, (c) => (c.role === 'executive' ? 'executive' : 'team'), (c) => (c.role === 'executive' ? 'Executives' : 'Recovery team')),
    byCycle: by(cells, (c) => c.cycleId ?? '', (c) => c.cycle ?? 'No cycle'),
    byOutcome: by(cells, (c) => c.outcome, (c) => c.outcome),
    untimedCalls,
  };
}

const sec = (ms: number) => Math.round(ms / 1000);

export function handleTimeCsvRows(r: HandleTimeReport): Record<string, string | number>[] {
  const out: Record<string, string | number>[] = [];
  const add = (dimension: string, x: HandleTimeRow) =>
    out.push({
      dimension,
      value: x.label,
      calls: x.calls,
      avg_handle_s: sec(x.avgHandleMs),
      avg_talk_s: sec(x.avgTalkMs),
      avg_wrap_s: sec(x.avgWrapMs),
      ...Object.fromEntries(STAGES.map((s) => [`avg_${s}_s`, sec(x.avgStageMs[s])])),
      calls_per_hour: x.callsPerHour === null ? '' : Math.round(x.callsPerHour * 100) / 100,
    });
  add('all', r.overall);
  for (const x of r.byCaller) add('caller', x);
  for (const x of r.byGroup) add('group', x);
  for (const x of r.byCycle) add('cycle', x);
  for (const x of r.byOutcome) add('outcome', x);
  return out;
}
