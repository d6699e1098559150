import { z } from 'zod';
import type { CsvColumn } from '../csv/write';

/**
 * Pause time by person and reason: how much of the day the floor spends paused, and why. A part of
 * handle-time reporting (talk, wrap-up and pause make up an agent's time).
 */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.input.dayExample');

export const PauseReportFilters = z
  .object({
    from: day,
    to: day,
  })
  .strict()
  .refine((f) => f.from <= f.to, { message: 'The start date is after the end date.', path: ['from'] });
export type PauseReportFilters = z.infer<typeof PauseReportFilters>;

export const PauseReportRow = z.object({
  person: z.string(),
  reasonId: z.string(),
  reason: z.string(),
  pauses: z.number().int(),
  seconds: z.number().int(),
  longestSeconds: z.number().int(),
  /** Share of this person's pause time spent on this reason (0..1). */
  share: z.number(),
});
export type PauseReportRow = z.infer<typeof PauseReportRow>;

export const PauseReport = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(PauseReportRow),
  byPerson: z.array(z.object({ person: z.string(), pauses: z.number().int(), seconds: z.number().int() })),
  totals: z.object({ pauses: z.number().int(), seconds: z.number().int() }),
});
export type PauseReport = z.infer<typeof PauseReport>;

/** Builds the report's shares and totals from rows of pause time per person and reason. */
export function assemblePauseReport(
  filters: PauseReportFilters,
  rows: readonly Omit<PauseReportRow, 'share'>[],
): PauseReport {
  const people = new Map<string, { person: string; pauses: number; seconds: number }>();
  for (const r of rows) {
    const p = people.get(r.person) ?? { person: r.person, pauses: 0, seconds: 0 };
    p.pauses += r.pauses;
    p.seconds += r.seconds;
    people.set(r.person, p);
  }
  const withShare = rows.map((r) => {
    const total = people.get(r.person)?.seconds ?? 0;
    return { ...r, share: total === 0 ? 0 : Math.round((r.seconds / total) * 10_000) / 10_000 };
  });
  const byPerson = [...people.values()].sort((a, b) => a.person.localeCompare(b.person));
  const totals = byPerson.reduce((t, p) => ({ pauses: t.pauses + p.pauses, seconds: t.seconds + p.seconds }), { pauses: 0, seconds: 0 });
  return { from: filters.from, to: filters.to, rows: withShare, byPerson, totals };
}

/** The CSV the console downloads; minutes as well as seconds, since spreadsheets are read in minutes. */
export const PAUSE_CSV_COLUMNS: CsvColumn<PauseReportRow>[] = [
  { header: 'person', value: (r) => r.person },
  { header: 'reason', value: (r) => r.reason },
  { header: 'reasonId', value: (r) => r.reasonId },
  { header: 'pauses', value: (r) => r.pauses },
  { header: 'pauseSeconds', value: (r) => r.seconds },
  { header: 'pauseMinutes', value: (r) => Math.round((r.seconds / 60) * 10) / 10 },
  { header: 'longestSeconds', value: (r) => r.longestSeconds },
  { header: 'shareOfPersonsPauseTime', value: (r) => r.share },
];
