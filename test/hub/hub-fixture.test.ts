import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { ingestBatch } from '../../hub/ingest';
import { reasonsReport, reasonsReportFromProjections } from '../../hub/trends';
import { reasonCellsBuild } from '../../hub/store/cellsBackfill';
import { foldPendingCells } from '../../hub/store/cellsFold';
import type { HubStore } from '../../hub/store/connect';
import type { EventEnvelope, EventKind } from '../../shared/sync/events';
import { FIXTURE_RECEIVED_AT, finishedFixture, fixtureShape, indexesOfFilledTables, writeFixture } from '../../bench/lib/hubFixture';
import { postgresAvailable, storeFixture, type StoreFixture } from './stores';

/**
 * The 10,000,000-event benchmark's store is written by PostgreSQL in bulk (bench/lib/hubFixture.ts),
 * not through ingest, so its figures are only worth something if that store is the one ingest
 * would have made. At a small size: the same events, once written in bulk and once sent through
 * ingest desk by desk in receive order, must leave every table the report and ingest read equal,
 * row for row.
 */

/** Each table the fixture fills, with the order its rows are compared in. */
const TABLES: Record<string, string> = {
  events: 'rid',
  departures: 'external_id COLLATE "C"',
  calls: 'call_id COLLATE "C"',
  trust_owners: 'family COLLATE "C", subject COLLATE "C"',
  cells_stated: 'cell COLLATE "C"',
  cells_stated_month: 'cell COLLATE "C"',
  cells_diagnosed: 'cell COLLATE "C"',
};

/** Where a cell's sums came back to nothing (a corrected diagnosis leaves its old cell at zero): ingest keeps it, a build does not write it. */
const HELD: Record<string, string> = {
  cells_stated: 'WHERE departed <> 0 OR revenue <> 0 OR calls <> 0 OR recovered <> 0 OR recovered_revenue <> 0',
  cells_stated_month: 'WHERE departed <> 0 OR revenue <> 0 OR calls <> 0 OR recovered <> 0 OR recovered_revenue <> 0',
  cells_diagnosed: 'WHERE customers <> 0 OR revenue <> 0 OR calls <> 0 OR recovered <> 0 OR recovered_revenue <> 0',
};

async function rowsOf(client: pg.Client, table: string): Promise<unknown[]> {
  return (await client.query<Record<string, unknown>>(`SELECT * FROM ${table} ${HELD[table] ?? ''} ORDER BY ${TABLES[table] ?? '1'}`)).rows;
}

describe.skipIf(!postgresAvailable)('the hub-scale fixture written in bulk by PostgreSQL', () => {
  let built: StoreFixture;
  let ingested: StoreFixture;
  let builtStore: HubStore;
  let ingestedStore: HubStore;
  let a: pg.Client;
  let b: pg.Client;
  const shape = fixtureShape(1_200);

  beforeAll(async () => {
    built = await storeFixture('postgres');
    ingested = await storeFixture('postgres');
    builtStore = await built.open();
    ingestedStore = await ingested.open();
    a = new pg.Client({ connectionString: built.databaseUrl });
    b = new pg.Client({ connectionString: ingested.databaseUrl });
    await Promise.all([a.connect(), b.connect()]);
  });
  afterAll(async () => {
    await Promise.all([a.end(), b.end()]);
    await Promise.all([builtStore.close(), ingestedStore.close()]);
    await Promise.all([built.dispose(), ingested.dispose()]);
  });

  it('holds, table by table, what ingest makes of the same events sent desk by desk', async () => {
    const indexes = await indexesOfFilledTables(a);
    expect(await finishedFixture(a)).toBeNull();
    await writeFixture(built.databaseUrl ?? '', shape, reasonCellsBuild('postgres'), () => undefined);
    expect(await finishedFixture(a)).toBe(shape.events);
    // The indexes dropped for the load are all back, as the migrations made them.
    expect(await indexesOfFilledTables(a)).toEqual(indexes);

    const events = (await a.query<{ id: string; kind: EventKind; console_id: string; seq: string; occurred_at: string; payload: string; sent_by: string }>('SELECT * FROM events ORDER BY rid')).rows;
    expect(events).toHaveLength(shape.events);
    // Each run of events from one desk is one batch, in receive order, as the desks would have sent them.
    let accepted = 0;
    for (let start = 0; start < events.length; ) {
      let end = start + 1;
      while (end < events.length && events[end]?.sent_by === events[start]?.sent_by) end += 1;
      const batch: EventEnvelope[] = events.slice(start, end).map((e) => ({ id: e.id, kind: e.kind, consoleId: e.console_id, seq: Number(e.seq), occurredAt: e.occurred_at, payload: JSON.parse(e.payload) as unknown }));
      const result = await ingestBatch(ingestedStore, batch, { name: events[start]?.sent_by ?? '', role: 'agent' }, new Date(FIXTURE_RECEIVED_AT));
      expect(result.rejected).toEqual([]);
      accepted += result.accepted.length;
      start = end;
    }
    expect(accepted).toBe(shape.events);
    // Ingest appends cell changes to be folded in later (hub/store/cellsFold.ts): folded, the cells are the whole story.
    expect(await foldPendingCells(ingestedStore)).toBeGreaterThan(0);

    for (const table of Object.keys(TABLES)) {
      const [bulk, fed] = await Promise.all([rowsOf(a, table), rowsOf(b, table)]);
      expect({ table, rows: bulk.length }).toEqual({ table, rows: fed.length });
      expect(bulk).toEqual(fed);
    }
    // The fixture is not degenerate: calls without a diagnosis, customers without a departure, corrections of both kinds.
    const spread = (await a.query<{ undiagnosed: string; orphans: string; amended: string; redone: string }>(
      `SELECT (SELECT count(*) FROM calls WHERE primary_reason_id IS NULL) AS undiagnosed,
              (SELECT count(DISTINCT external_id) FROM calls c WHERE NOT EXISTS (SELECT 1 FROM departures d WHERE d.external_id = c.external_id)) AS orphans,
              (SELECT count(*) FROM calls WHERE amendments > 0) AS amended,
              (SELECT count(*) FROM events WHERE kind = 'call.amended' AND payload LIKE '%diagnosedReasons%') AS redone`,
    )).rows[0];
    expect(Object.values(spread ?? {}).map(Number).every((n) => n > 10)).toBe(true);
    for (const by of ['stated', 'diagnosed'] as const) {
      expect(await reasonsReport(builtStore, { by, group: 'month' })).toEqual(await reasonsReportFromProjections(ingestedStore, { by, group: 'month' }));
    }
  }, 300_000);
});
