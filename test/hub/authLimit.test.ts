import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub } from '../../hub/server';
import { startTestHub, type TestHub } from './hubHarness';
import { STORE_KINDS } from './stores';

const hubs: TestHub[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close();
});

// A clock that stands still mid-window: the limit counts in fixed one-minute windows, and a slow
// run that crossed a minute's end would start a fresh window part way through the guesses.
const midWindow = () => new Date('2026-12-07T10:00:20.000Z');

const randomToken = () => `wbh_${randomBytes(32).toString('base64url')}`;

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`failed sign-ins are limited per address on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    it('700 random tokens from one address: the hub stops answering 401 and answers 429 with Retry-After', async () => {
      const hub = await startTestHub(kind, { now: midWindow });
      hubs.push(hub);
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      // Fifty at a time, as a guessing script would: the count in the store is exact under concurrency.
      for (let i = 0; i < 700; i += 50) {
        await Promise.all(
          Array.from({ length: 50 }, async () => {
            const res = await hub.get('/v1/me', randomToken());
            statuses.push(res.status);
            if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
            await res.arrayBuffer();
          }),
        );
      }
      const unauthorized = statuses.filter((s) => s === 401).length;
      const limited = statuses.filter((s) => s === 429).length;
      expect(unauthorized + limited).toBe(700);
      expect(unauthorized).toBe(20);
      expect(limited).toBe(680);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    });

    it('a valid token from the same address still works while guesses are refused', async () => {
      const hub = await startTestHub(kind, { authFailureLimit: { max: 3, timeWindowMs: 60_000 } });
      hubs.push(hub);
      const agent = await hub.token('Alex Agent', 'agent');
      for (let i = 0; i < 5; i += 1) await (await hub.get('/v1/me', randomToken())).arrayBuffer();
      const guess = await hub.get('/v1/me', randomToken());
      expect(guess.status).toBe(429);
      const body = (await guess.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('rate_limited');
      const ok = await hub.get('/v1/me', agent);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ name: 'Alex Agent', role: 'agent' });
    });

    it('the limit is shared by two hub instances on one store: guesses spread over both are counted together', async () => {
      const hub = await startTestHub(kind, { now: midWindow, authFailureLimit: { max: 10, timeWindowMs: 60_000 } });
      hubs.push(hub);
      const second = await startHub({ store: hub.store, port: 0, rateLimit: false, now: midWindow, authFailureLimit: { max: 10, timeWindowMs: 60_000 } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 30; i += 1) {
          const url = i % 2 === 0 ? hub.url : second.url;
          const res = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${randomToken()}` } });
          statuses.push(res.status);
          await res.arrayBuffer();
        }
        expect(statuses.filter((s) => s === 401)).toHaveLength(10);
        expect(statuses.filter((s) => s === 429)).toHaveLength(20);
      } finally {
        await second.close();
      }
    });

    it('per-token request limits are shared by two instances on one store', async () => {
      // A fixed clock: the windows are fixed minutes, and sixteen requests that cross into the next
      // one got a fresh budget there (15 of 16 answered once in a full run).
      const hub = await startTestHub(kind, { now: midWindow, rateLimit: { max: 10, timeWindowMs: 60_000 } });
      hubs.push(hub);
      const second = await startHub({ store: hub.store, port: 0, now: midWindow, rateLimit: { max: 10, timeWindowMs: 60_000 } });
      try {
        const agent = await hub.token('Alex Agent', 'agent');
        const statuses: number[] = [];
        for (let i = 0; i < 16; i += 1) {
          const url = i % 2 === 0 ? hub.url : second.url;
          const res = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${agent}` } });
          statuses.push(res.status);
          await res.arrayBuffer();
        }
        expect(statuses.filter((s) => s === 200)).toHaveLength(10);
        expect(statuses.filter((s) => s === 429)).toHaveLength(6);
      } finally {
        await second.close();
      }
    });
  });
}
