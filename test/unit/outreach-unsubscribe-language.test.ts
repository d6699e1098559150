import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendDue } from '../../electron/backend/outreach/sender';
import { call, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { addCustomer } from '../helpers/calls';
import { PEOPLE, seedScenario } from '../helpers/scenario';
import { startTestRelay, type TestRelay } from '../helpers/smtpServer';

let b: TestBackend;
let relay: TestRelay;
beforeEach(async () => {
  b = testBackend(() => new Date('2026-11-20T12:00:00.000Z'));
  seedScenario(b.db);
  await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
  relay = await startTestRelay();
  await call(b.dispatch, 'outreach.settings.set', {
    company: 'Nordwind Telekom',
    fromAddress: 'service@nordwind.example',
    replyTo: 'bleiben@nordwind.example',
    smtp: { host: '127.0.0.1', port: relay.port, security: 'none' },
    ratePerMinute: 6000,
  });
  addCustomer(b.db, { externalId: 'E1', name: 'Eva Beispiel', email: 'eva@example.test', statedReasonId: 'service.reliability', statedReasonText: 'Ausfälle', monthlyRevenue: 40 });
});
afterEach(async () => {
  b.dispose();
  await relay.close();
});

const noWait = { sleep: () => Promise.resolve() };
const GERMAN_LINE =
  'Sie erhalten diese Nachricht, weil Sie bei uns Kunde waren. Wenn Sie keine E-Mails mehr von uns erhalten möchten, antworten Sie auf diese E-Mail (bleiben@nordwind.example) mit dem Wort „Abmelden“.';
const ENGLISH_LINE =
  'You are receiving this because you were our customer. To receive no more emails from us, reply to this email (bleiben@nordwind.example) with the word "unsubscribe".';

async function buildEmails() {
  const issue = await call(b.dispatch, 'issues.create', { title: 'Ausfälle im Norden', reasonIds: ['service.reliability'] });
  await call(b.dispatch, 'outreach.issue.fix', { issueId: issue.id, whatChanged: 'Ein zweiter Anschluss sichert jetzt jeden Verteilerkasten ab.', fixedOn: '2026-11-19' });
  return call(b.dispatch, 'outreach.issue.build', { issueId: issue.id, byCall: false, messageChannel: 'email' });
}

const customerId = () => b.db.prepare("SELECT id FROM customers WHERE external_id = 'E1'").pluck().get() as number;

describe('the unsubscribe line in the language the message was written in', () => {
  it('a German organisation’s email ends with the German line, and a resend after the language changed is the same bytes', async () => {
    await call(b.dispatch, 'locale.setCustomerLanguage', { language: 'de' });
    const built = await buildEmails();
    const preview = await call(b.dispatch, 'outreach.message', { id: built.id, customerId: customerId() });
    expect(preview.ok && preview.body).toContain(`Ihr Team von Nordwind Telekom\n\n--\n${GERMAN_LINE}\n`);
    expect(preview.ok && preview.body).not.toContain('You are receiving this');

    await call(b.dispatch, 'outreach.send', { id: built.id });
    expect(await sendDue(b.deps, noWait)).toMatchObject({ sent: 1 });
    const first = relay.received[0]?.raw ?? Buffer.alloc(0);
    expect((await simpleParser(first)).text?.trimEnd().endsWith(GERMAN_LINE)).toBe(true);
    // The machine-read header stays as it was: a mailto the customer's mail program fills in.
    expect(first.toString('utf8')).toContain('List-Unsubscribe: <mailto:bleiben@nordwind.example?subject=unsubscribe>');

    await call(b.dispatch, 'locale.setCustomerLanguage', { language: 'en' });
    // As a sender killed after the final dot, its 250 lost, leaves the message: it is sent again.
    b.db.prepare("UPDATE outreach_members SET message_state = 'dot' WHERE customer_id = ?").run(customerId());
    expect(await sendDue(b.deps, noWait)).toMatchObject({ sent: 1 });
    expect(relay.received).toHaveLength(2);
    expect(relay.received[1]?.raw.equals(first)).toBe(true);
    // The outreach's own view of the message still shows what the customer received.
    const after = await call(b.dispatch, 'outreach.message', { id: built.id, customerId: customerId() });
    expect(after.ok && after.body.trimEnd().endsWith(GERMAN_LINE)).toBe(true);

    // A message written now, in English, carries the English line.
    const english = await buildEmails();
    const now = await call(b.dispatch, 'outreach.message', { id: english.id, customerId: customerId() });
    expect(now.ok && now.body.trimEnd().endsWith(ENGLISH_LINE)).toBe(true);
  });

  it('a message not yet sent, written again after the language changed, takes the new language', async () => {
    await call(b.dispatch, 'locale.setCustomerLanguage', { language: 'de' });
    const built = await buildEmails();
    await call(b.dispatch, 'locale.setCustomerLanguage', { language: 'fr' });
    await call(b.dispatch, 'outreach.recompose', { id: built.id });
    const preview = await call(b.dispatch, 'outreach.message', { id: built.id, customerId: customerId() });
    expect(preview.ok && preview.body).toContain('Bonjour Eva');
    expect(preview.ok && preview.body.trimEnd()).toMatch(/Vous recevez ce message parce que vous avez été notre client\. .*« désabonner »\.$/);
  });
});
