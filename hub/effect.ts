import { sql } from 'kysely';
import { DEFAULT_TAXONOMY } from '../shared/domain/taxonomy';
import type { EventPayload } from '../shared/sync/events';
import { buildEffectReport, type EffectCell, type EffectReport } from '../shared/reports/effect';
import type { HubStore } from './store/connect';

/**
 * "Did the calls work" across every console, in the console's report shape and from the same
 * builder (shared/reports/effect.ts): each customer's latest group (to be called, held out) from
 * the selection pass of the console that holds them, their latest return, their departure's
 * stated reason and segment, and whether any console called them. Experiments stay on the console
 * that runs them.
 */
const REASON_NAMES = new Map<string, string>();
for (const c of DEFAULT_TAXONOMY) for (const r of c.reasons) REASON_NAMES.set(r.id, r.name);

interface Latest {
  subject: string;
  payload: string;
}

/** The latest event of a kind for each subject (the index on kind, subject and rid answers it). */
async function latestOf(store: HubStore, kind: string): Promise<Latest[]> {
  const r = await sql<Latest>`SELECT e.subject, e.payload FROM events e
    WHERE e.kind = ${kind} AND e.rid = (SELECT max(g.rid) FROM events g WHERE g.kind = ${kind} AND g.subject = e.subject)`.execute(store.db);
  return r.rows;
}

export async function effectReportOrgWide(store: HubStore, filters: { cycle?: string | undefined }): Promise<EffectReport | { notFound: string }> {
  const controls = (await latestOf(store, 'cycle.control'))
    .map((l) => JSON.parse(l.payload) as EventPayload<'cycle.control'>)
    .filter((c) => c.sharePercent > 0);
  const wanted = filters.cycle === undefined ? controls : controls.filter((c) => c.cycle === filters.cycle || c.cycleName.toLowerCase() === filters.cycle?.toLowerCase());
  if (filters.cycle !== undefined && wanted.length === 0) return { notFound: `No cycle "${filters.cycle}" has a control group.` };
  const byCycle = new Map(wanted.map((c) => [c.cycle, c]));

  const groups = (await latestOf(store, 'customer.grouped'))
    .map((l) => JSON.parse(l.payload) as EventPayload<'customer.grouped'>)
    .filter((g) => g.group !== 'none' && byCycle.has(g.cycle));
  const returned = new Set(
    (await latestOf(store, 'customer.returned')).filter((l) => (JSON.parse(l.payload) as EventPayload<'customer.returned'>).returnedOn !== null).map((l) => l.subject),
  );
  const departures = new Map<string, { reason: string | null; segment: string | null }>();
  const names = wanted.map((c) => c.cycleName);
  if (names.length > 0) {
    const rows = await store.db
      .selectFrom('departures')
      .select(['external_id', 'stated_reason_id', 'segment'])
      .where('cycle', 'in', names)
      .execute();
    for (const d of rows) departures.set(d.external_id, { reason: d.stated_reason_id, segment: d.segment });
  }
  const called = new Set((await store.db.selectFrom('calls').select('external_id').distinct().execute()).map((c) => c.external_id));

  const cells = new Map<string, EffectCell>();
  for (const g of groups) {
    const cycle = byCycle.get(g.cycle);
    if (!cycle) continue;
    const d = departures.get(g.externalId);
    const reasonId = d?.reason ?? null;
    const control = g.group === 'control';
    const key = JSON.stringify([g.cycle, reasonId, d?.segment ?? null, control]);
    let cell = cells.get(key);
    if (!cell) {
      cell = { cycleId: g.cycle, cycle: cycle.cycleName, reasonId, reason: reasonId === null ? null : (REASON_NAMES.get(reasonId) ?? reasonId), segment: d?.segment ?? null, control, customers: 0, called: 0, returned: 0 };
      cells.set(key, cell);
    }
    cell.customers += 1;
    if (called.has(g.externalId)) cell.called += 1;
    if (returned.has(g.externalId)) cell.returned += 1;
  }
  const shares = wanted.map((c) => ({ cycleId: c.cycle, cycle: c.cycleName, sharePercent: c.sharePercent })).sort((a, b) => b.cycleId.localeCompare(a.cycleId));
  return buildEffectReport([...cells.values()], shares, [], filters.cycle === undefined ? null : (wanted[0]?.cycleName ?? null));
}
