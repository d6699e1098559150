import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../helpers/backend';
import { addCustomer } from '../helpers/calls';
import { mayContact } from '../../electron/backend/outreach/mayContact';
import { ensureUnsubscribeLinks } from '../../electron/backend/outreach/hubLinks';
import { startTestHub, type TestHub } from './hubHarness';
import { hubConsole, type TestConsole } from './consoles';
import { STORE_KINDS } from './stores';
import { syncRound } from '../../electron/backend/sync/loop';

let hub: TestHub | undefined;
let consoles: TestConsole[] = [];
afterEach(async () => {
  for (const c of consoles) c.dispose();
  consoles = [];
  await hub?.close();
  hub = undefined;
});

const oneClick = (url: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`one-click unsubscribe at the hub (${kind}${available ? '' : `: ${why}`})`, () => {
    it('speaks German to a customer whose email was German, and follows the browser for a link without a language', async () => {
      hub = await startTestHub(kind);
      const manager = await hubConsole(hub, { name: 'Mia Manager', role: 'manager' });
      consoles.push(manager);
      const signed = await hub.post('/v1/outreach/unsubscribe-links', manager.token, { links: [{ externalId: 'C1', messageId: '<de@x>' }] });
      const { tokens } = (await signed.json()) as { tokens: { messageId: string; token: string }[] };
      const link = `${hub.url}/u?t=${tokens[0]?.token ?? ''}`;

      const ask = await (await fetch(`${link}&l=de`)).text();
      expect(ask).toContain('<html lang="de">');
      expect(ask).toContain('<h1>Keine E-Mails mehr von uns?</h1>');
      expect(ask).toContain('<button type="submit">Abmelden</button>');
      const done = await fetch(`${link}&l=de`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-mode': 'navigate' }, body: '' });
      expect(await done.text()).toContain('<h1>Sie sind abgemeldet</h1>');

      // A link made before links carried a language: the browser's choice among the shipped ones, else English.
      expect(await (await fetch(link, { headers: { 'accept-language': 'it;q=0.9, de-AT;q=0.8, en;q=0.5' } })).text()).toContain('<h1>Keine E-Mails mehr von uns?</h1>');
      expect(await (await fetch(link, { headers: { 'accept-language': 'ja' } })).text()).toContain('<h1>Stop emails from us?</h1>');
      const unknown = await fetch(`${hub.url}/u?t=nonsense&l=de`);
      expect(unknown.status).toBe(404);
      expect(await unknown.text()).toContain('<h1>Link nicht erkannt</h1>');
    });

    it('signs links for a manager, records an objection once without a login, and hands it to consoles by cursor', async () => {
      hub = await startTestHub(kind);
      const manager = await hubConsole(hub, { name: 'Mia Manager', role: 'manager' });
      consoles.push(manager);
      const agentToken = await hub.token('Sam Agent', 'agent');

      const refused = await hub.post('/v1/outreach/unsubscribe-links', agentToken, { links: [{ externalId: 'C1', messageId: '<a@x>' }] });
      expect(refused.status).toBe(403);

      const signed = await hub.post('/v1/outreach/unsubscribe-links', manager.token, { links: [{ externalId: 'C1', messageId: '<a@x>' }, { externalId: 'C2', messageId: '<b@x>' }] });
      expect(signed.status).toBe(200);
      const { tokens } = (await signed.json()) as { tokens: { messageId: string; token: string }[] };
      const link = `${hub.url}/u?t=${tokens[0]?.token ?? ''}`;

      // Opening the link (a mail scanner, a preview) shows a button and records nothing.
      const page = await fetch(link);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<button type="submit">Unsubscribe</button>');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      const none = (await (await hub.get('/v1/outreach/objections?after=0', agentToken)).json()) as { objections: unknown[] };
      expect(none.objections).toEqual([]);

      expect((await oneClick(link)).status).toBe(200);
      expect((await oneClick(link)).status).toBe(200);
      // Another customer's payload under this link's MAC, and this MAC with its last character changed.
      const [payload1] = (tokens[1]?.token ?? '').split('.');
      const [payload0, mac0] = (tokens[0]?.token ?? '').split('.');
      expect((await oneClick(`${hub.url}/u?t=${payload1 ?? ''}.${mac0 ?? ''}`)).status).toBe(404);
      const tampered = `${hub.url}/u?t=${payload0 ?? ''}.${(mac0 ?? '').replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'))}`;
      expect((await oneClick(tampered)).status).toBe(404);
      const forged = `${hub.url}/u?t=${Buffer.from(JSON.stringify({ e: 'C9', m: '<z@x>' })).toString('base64url')}.AAAA`;
      expect((await oneClick(forged)).status).toBe(404);

      const pulled = (await (await hub.get('/v1/outreach/objections?after=0', agentToken)).json()) as { objections: { id: number; externalId: string; messageId: string }[]; next: number };
      expect(pulled.objections).toEqual([expect.objectContaining({ externalId: 'C1', messageId: '<a@x>', channel: 'email' })]);
      const later = (await (await hub.get(`/v1/outreach/objections?after=${pulled.next}`, agentToken)).json()) as { objections: unknown[] };
      expect(later.objections).toEqual([]);

      // The console pulls it, and may no longer email that customer.
      const id = addCustomer(manager.db, { externalId: 'C1', name: 'Ada', email: 'ada@example.test' });
      expect(mayContact(manager.db, id, 'email')).toEqual({ ok: true });
      expect(await call(manager.dispatch, 'outreach.objections.pull', {})).toEqual({ received: 1 });
      expect(await call(manager.dispatch, 'outreach.objections.pull', {})).toEqual({ received: 0 });
      expect(mayContact(manager.db, id, 'email')).toEqual({ ok: false, why: { key: 'outreach.leftOutWhy.unsubscribed' }, closed: 'unsubscribed' });
    });

    it("puts an unsubscribe in the org-wide ledger on the customer's word, once, and another desk stops emailing after its next sync", async () => {
      hub = await startTestHub(kind);
      const manager = await hubConsole(hub, { name: 'Mia Manager', role: 'manager' });
      const other = await hubConsole(hub, { name: 'Sam Agent', role: 'agent' });
      consoles.push(manager, other);
      const signed = await hub.post('/v1/outreach/unsubscribe-links', manager.token, { links: [{ externalId: 'C1', messageId: '<a@x>' }] });
      const { tokens } = (await signed.json()) as { tokens: { token: string }[] };
      const link = `${hub.url}/u?t=${tokens[0]?.token ?? ''}`;
      const ledger = async () =>
        ((await (await hub?.get('/v1/permissions/changes?after=0', other.token))?.json()) as { changes: { change: Record<string, unknown> }[] }).changes.map((c) => c.change);
      expect(await ledger()).toEqual([]);

      expect((await oneClick(link)).status).toBe(200);
      expect((await oneClick(link)).status).toBe(200);
      expect(await ledger()).toEqual([
        expect.objectContaining({ type: 'entry', kind: 'customer', value: 'C1', scope: 'email', source: 'customer', addedBy: 'The customer (unsubscribe link)' }),
      ]);

      // The other desk never pulls the outreach objections: the ledger alone stops its emails.
      const id = addCustomer(other.db, { externalId: 'C1', name: 'Ada', email: 'ada@example.test' });
      expect(mayContact(other.db, id, 'email')).toEqual({ ok: true });
      expect(await syncRound(other.deps, {})).toMatchObject({ ok: true });
      expect(mayContact(other.db, id, 'email')).toEqual({ ok: false, why: { key: 'outreach.leftOutWhy.email_ledger' }, closed: 'email_ledger' });
      // Calls are another matter: the customer asked for no more emails only.
      expect(mayContact(other.db, id, 'phone')).toEqual({ ok: true });
      const entries = (await call(manager.dispatch, 'permissions.ledger', {})).entries;
      expect(entries).toEqual([]);
      await syncRound(manager.deps, {});
      expect((await call(manager.dispatch, 'permissions.ledger', {})).entries).toEqual([expect.objectContaining({ kind: 'customer', value: 'C1', scope: 'email', source: 'customer' })]);
    });

    it("gives each email of an outreach its signed link under the hub's public address", async () => {
      hub = await startTestHub(kind);
      const manager = await hubConsole(hub, { name: 'Mia Manager', role: 'manager' });
      consoles.push(manager);
      await call(manager.dispatch, 'outreach.settings.set', { company: 'Northwind', fromAddress: 'care@northwind.example', replyTo: 'stay@northwind.example', hubPublicUrl: `${hub.url}/` });
      addCustomer(manager.db, { externalId: 'E1', name: 'Eve One', email: 'eve@example.test', statedReasonId: 'service.reliability' });
      const issue = await call(manager.dispatch, 'issues.create', { title: 'Outages', reasonIds: ['service.reliability'] });
      await call(manager.dispatch, 'outreach.issue.fix', { issueId: issue.id, whatChanged: 'Every cabinet now has a backup line.', fixedOn: '2026-11-16' });
      const built = await call(manager.dispatch, 'outreach.issue.build', { issueId: issue.id, byCall: false, messageChannel: 'email' });
      expect(await ensureUnsubscribeLinks(manager.deps, built.id)).toBe(1);
      const message = await call(manager.dispatch, 'outreach.message', { id: built.id, customerId: id(manager) });
      const url = /unsubscribe here: (\S+)/.exec(message.ok ? message.body : '')?.[1] ?? '';
      expect(url.startsWith(`${hub.url}/u?t=`)).toBe(true);
      expect((await oneClick(url)).status).toBe(200);
      await call(manager.dispatch, 'outreach.objections.pull', {});
      expect(mayContact(manager.db, id(manager), 'email')).toEqual({ ok: false, why: { key: 'outreach.leftOutWhy.unsubscribed' }, closed: 'unsubscribed' });
    });
  });
}

function id(c: TestConsole): number {
  return c.db.prepare("SELECT id FROM customers WHERE external_id = 'E1'").pluck().get() as number;
}
