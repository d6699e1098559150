import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestResponse, MAX_EVENTS_PER_BATCH } from '../../shared/sync/hubApi';
import { canonicalJson } from '../../hub/canonical';
import type { EventPayload } from '../../shared/sync/events';
import { startTestHub, type TestHub } from './hubHarness';
import { STORE_KINDS } from './stores';
import { completed, departed, envelope } from './events';

async function ingest(hub: TestHub, token: string, events: unknown[]) {
  const res = await hub.post('/v1/events', token, { events });
  expect(res.status).toBe(200);
  return IngestResponse.parse(await res.json());
}

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`ingest on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    let hub: TestHub;
    let token: string;
    beforeAll(async () => {
      hub = await startTestHub(kind, { bodyLimit: 256 * 1024 });
      token = await hub.token('Alex Agent', 'agent');
    });
    afterAll(() => hub.close());

    it('stores a batch once: a resent batch is all duplicate and changes nothing', async () => {
      const batch = [envelope('customer.departed', departed('ING-1')), envelope('call.completed', completed('ING-call-1', 'ING-1'))];
      const first = await ingest(hub, token, batch);
      expect(first).toEqual({ accepted: batch.map((e) => e.id), duplicate: [], rejected: [], maxEvents: MAX_EVENTS_PER_BATCH });
      const again = await ingest(hub, token, batch);
      expect(again.accepted).toEqual([]);
      expect(new Set(again.duplicate)).toEqual(new Set(batch.map((e) => e.id)));
      const held = await hub.store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('id', 'in', batch.map((e) => e.id)).executeTakeFirstOrThrow();
      expect(Number(held.n)).toBe(2);
      const calls = await hub.store.db.selectFrom('calls').selectAll().where('external_id', '=', 'ING-1').execute();
      expect(calls).toHaveLength(1);
    });

    it('refuses the same id with different content and keeps what it holds', async () => {
      const original = envelope('customer.departed', departed('ING-2', { monthlyRevenue: 50 }));
      await ingest(hub, token, [original]);
      const forged = { ...original, payload: departed('ING-2', { monthlyRevenue: 5000 }) };
      const answer = await ingest(hub, token, [forged]);
      expect(answer.accepted).toEqual([]);
      expect(answer.duplicate).toEqual([]);
      expect(answer.rejected).toEqual([{ id: original.id, index: 0, reason: expect.stringContaining('already holds a different event with this id') as string }]);
      const row = await hub.store.db.selectFrom('departures').select('monthly_revenue').where('external_id', '=', 'ING-2').executeTakeFirstOrThrow();
      expect(row.monthly_revenue).toBe(50);
    });

    it('the same content with its keys in another order is a duplicate, not a clash', async () => {
      const e = envelope('customer.departed', departed('ING-3'));
      await ingest(hub, token, [e]);
      const reordered = JSON.parse(JSON.stringify({ payload: Object.fromEntries(Object.entries(e.payload as object).reverse()), occurredAt: e.occurredAt, seq: e.seq, consoleId: e.consoleId, kind: e.kind, id: e.id })) as unknown;
      expect((await ingest(hub, token, [reordered])).duplicate).toEqual([e.id]);
    });

    it('stores text with quotes, backslashes, braces, commas, accents and the word NULL exactly as sent', async () => {
      const tricky = 'Price "too" high \\ {a,b} ünïcode, NULL';
      const e = envelope('customer.departed', departed('ING-7', { statedReasonText: tricky, segment: 'NULL', product: null, monthlyRevenue: 0.1 }));
      expect((await ingest(hub, token, [e])).accepted).toEqual([e.id]);
      const stored = await hub.store.db.selectFrom('events').select('payload').where('id', '=', e.id).executeTakeFirstOrThrow();
      expect(stored.payload).toBe(canonicalJson(e.payload));
      const row = await hub.store.db.selectFrom('departures').selectAll().where('external_id', '=', 'ING-7').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ stated_reason_text: tricky, segment: 'NULL', product: null, monthly_revenue: 0.1 });
      expect((await ingest(hub, token, [e])).duplicate).toEqual([e.id]);
    });

    it('takes a batch as large as it says it takes; the last completion of a call in it wins', async () => {
      // The default body limit, which such a batch fits (this suite's other hub has a small one).
      const big = await startTestHub(kind);
      const events = Array.from({ length: MAX_EVENTS_PER_BATCH }, (_, i) =>
        i % 2 === 0
          ? envelope('customer.departed', departed(`ING-BIG-${i}`))
          : envelope('call.completed', completed(`ING-big-call-${(i >> 1) % 10}`, `ING-BIG-${i - 1}`, { monthlyRevenue: i })),
      );
      try {
        const bigToken = await big.token('Alex Agent', 'agent');
        expect((await ingest(big, bigToken, events)).accepted).toHaveLength(MAX_EVENTS_PER_BATCH);
        const last = new Map<string, number | null>();
        for (const e of events) if (e.kind === 'call.completed') last.set((e.payload as EventPayload<'call.completed'>).callId, (e.payload as EventPayload<'call.completed'>).monthlyRevenue);
        const calls = await big.store.db.selectFrom('calls').select(['call_id', 'monthly_revenue']).execute();
        expect(new Map(calls.map((c) => [c.call_id, c.monthly_revenue]))).toEqual(last);
        const departures = await big.store.db.selectFrom('departures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        expect(Number(departures.n)).toBe(MAX_EVENTS_PER_BATCH / 2);
      } finally {
        await big.close();
      }
    });

    it('stores nothing of a batch that fails in its last part, and goes on with the next batch', async () => {
      const big = await startTestHub(kind);
      try {
        const bigToken = await big.token('Alex Agent', 'agent');
        // The store itself refuses one departure, as a full disk or a lost connection would fail a statement.
        if (kind === 'sqlite') {
          await sql`create trigger departures_boom before insert on departures when new.segment = 'BOOM' begin select raise(abort, 'boom'); end`.execute(big.store.db);
        } else {
          await sql`create function departures_boom() returns trigger language plpgsql as $$ begin if new.segment = 'BOOM' then raise exception 'boom'; end if; return new; end $$`.execute(big.store.db);
          await sql`create trigger departures_boom before insert on departures for each row execute function departures_boom()`.execute(big.store.db);
        }
        const events = (tag: string, boomAt: number | null) =>
          Array.from({ length: 1200 }, (_, i) => envelope('customer.departed', departed(`ING-${tag}-${i}`, i === boomAt ? { segment: 'BOOM' } : {})));
        const failed = await big.post('/v1/events', bigToken, { events: events('FAIL', 1100) });
        expect(failed.status).toBe(500);
        const count = async () => Number((await big.store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        expect(await count()).toBe(0);
        for (const tag of ['OK1', 'OK2', 'OK3']) expect((await ingest(big, bigToken, events(tag, null))).accepted).toHaveLength(1200);
        expect(await count()).toBe(3600);
      } finally {
        await big.close();
      }
    });

    it('rejects a bad event with its reason and keeps the good ones of the batch', async () => {
      const good1 = envelope('customer.departed', departed('ING-4'));
      const badOutcome = envelope('call.completed', { ...completed('ING-call-4', 'ING-4'), outcome: 'sold' as never });
      const notAnEvent = { hello: 'world' };
      const good2 = envelope('call.completed', completed('ING-call-5', 'ING-4'));
      const answer = await ingest(hub, token, [good1, badOutcome, notAnEvent, good2]);
      expect(answer.accepted).toEqual([good1.id, good2.id]);
      expect(answer.rejected).toHaveLength(2);
      expect(answer.rejected[0]).toMatchObject({ id: badOutcome.id, index: 1 });
      expect(answer.rejected[0]?.reason).toContain('payload.outcome');
      expect(answer.rejected[1]).toMatchObject({ id: null, index: 2 });
      const ids = (await hub.store.db.selectFrom('events').select('id').execute()).map((r) => r.id);
      expect(ids).not.toContain(badOutcome.id);
    });

    it('keeps no customer name, phone or email that a console put into an event by mistake', async () => {
      const leaky = envelope('customer.departed', { ...departed('ING-6'), name: 'Ada Example', phone: '+1 555-0100', email: 'ada@example.com' } as never);
      expect((await ingest(hub, token, [leaky])).accepted).toEqual([leaky.id]);
      const row = await hub.store.db.selectFrom('events').select('payload').where('id', '=', leaky.id).executeTakeFirstOrThrow();
      expect(row.payload).not.toMatch(/Ada Example|555-0100|ada@example\.com/);
    });

    it('refuses a body over the size limit and a batch over the event limit, storing nothing', async () => {
      const before = await hub.store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const huge = Array.from({ length: 40 }, (_, i) => envelope('call.amended', { callId: `big-${i}`, amendedAt: '2026-11-17', amendedBy: 'p', note: 'x'.repeat(9000) }));
      const tooBig = await hub.post('/v1/events', token, { events: huge });
      expect(tooBig.status).toBe(413);
      expect(((await tooBig.json()) as { error: { message: string } }).error.message).toMatch(/larger than the hub accepts/);
      const tooMany = await hub.post('/v1/events', token, { events: Array.from({ length: MAX_EVENTS_PER_BATCH + 1 }, () => ({})) });
      expect(tooMany.status).toBe(400);
      expect(((await tooMany.json()) as { error: { message: string } }).error.message).toMatch(/events/);
      const notJson = await hub.post('/v1/events', token, '{"events": [');
      expect(notJson.status).toBe(400);
      const after = await hub.store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });
  });
}

describe('the rate limit', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('sqlite', { rateLimit: { max: 3, timeWindowMs: 60_000 } });
  });
  afterAll(() => hub.close());

  it('answers 429 with Retry-After once a token has used its budget, and counts tokens apart', async () => {
    const busy = await hub.token('Busy Console', 'agent');
    const other = await hub.token('Other Console', 'agent');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await hub.get('/v1/me', busy)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await hub.get('/v1/me', busy);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await hub.get('/v1/me', other)).status).toBe(200);
  });
});
