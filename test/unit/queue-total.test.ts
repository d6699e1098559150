import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { importFile, writeFixture } from '../helpers/importing';
import type { QueueQuery } from '../../shared/api/queue';

/**
 * The total above the queue is kept between page reads (counting walks the whole queue index) and
 * must still be the true number the moment anything changes: a write through the console, a
 * commit from another program, a transaction that rolled back.
 */
let b: TestBackend;
const now = new Date('2026-11-16T15:00:00Z');

const CSV = `id,name,phone,segment,revenue,left
A,Ada Example,+1 555-0101,Two year,90,2026-11-02
B,Bruno Sample,+1 555-0102,Month-to-month,120,2026-11-03
C,Chioma Example,+1 555-0103,Month-to-month,45,2026-11-04
D,Dmitri Sample,+1 555-0104,One year,60,2026-11-05
E,Elif Example,+1 555-0105,Two year,200,2026-11-06
`;

const list = (q: QueueQuery = {}) => call(b.dispatch, 'queue.list', q);
const total = async (q: QueueQuery = {}) => (await list(q)).total;
/** What a plain count says, bypassing the console: the number the person must see. */
const counted = () =>
  b.db.prepare("SELECT count(*) FROM customers WHERE selected = 1 AND do_not_contact = 0 AND last_outcome IS NULL").pluck().get() as number;

beforeEach(async () => {
  b = testBackend(() => now);
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
  await importFile(b, writeFixture(b, 'q.csv', CSV), {
    mapping: {
      columns: { externalId: 'id', name: 'name', phone: 'phone', segment: 'segment', monthlyRevenue: 'revenue', departedAt: 'left' },
    },
  });
});
afterEach(() => b.dispose());

describe('the total above the queue', () => {
  it('follows a change written through the console at once', async () => {
    expect(await total()).toBe(5);
    expect(await total()).toBe(5);
    b.db.prepare("UPDATE customers SET do_not_contact = 1 WHERE external_id = 'B'").run();
    expect(await total()).toBe(4);
    expect(counted()).toBe(4);
  });

  it('follows a change committed by another program on the same file', async () => {
    expect(await total()).toBe(5);
    const other = new Database(b.dbPath);
    try {
      other.prepare("UPDATE customers SET last_outcome = 'declined' WHERE external_id IN ('A', 'C')").run();
    } finally {
      other.close();
    }
    expect(await total()).toBe(3);
    expect((await list()).items.map((i) => i.externalId)).not.toContain('A');
  });

  it('is not kept from inside a transaction that rolled back', async () => {
    const { queryQueue } = await import('../../db/repos/customers');
    const read = () => queryQueue(b.db, { now: now.toISOString(), limit: 10, offset: 0 }).total;
    expect(read()).toBe(5);
    let inside = -1;
    expect(() =>
      b.db.transaction(() => {
        b.db.prepare("UPDATE customers SET do_not_contact = 1 WHERE external_id = 'D'").run();
        inside = read();
        throw new Error('changed my mind');
      })(),
    ).toThrow('changed my mind');
    expect(inside).toBe(4);
    expect(read()).toBe(5);
    expect(await total()).toBe(5);
  });

  it('is kept per filter: each filter shows its own number', async () => {
    expect(await total({ segment: 'Month-to-month' })).toBe(2);
    expect(await total({ segment: 'Two year' })).toBe(2);
    expect(await total({ search: 'Ada' })).toBe(1);
    expect(await total()).toBe(5);
    b.db.prepare("UPDATE customers SET segment = 'Two year' WHERE external_id = 'B'").run();
    // A changed segment marks the selection stale; the pass runs again before the queue answers.
    expect(await total({ segment: 'Month-to-month' })).toBe(1);
    expect(await total({ segment: 'Two year' })).toBe(3);
  });

  it('pages past due callbacks to the same customers a single page shows', async () => {
    b.db
      .prepare("UPDATE customers SET last_outcome = 'callback', attempts = 1, callback_at = ? WHERE external_id IN ('C', 'D')")
      .run('2026-11-16T14:00:00.000Z');
    const whole = (await list({ limit: 5 })).items.map((i) => i.externalId);
    expect(whole.slice(0, 2).sort()).toEqual(['C', 'D']);
    const paged: string[] = [];
    for (let offset = 0; offset < 5; offset += 2) paged.push(...(await list({ limit: 2, offset })).items.map((i) => i.externalId));
    expect(paged).toEqual(whole);
    expect((await list({ limit: 2, offset: 1 })).items.map((i) => i.externalId)).toEqual(whole.slice(1, 3));
    expect((await list({ limit: 2, offset: 3 })).items.map((i) => i.externalId)).toEqual(whole.slice(3, 5));
  });
});
