import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, revokeToken } from '../../hub/tokens';
import { startTestHub, type TestHub } from './hubHarness';
import { STORE_KINDS } from './stores';

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, ...body.error };
}

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`hub tokens on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    let hub: TestHub;
    let manager: string;
    let agent: string;
    let executive: string;
    beforeAll(async () => {
      hub = await startTestHub(kind);
      manager = await hub.token('Pat Manager', 'manager');
      agent = await hub.token('Alex Agent', 'agent');
      executive = await hub.token('Morgan Executive', 'executive');
    });
    afterAll(() => hub.close());

    it('keeps only a SHA-256 of each token, never the token', async () => {
      const rows = await hub.store.db.selectFrom('tokens').selectAll().execute();
      const everything = JSON.stringify(rows);
      for (const token of [manager, agent, executive]) {
        expect(token).toMatch(/^wbh_[A-Za-z0-9_-]{43}$/);
        expect(everything).not.toContain(token);
        expect(everything).not.toContain(token.slice(4));
        expect(rows.map((r) => r.token_hash)).toContain(hashToken(token));
      }
    });

    it('refuses a request without a token, with a wrong one, and with a malformed header', async () => {
      for (const path of ['/v1/me', '/v1/trends', '/v1/assignments', '/v1/export']) {
        const none = await errorOf(await hub.get(path, null));
        expect(none).toMatchObject({ status: 401, code: 'unauthorized' });
        const wrong = await errorOf(await hub.get(path, `${manager.slice(0, -2)}xx`));
        expect(wrong).toMatchObject({ status: 401, code: 'unauthorized' });
      }
      const basic = await fetch(`${hub.url}/v1/me`, { headers: { authorization: `Basic ${manager}` } });
      expect(basic.status).toBe(401);
      const events = await hub.post('/v1/events', null, { events: [] });
      expect(events.status).toBe(401);
    });

    it('lets an agent or executive post events and read assignments, never trends, exports or publishing', async () => {
      for (const token of [agent, executive]) {
        expect((await hub.get('/v1/me', token)).status).toBe(200);
        expect((await hub.post('/v1/events', token, { events: [] })).status).toBe(200);
        expect((await hub.get('/v1/assignments', token)).status).toBe(200);
        const trends = await errorOf(await hub.get('/v1/trends', token));
        expect(trends).toMatchObject({ status: 403, code: 'forbidden' });
        expect(trends.message).toContain('manager');
        expect((await hub.get('/v1/export', token)).status).toBe(403);
        expect((await hub.post('/v1/assignments', token, { assignments: [] })).status).toBe(403);
      }
      expect((await hub.get('/v1/trends', manager)).status).toBe(200);
      expect(await (await hub.get('/v1/me', manager)).json()).toEqual({ name: 'Pat Manager', role: 'manager' });
    });

    it('refuses a revoked token from the moment it is revoked, and a new one for the same name works', async () => {
      const temp = await hub.token('Robin Agent', 'agent');
      expect((await hub.get('/v1/me', temp)).status).toBe(200);
      expect(await revokeToken(hub.store, 'Robin Agent', new Date())).toBe(true);
      expect((await hub.get('/v1/me', temp)).status).toBe(401);
      expect((await hub.post('/v1/events', temp, { events: [] })).status).toBe(401);
      expect(await revokeToken(hub.store, 'Robin Agent', new Date())).toBe(false);
      const renewed = await hub.token('Robin Agent', 'agent');
      expect((await hub.get('/v1/me', renewed)).status).toBe(200);
      expect((await hub.get('/v1/me', temp)).status).toBe(401);
    });

    it('refuses a second live token with the same name', async () => {
      await expect(hub.token('Pat Manager', 'manager')).rejects.toThrow(/already a live token named "Pat Manager"/);
    });

    it('answers unknown filters and addresses with a clear error', async () => {
      const bad = await errorOf(await hub.get('/v1/trends?by=vibes', manager));
      expect(bad).toMatchObject({ status: 400, code: 'bad_request' });
      expect(bad.message).toContain('by');
      const extra = await errorOf(await hub.get('/v1/trends?colour=red', manager));
      expect(extra.status).toBe(400);
      expect((await errorOf(await hub.get('/v1/nothing', manager))).status).toBe(404);
    });
  });
}

describe('where the hub listens', () => {
  it('binds to loopback by default', async () => {
    const hub = await startTestHub('sqlite');
    try {
      const address = hub.running.app.server.address();
      expect(typeof address === 'object' && address ? address.address : null).toBe('127.0.0.1');
      expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await hub.close();
    }
  });
});
