import { assemblePauseReport, type PauseReport, type PauseReportFilters } from '../shared/reports/pauses';
import { PauseRecordedPayload } from '../shared/sync/events';
import type { HubStore } from './store/connect';

/**
 * Pause time by person and reason across the floor, from the pauses desks sent (`pause.recorded`),
 * each attributed to the person of the token that sent it. Days are UTC days here (the hub does not
 * know each desk's zone); a pause across the range's edge counts for its part inside.
 */
export async function floorPauseReport(store: HubStore, filters: PauseReportFilters): Promise<PauseReport> {
  const from = `${filters.from}T00:00:00.000Z`;
  const until = new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + 86_400_000).toISOString();
  // A pause is sent when it ends, so its event's time is its end: one that ended in the range, or
  // up to a day after it (a pause longer than a day is not a pause), may overlap the range.
  const rows = await store.db
    .selectFrom('events')
    .select(['sent_by', 'payload'])
    .where('kind', '=', 'pause.recorded')
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<', new Date(Date.parse(until) + 86_400_000).toISOString())
    .execute();
  const totals = new Map<string, { person: string; reasonId: string; reason: string; latest: string; pauses: number; ms: number; longestMs: number }>();
  for (const row of rows) {
    const parsed = PauseRecordedPayload.safeParse(JSON.parse(row.payload));
    if (!parsed.success) continue;
    const p = parsed.data;
    const start = Math.max(Date.parse(p.startedAt), Date.parse(from));
    const end = Math.min(Date.parse(p.endedAt), Date.parse(until));
    if (!(end > start)) continue;
    const key = JSON.stringify([row.sent_by, p.reasonId]);
    const t = totals.get(key) ?? { person: row.sent_by, reasonId: p.reasonId, reason: p.reason, latest: '', pauses: 0, ms: 0, longestMs: 0 };
    if (p.startedAt > t.latest) {
      t.latest = p.startedAt;
      t.reason = p.reason;
    }
    t.pauses += 1;
    t.ms += end - start;
    t.longestMs = Math.max(t.longestMs, end - start);
    totals.set(key, t);
  }
  const list = [...totals.values()]
    .map((t) => ({ person: t.person, reasonId: t.reasonId, reason: t.reason, pauses: t.pauses, seconds: Math.round(t.ms / 1000), longestSeconds: Math.round(t.longestMs / 1000) }))
    .sort((a, b) => a.person.localeCompare(b.person) || b.seconds - a.seconds || a.reasonId.localeCompare(b.reasonId));
  return assemblePauseReport(filters, list);
}
