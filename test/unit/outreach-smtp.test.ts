import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keptInEnglish } from '../../shared/i18n/english';
import { sendDue } from '../../electron/backend/outreach/sender';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { addCustomer } from '../helpers/calls';
import { PEOPLE, seedScenario } from '../helpers/scenario';
import { startTestRelay, type TestRelay } from '../helpers/smtpServer';

let b: TestBackend;
let relay: TestRelay;
let clock: Date;
beforeEach(async () => {
  clock = new Date('2026-11-20T12:00:00.000Z');
  b = testBackend(() => clock);
  seedScenario(b.db);
  await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
  relay = await startTestRelay({ user: 'console', password: 's3cret-relay-pass' });
});
afterEach(async () => {
  b.dispose();
  await relay.close();
});

const noWait = { sleep: () => Promise.resolve() };

async function emailOutreach(customers: number) {
  await call(b.dispatch, 'outreach.settings.set', {
    company: 'Northwind Telecom',
    fromAddress: 'care@northwind.example',
    replyTo: 'stay@northwind.example',
    smtp: { host: '127.0.0.1', port: relay.port, security: 'none', user: 'console', password: 's3cret-relay-pass' },
    ratePerMinute: 6000,
  });
  for (let i = 0; i < customers; i += 1) {
    addCustomer(b.db, { externalId: `E${i}`, name: `Eve${i} Sample`, email: `eve${i}@example.test`, statedReasonId: 'service.reliability', statedReasonText: 'Outages', monthlyRevenue: 10 + i });
  }
  const issue = await call(b.dispatch, 'issues.create', { title: 'Outages', reasonIds: ['service.reliability'] });
  await call(b.dispatch, 'outreach.issue.fix', { issueId: issue.id, whatChanged: 'A second line now backs up every street cabinet in the north.', fixedOn: '2026-11-19' });
  return call(b.dispatch, 'outreach.issue.build', { issueId: issue.id, byCall: false, messageChannel: 'email' });
}

