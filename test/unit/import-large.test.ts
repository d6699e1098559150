import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend, signIn } from '../helpers/backend';
import { completeCallWith } from '../helpers/care';
import { departureFile, departureRow, DEPARTURES_MAPPING, importFile, writeFixture } from '../helpers/importing';
import { summaryDifferences } from '../helpers/reportSummaries';

/**
 * Imports large enough to cross every grouping the import writes in (customers looked up a
 * thousand at a time, inserted and queued as events several to a statement, their report facts
 * added at the end of the transaction): the result must be what writing row by row gives.
 */

const SEGMENTS = ['Month-to-month', 'One year', ''];
const row = (n: number, left: string) => departureRow(n, left, SEGMENTS[n % 3] ?? '');

let b: TestBackend;
let clock: Date;

beforeEach(async () => {
  clock = new Date('2026-10-20T15:00:00Z');
  b = testBackend(() => clock);
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
  // 2,500 customers, every third of the numbers 0..7499.
  const first = Array.from({ length: 2500 }, (_, i) => row(i * 3, `2026-10-${String(1 + (i % 19)).padStart(2, '0')}`));
  const result = await importFile(b, writeFixture(b, 'first.csv', departureFile(first)), { mapping: DEPARTURES_MAPPING });
  expect(result.written).toMatchObject({ imported: 2500, updated: 0 });
});
afterEach(() => b.dispose());

const idOf = (externalId: string) => b.db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(externalId) as number;

describe('a large import', () => {
  it('keeps the report summaries exact and leaves nothing of its deferred work behind', () => {
    expect(summaryDifferences(b.db)).toEqual([]);
    expect(b.db.prepare("SELECT count(*) FROM settings WHERE key = 'reports.factsDeferred'").pluck().get()).toBe(0);
    expect(b.db.prepare('SELECT count(*) FROM customer_facts').pluck().get()).toBe(2500);
  });

  it('mixes new and known customers in file order: ids, events and the re-loss of a recovered customer in their places', async () => {
    // C00300 is recovered and followed in intensive care; the next file says they left again.
    clock = new Date('2026-10-25T15:00:00Z');
    await completeCallWith(b, idOf('C00300'), 'recovered');
    clock = new Date('2026-11-16T15:00:00Z');
    const seqBefore = b.db.prepare('SELECT coalesce(max(seq), 0) FROM outbox').pluck().get() as number;

    // 3,000 rows: the 2,500 known customers with a later departure, and 500 new ones among them.
    const numbers: number[] = [];
    for (let k = 0; k < 2500; k += 1) {
      numbers.push(k * 3);
      if (k % 5 === 4) numbers.push(k * 3 + 1);
    }
    const known = new Set(Array.from({ length: 2500 }, (_, i) => i * 3));
    const result = await importFile(b, writeFixture(b, 'second.csv', departureFile(numbers.map((n) => row(n, '2026-11-10')))), {
      mapping: DEPARTURES_MAPPING,
    });
    expect(result.written).toMatchObject({ imported: 500, updated: 2500, invalid: 0 });

    const id = (n: number) => `C${String(n).padStart(5, '0')}`;
    // New customers get ids in the order the file lists them, after every known one.
    const fresh = numbers.filter((n) => !known.has(n)).map((n) => idOf(id(n)));
    expect(fresh).toEqual([...fresh].sort((x, y) => x - y));
    expect(Math.min(...fresh)).toBeGreaterThan(Math.max(...[...known].map((n) => idOf(id(n)))));
    expect(b.db.prepare("SELECT departed_at FROM customers WHERE external_id = 'C00003'").pluck().get()).toBe('2026-11-10');

    // One departure event per row, in file order, and the re-loss just before the departure that revealed it.
    const events = (
      b.db.prepare('SELECT kind, payload FROM outbox WHERE seq > ? ORDER BY seq').all(seqBefore) as { kind: string; payload: string }[]
    ).map((e) => ({ kind: e.kind, externalId: (JSON.parse(e.payload) as { externalId: string }).externalId }));
    const departures = events.filter((e) => e.kind === 'customer.departed').map((e) => e.externalId);
    expect(departures).toEqual(numbers.map(id));
    const relost = events.findIndex((e) => e.kind === 'customer.relost');
    expect(events[relost]).toEqual({ kind: 'customer.relost', externalId: 'C00300' });
    expect(events[relost + 1]).toEqual({ kind: 'customer.departed', externalId: 'C00300' });
    expect(events.filter((e) => e.kind !== 'customer.departed')).toHaveLength(1);
    expect(b.db.prepare("SELECT status FROM care_enrolments WHERE customer_id = ?").pluck().get(idOf('C00300'))).toBe('relost');

    expect(summaryDifferences(b.db)).toEqual([]);
    expect(b.db.prepare("SELECT count(*) FROM settings WHERE key = 'reports.factsDeferred'").pluck().get()).toBe(0);
    // The selection pass ran over all of them: every customer with a phone and a recoverable reason is queued.
    expect(b.db.prepare('SELECT count(*) FROM customers WHERE selected = 1 AND phone IS NULL').pluck().get()).toBe(0);
    expect(b.db.prepare('SELECT count(*) FROM customers WHERE selected = 1').pluck().get()).toBeGreaterThan(2500);
  });
});
