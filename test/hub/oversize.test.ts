import { afterEach, describe, expect, it } from 'vitest';
import { keptInEnglish } from '../../shared/i18n/english';
import { createHubClient, EncodedEvents, HubRequestError } from '../../electron/backend/sync/hubClient';
import { call } from '../helpers/backend';
import { startTestHub, type TestHub } from './hubHarness';
import { hubConsole } from './consoles';
import { amended, enqueue, envelope } from './events';
import { STORE_KINDS } from './stores';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const LIMIT = 64 * 1024;

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`batches over the hub's size limit, ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    async function hub(): Promise<TestHub> {
      const h = await startTestHub(kind, { bodyLimit: LIMIT });
      cleanups.push(() => h.close());
      return h;
    }

    it('the hub answers 413 in a way the console reads, even for a body of megabytes', async () => {
      const h = await hub();
      const client = createHubClient({ url: h.url, token: await h.token('Alex Agent', 'agent') });
      const events = Array.from({ length: 100 }, (_, i) => envelope('call.amended', amended(`c-${i}`, { note: 'n'.repeat(300_000) })));
      const failure = await client.postEvents(new EncodedEvents(events)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(HubRequestError);
      expect((failure as HubRequestError).failure).toBe('too_large');
      // The hub's own words, inside the console's sentence that says whose they are.
      expect((failure as Error).message).toBe('The hub says: The request is larger than the hub accepts (64 KiB). Send fewer events at a time.');
      // The connection is still good for the next request.
      expect(await client.me()).toMatchObject({ role: 'agent' });
    });

    it('the console halves the batch down to one event, sets aside one too big alone with its reason, and sends the rest', async () => {
      const h = await hub();
      const c = await hubConsole(h, { name: 'Alex Agent', role: 'agent' });
      cleanups.push(() => c.dispose());
      enqueue(c.db, [
        ...Array.from({ length: 20 }, (_, i) => ({ kind: 'call.amended' as const, payload: amended(`small-${i}`, { note: 'n'.repeat(9_000) }) })),
        { kind: 'call.amended' as const, payload: amended('huge', { note: 'h'.repeat(200_000) }) },
        ...Array.from({ length: 20 }, (_, i) => ({ kind: 'call.amended' as const, payload: amended(`after-${i}`, { note: 'n'.repeat(9_000) }) })),
      ]);
      expect(await c.push()).toEqual({ sent: 40, refused: 1, pending: 0 });
      const reason = c.db.prepare("SELECT detail FROM audit_log WHERE action = 'sync.refused'").pluck().get() as string;
      expect(JSON.parse(reason)).toEqual({
        reason: expect.stringMatching(/^The event is larger than the hub accepts in one request \(\d+ KiB\): set aside on this desk/) as string,
      });
      expect(keptInEnglish((await call(c.dispatch, 'sync.status', {})).lastError ?? '')).toBe(
        'The hub refused 1 event (invalid, or too large to send); it is kept in the audit log and not sent again.',
      );
    });
  });
}