describe('sending through an SMTP relay', () => {
  it('keeps the password out of the window, and signs in with it', async () => {
    await emailOutreach(0).catch(() => undefined);
    const settings = await call(b.dispatch, 'outreach.settings.get', {});
    expect(settings.smtp).toEqual({ host: '127.0.0.1', port: relay.port, security: 'none', user: 'console', passwordSet: true, trustedCertificate: false });
    expect(JSON.stringify(settings)).not.toContain('s3cret');
    expect(JSON.stringify(b.db.prepare("SELECT detail FROM audit_log WHERE action = 'outreach.settings'").all())).not.toContain('s3cret');
    expect(await call(b.dispatch, 'outreach.smtp.test', {})).toEqual({ ok: true, host: '127.0.0.1' });
    await call(b.dispatch, 'outreach.settings.set', {
      fromAddress: 'care@northwind.example',
      smtp: { host: '127.0.0.1', port: relay.port, security: 'none', user: 'console', password: 'wrong' },
    });
    const refused = await callResult(b.dispatch, 'outreach.smtp.test', {});
    expect(refused.ok ? '' : refused.error.message).toMatch(/^The relay answered 535/);
  });

  it('refuses an unencrypted relay on another computer', async () => {
    const r = await callResult(b.dispatch, 'outreach.settings.set', { smtp: { host: 'mail.example.com', port: 25, security: 'none' } });
    expect(r.ok ? '' : r.error.message).toContain('Use STARTTLS or TLS');
    expect((await call(b.dispatch, 'outreach.settings.get', {})).smtp).toBeNull();
  });

  it('sends every ready email once, as the relay receives it, and records each as sent', async () => {
    const built = await emailOutreach(3);
    await call(b.dispatch, 'outreach.send', { id: built.id });
    const run = await sendDue(b.deps, noWait);
    expect(run).toMatchObject({ ran: true, sent: 3, failed: 0 });
    expect(relay.received).toHaveLength(3);
    const ids = relay.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(3);
    const mail = await simpleParser(relay.received[0]?.raw ?? Buffer.alloc(0));
    expect(mail.subject).toBe('What we changed since you left Northwind Telecom');
    expect(mail.text).toContain('A second line now backs up every street cabinet in the north.');
    expect(relay.received[0]?.from).toBe('care@northwind.example');
    expect((await call(b.dispatch, 'outreach.get', { id: built.id })).figures).toMatchObject({ sent: 3, queued: 0, told: 3, uncertain: 0 });
    // Nothing is due any more: a second run sends nothing.
    expect(await sendDue(b.deps, noWait)).toMatchObject({ sent: 0 });
    expect(relay.received).toHaveLength(3);
  });

  it('records a refusal with the relay\'s words, and waits to retry a temporary one', async () => {
    const built = await emailOutreach(3);
    relay.refuse.set('eve0@example.test', { code: 550, message: 'Mailbox unavailable' });
    relay.refuse.set('eve1@example.test', { code: 451, message: 'Try again later' });
    await call(b.dispatch, 'outreach.send', { id: built.id });
    const run = await sendDue(b.deps, noWait);
    expect(run).toMatchObject({ sent: 1, failed: 1, retried: 1 });
    const members = await call(b.dispatch, 'outreach.members', { id: built.id });
    const byName = new Map(members.items.map((m) => [m.name, m]));
    expect(byName.get('Eve0 Sample')).toMatchObject({ messageState: 'failed' });
    expect(keptInEnglish(byName.get('Eve0 Sample')?.problem ?? '')).toMatch(/^The relay answered 550: .*Mailbox unavailable/);
    expect(byName.get('Eve1 Sample')).toMatchObject({ messageState: 'queued', uncertain: false });
    relay.refuse.clear();
    clock = new Date(clock.getTime() + 60 * 60_000);
    expect(await sendDue(b.deps, noWait)).toMatchObject({ sent: 1 });
    expect(relay.received.map((m) => m.to[0]).sort()).toEqual(['eve1@example.test', 'eve2@example.test']);
  });

  it('after a crash, sends again what had not reached its final dot, and marks as uncertain what had', async () => {
    const built = await emailOutreach(3);
    await call(b.dispatch, 'outreach.send', { id: built.id });
    // As a sender killed mid-batch leaves them: one between MAIL FROM and the dot, one after the dot with its 250 lost.
    const [a, c] = b.db.prepare('SELECT customer_id FROM outreach_members ORDER BY customer_id').pluck().all() as number[];
    b.db.prepare("UPDATE outreach_members SET message_state = 'sending', attempts = 1 WHERE customer_id = ?").run(a);
    b.db.prepare("UPDATE outreach_members SET message_state = 'dot', attempts = 1 WHERE customer_id = ?").run(c);
    expect(await sendDue(b.deps, noWait)).toMatchObject({ sent: 3 });
    const members = await call(b.dispatch, 'outreach.members', { id: built.id });
    expect(members.items.filter((m) => m.uncertain).map((m) => m.customerId)).toEqual([c]);
    expect((await call(b.dispatch, 'outreach.get', { id: built.id })).figures).toMatchObject({ sent: 3, uncertain: 1 });
  });

  it('does not send to a customer who unsubscribed after the outreach was built', async () => {
    const built = await emailOutreach(2);
    await call(b.dispatch, 'outreach.send', { id: built.id });
    b.db.prepare("INSERT INTO outreach_objections (hub_id, external_id, message_id, channel, objected_at, received_at) VALUES (7, 'E0', NULL, 'email', 'x', 'x')").run();
    expect(await sendDue(b.deps, noWait)).toMatchObject({ sent: 1, blocked: 1 });
    expect(relay.received.map((m) => m.to[0])).toEqual(['eve1@example.test']);
  });
});
