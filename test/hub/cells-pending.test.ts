import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { EventEnvelope, EventKind } from '../../shared/sync/events';
import { ingestBatch } from '../../hub/ingest';
import { reasonsReport, reasonsReportFromProjections } from '../../hub/trends';
import { foldPendingCells } from '../../hub/store/cellsFold';
import { INGEST_LOCK_BUCKETS } from '../../hub/store/ingestLocks';
import type { HubStore } from '../../hub/store/connect';
import { amended, completed, departed } from './events';
import { postgresAvailable, storeFixture, type StoreFixture } from './stores';

/**
 * On PostgreSQL a batch appends its changes to the report's cells as rows of their own and a fold
 * moves them into the cells later (hub/store/cellsFold.ts): a batch must not wait on a cell another
 * transaction holds, and the report must count every change once, folded or not.
 */

let uid = 0;
const envelopeOf = (kind: EventKind, payload: unknown, consoleId = 'console-1'): EventEnvelope => {
  uid += 1;
  return { id: `00000000-0000-4000-a000-${String(uid).padStart(12, '0')}`, kind, consoleId, seq: uid, occurredAt: '2026-11-16T10:00:00.000Z', payload };
};

/** A busy desk's batch: five customers who departed on the same day for the same reason, and a call to each. */
function batch(desk: number, n: number): EventEnvelope[] {
  const out: EventEnvelope[] = [];
  for (let i = 0; i < 5; i += 1) {
    const id = `P-${desk}-${n}-${i}`;
    out.push(envelopeOf('customer.departed', departed(id), `console-${desk}`));
    out.push(envelopeOf('call.completed', completed(`${id}-call`, id, { outcome: i % 2 === 0 ? 'recovered' : 'declined' }), `console-${desk}`));
    if (n > 0 && i === 0) out.push(envelopeOf('call.amended', amended(`P-${desk}-${n - 1}-1-call`, { outcome: 'recovered' }), `console-${desk}`));
  }
  return out;
}

const MANAGER = { name: 'Pat Manager', role: 'manager' as const };
const FILTERS = [{ by: 'stated' }, { by: 'stated', group: 'month' }, { by: 'stated', from: '2026-11-01', to: '2026-11-10' }, { by: 'diagnosed' }, { by: 'diagnosed', group: 'cycle' }] as const;

async function sameAsProjections(store: HubStore): Promise<void> {
  for (const f of FILTERS) expect({ f, report: await reasonsReport(store, f) }).toEqual({ f, report: await reasonsReportFromProjections(store, f) });
}

describe.skipIf(!postgresAvailable)('cell changes appended and folded on PostgreSQL', () => {
  let fixture: StoreFixture;
  let store: HubStore;
  let locker: pg.Client;
  let watcher: pg.Client;

  beforeAll(async () => {
    fixture = await storeFixture('postgres');
    store = await fixture.open();
    locker = new pg.Client({ connectionString: fixture.databaseUrl });
    watcher = new pg.Client({ connectionString: fixture.databaseUrl });
    await Promise.all([locker.connect(), watcher.connect()]);
  });
  afterAll(async () => {
    await Promise.all([locker.end(), watcher.end()]);
    await store.close();
    await fixture.dispose();
  });

  it('stores a batch while another transaction holds every cell it adds to', async () => {
    expect((await ingestBatch(store, batch(1, 0), MANAGER, new Date())).rejected).toEqual([]);
    await foldPendingCells(store);
    await locker.query('BEGIN');
    const held = await locker.query('SELECT cell FROM cells_stated FOR UPDATE');
    await locker.query('SELECT cell FROM cells_stated_month FOR UPDATE');
    await locker.query('SELECT cell FROM cells_diagnosed FOR UPDATE');
    expect(held.rowCount).toBeGreaterThan(0);
    const lockerPid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
    // Other customers, the same day, reason, team and cells: does ingest wait for the locker?
    let settled = false;
    const storing = ingestBatch(store, batch(2, 0), MANAGER, new Date()).finally(() => {
      settled = true;
    });
    let waited = false;
    while (!settled && !waited) {
      const blocked = await watcher.query('SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [lockerPid]);
      waited = (blocked.rowCount ?? 0) > 0;
    }
    await locker.query('ROLLBACK');
    const result = await storing;
    expect(result.rejected).toEqual([]);
    expect(waited ? 'waited for the locked cells' : 'stored').toBe('stored');
    await sameAsProjections(store);
  }, 30_000);

  it('holds a row for every ingest lock bucket a batch may lock (a missing one would lock nothing)', async () => {
    const held = (await watcher.query<{ n: string; lo: number; hi: number }>('SELECT count(*) AS n, min(bucket) AS lo, max(bucket) AS hi FROM board_ingest_locks')).rows[0];
    expect({ n: Number(held?.n), lo: held?.lo, hi: held?.hi }).toEqual({ n: INGEST_LOCK_BUCKETS, lo: 0, hi: INGEST_LOCK_BUCKETS - 1 });
  });

  it('counts every change once while folds run beside the batches, and after the last fold', async () => {
    for (let n = 1; n < 8; n += 1) {
      const [results, folded] = await Promise.all([Promise.all([1, 2, 3, 4].map((desk) => ingestBatch(store, batch(desk, n), MANAGER, new Date()))), foldPendingCells(store)]);
      for (const r of results) expect(r.rejected).toEqual([]);
      expect(folded).toBeGreaterThanOrEqual(0);
      await sameAsProjections(store);
    }
    const pending = async () => Number((await watcher.query<{ n: string }>('SELECT (SELECT count(*) FROM cells_stated_pending) + (SELECT count(*) FROM cells_stated_month_pending) + (SELECT count(*) FROM cells_diagnosed_pending) AS n')).rows[0]?.n);
    expect(await pending()).toBeGreaterThan(0);
    expect(await foldPendingCells(store)).toBeGreaterThan(0);
    expect(await pending()).toBe(0);
    await sameAsProjections(store);
    const report = await reasonsReport(store, { by: 'stated' });
    expect(report.totals.departed).toBe(10 + 4 * 5 * 7);
  }, 60_000);
});
