import { afterEach, describe, expect, it } from 'vitest';
import { createToken } from '../../hub/tokens';
import { envelope, completed, departed } from './events';
import { HubProcess } from './faultProxy';
import { STORE_KINDS, storeFixture } from './stores';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`operating winback hub serve on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    it('a SIGTERM while batches are being stored: each is answered and kept, the process exits 0, logs name no customer', async () => {
      const fixture = await storeFixture(kind);
      cleanups.push(() => fixture.dispose());
      const setup = await fixture.open();
      const token = await createToken(setup, { name: 'Alex Agent', role: 'agent' }, new Date());
      await setup.close();
      const hub = new HubProcess(fixture.dataDir, fixture.env);
      const port = await hub.start();
      cleanups.push(() => hub.kill('SIGKILL'));
      const child = hub.child;
      if (!child) throw new Error('hub did not start');
      let log = '';
      child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
      const url = `http://127.0.0.1:${port}`;
      expect((await fetch(`${url}/readyz`)).status).toBe(200);

      // Four full batches in flight, with words a customer said, then the signal.
      const batches = Array.from({ length: 4 }, (_, b) =>
        Array.from({ length: 2000 }, (_, i) =>
          i % 2 === 0
            ? envelope('customer.departed', departed(`GS-${b}-${i}`, { statedReasonText: 'Jane Roe said the price doubled' }))
            : envelope('call.completed', completed(`gs-${b}-${i}`, `GS-${b}-${i - 1}`)),
        ),
      );
      const answers = batches.map(async (events) => {
        const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
        return { status: res.status, body: (await res.json()) as { accepted?: string[] } };
      });
      await new Promise((resolve) => setTimeout(resolve, 30));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      const settled = await Promise.allSettled(answers);
      const code = await exited;

      const stored = await fixture.open();
      try {
        const ids = new Set((await stored.db.selectFrom('events').select('id').execute()).map((r) => r.id));
        for (const [b, result] of settled.entries()) {
          const sent = batches[b] ?? [];
          if (result.status === 'fulfilled' && result.value.status === 200) {
            expect(result.value.body.accepted).toHaveLength(2000);
            for (const e of sent) expect(ids.has(e.id)).toBe(true);
          } else {
            // Refused at the door (503 while closing, or the connection closed): nothing of it half-stored.
            const held = sent.filter((e) => ids.has(e.id)).length;
            expect([0, 2000]).toContain(held);
          }
        }
        expect(settled.some((r) => r.status === 'fulfilled' && r.value.status === 200)).toBe(true);
      } finally {
        await stored.close();
      }
      expect(code).toBe(0);
      // The hub's own lines are JSON; Node itself may add a warning line of its own (pg's deprecation notice).
      const lines = log.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: string; message: string });
      expect(lines.map((l) => l.message)).toEqual(expect.arrayContaining(['events received', 'shutting down', 'stopped']));
      expect(log).not.toContain('Jane Roe');
      expect(log).not.toContain(token);
    });
  });
}
