import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { parseWorkerStreams, setParseWorkerEnabled } from '../../electron/backend/import/parseThread';
import type { RunImportResult } from '../../electron/backend/import/run';
import { testBackend, type TestBackend, signIn } from '../helpers/backend';
import { completeCallWith } from '../helpers/care';
import { departureFile, departureRow, DEPARTURES_MAPPING, dumpDatabase, importFile, writeFixture } from '../helpers/importing';

/**
 * An import written as its file is read (the parse worker reading, the main thread writing) must
 * end exactly as reading the whole file first and writing it after: the same plan, and the same
 * customers, ids, events, report facts, cycles, queue and selection, file after file.
 */

const row = (n: number, left: string) => departureRow(n, left, n % 2 ? 'One year' : 'Month-to-month');
/** Enough rows to span several chunks of the file (the worker sends one batch per 256 KiB read). */
const first = Array.from({ length: 9000 }, (_, i) => row(i * 2, `2026-${String(8 + (i % 3)).padStart(2, '0')}-${String(1 + (i % 19)).padStart(2, '0')}`));
// (Days up to the 19th: the clock starts on 20 October, and a departure in the future is refused.)
/** Known and new customers mixed, some without a departure date, a duplicate and two invalid rows. */
const second = [
  ...Array.from({ length: 6000 }, (_, i) => row(i * 3, i % 10 === 0 ? '' : '2026-10-05')),
  row(3, '2026-10-06'),
  'C99998,Broken,555-1,One year,n/a,2026-10-01,Moved,Team 1',
  'C99999,Broken,555-2,One year,12,2026-02-30,Moved,Team 1',
];

/** Random ids (of events, calls, people, import records) and offer codes differ between two consoles; the rest must not. */
const masked = (row: unknown) =>
  JSON.stringify(row)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'uuid')
    .replace(/WB-[A-Z0-9]{4}-[A-Z0-9]{4}/g, 'code');

/** Every table, rows sorted and random ids masked: equal when the data is. */
const dump = (db: Db) => dumpDatabase(db, masked);
/** The hub events in the console's order (seq). */
const events = (db: Db) => db.prepare('SELECT * FROM outbox ORDER BY seq').all().map(masked);
const idOf = (b: TestBackend, externalId: string) => b.db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(externalId) as number;

let clock: Date;
let streamed: TestBackend;
let staged: TestBackend;

async function both(run: (b: TestBackend) => Promise<RunImportResult>): Promise<[RunImportResult, RunImportResult]> {
  const before = parseWorkerStreams();
  setParseWorkerEnabled(true);
  const a = await run(streamed);
  // The worker did read the file (or refused it); otherwise this test would compare a path with itself.
  expect(parseWorkerStreams()).toBe(before + 1);
  setParseWorkerEnabled(false);
  try {
    const b = await run(staged);
    expect(parseWorkerStreams()).toBe(before + 1);
    return [a, b];
  } finally {
    setParseWorkerEnabled(true);
  }
}

const settle = (p: Promise<RunImportResult>) => p.then((r) => ({ ok: true as const, r }), (e: unknown) => ({ ok: false as const, e: String(e) }));

beforeEach(async () => {
  clock = new Date('2026-10-20T15:00:00Z');
  streamed = testBackend(() => clock);
  staged = testBackend(() => clock);
  for (const b of [streamed, staged]) await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
});
afterEach(() => {
  streamed.dispose();
  staged.dispose();
});

describe('an import read on the worker while it is written', () => {
  it('writes what reading first and writing after writes, file after file', async () => {
    const [a1, b1] = await both((b) => importFile(b, writeFixture(b, 'first.csv', departureFile(first)), { mapping: DEPARTURES_MAPPING }));
    expect(a1.written).toMatchObject({ imported: 9000, updated: 0 });
    expect(a1).toEqual(b1);

    // A recovered customer in intensive care departs again in the next file: re-lost in its place.
    for (const b of [streamed, staged]) await completeCallWith(b, idOf(b, 'C00012'), 'recovered');
    clock = new Date('2026-10-25T15:00:00Z');
    const [a2, b2] = await both((b) => importFile(b, writeFixture(b, 'second.csv', departureFile(second)), { mapping: DEPARTURES_MAPPING, skipInvalid: true }));
    expect(a2.plan.invalid).toBe(3);
    expect(a2.plan.errors.map((e) => e.line)).toEqual([6002, 6003, 6004]);
    expect(a2.written).toMatchObject({ updated: 3000, imported: 3000 });
    expect(a2).toEqual(b2);
    expect(events(streamed.db)).toEqual(events(staged.db));
    expect(dump(streamed.db)).toEqual(dump(staged.db));
  });

  it('writes nothing when a row is invalid and invalid rows are not skipped, and still reports every row', async () => {
    const before = dump(streamed.db);
    const [a, b] = await both((t) => importFile(t, writeFixture(t, 'second.csv', departureFile(second)), { mapping: DEPARTURES_MAPPING }));
    expect(a.written).toBeNull();
    expect(a.plan.invalid).toBe(3);
    expect(a.plan.newCount).toBe(6000);
    expect(a).toEqual(b);
    expect(dump(streamed.db)).toBe(before);
  });

  it('writes nothing when the file turns out unreadable after rows were written', async () => {
    const before = dump(streamed.db);
    // A quote never closed on the last line, thousands of customers after the first.
    const broken = `${departureFile(first)}C99999,"Customer 99999,555-1,One year,12,2026-10-01,Moved,Team 1\n`;
    const outcomes: { ok: boolean; e?: string }[] = [];
    await both(async (t) => {
      const outcome = await settle(importFile(t, writeFixture(t, 'broken.csv', broken), { mapping: DEPARTURES_MAPPING }));
      outcomes.push(outcome.ok ? { ok: true } : outcome);
      return outcome.ok ? outcome.r : ({} as RunImportResult);
    });
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]?.e).toMatch(/Line 9002: a quoted value is never closed/);
    expect(dump(streamed.db)).toBe(before);
  });
});
