import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendDue } from '../../electron/backend/outreach/sender';
import { DEFAULT_TEMPLATES } from '../../shared/domain/outreachDefaults';
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
  relay = await startTestRelay({ user: 'console', password: 's3cret-relay-pass' });
  await call(b.dispatch, 'outreach.settings.set', {
    company: 'Nordwind Telekom',
    fromAddress: 'service@nordwind.example',
    replyTo: 'bleiben@nordwind.example',
    smtp: { host: '127.0.0.1', port: relay.port, security: 'none', user: 'console', password: 's3cret-relay-pass' },
    ratePerMinute: 6000,
  });
  addCustomer(b.db, { externalId: 'E1', name: 'Eva Beispiel', email: 'eva@example.test', statedReasonId: 'service.reliability', statedReasonText: 'Ausfälle', monthlyRevenue: 40 });
});
afterEach(async () => {
  b.dispose();
  await relay.close();
});

/** The issue's outreach built, sent through the relay, and the one email as the customer receives it. */
async function sendOne(title: string) {
  const issue = await call(b.dispatch, 'issues.create', { title, reasonIds: ['service.reliability'] });
  await call(b.dispatch, 'outreach.issue.fix', { issueId: issue.id, whatChanged: 'Ein zweiter Anschluss sichert jetzt jeden Verteilerkasten im Norden ab.', fixedOn: '2026-11-19' });
  const built = await call(b.dispatch, 'outreach.issue.build', { issueId: issue.id, byCall: false, messageChannel: 'email' });
  await call(b.dispatch, 'outreach.send', { id: built.id });
  const before = relay.received.length;
  expect(await sendDue(b.deps, { sleep: () => Promise.resolve() })).toMatchObject({ sent: 1, failed: 0 });
  return simpleParser(relay.received[before]?.raw ?? Buffer.alloc(0));
}

const SERVICE = DEFAULT_TEMPLATES.find((t) => t.id === 'template.what-changed.service');

describe('messages in the language the company writes to its customers in', () => {
  it("Admin lists a shipped template in the customers' language, and an edited one as written", async () => {
    await call(b.dispatch, 'locale.setCustomerLanguage', { language: 'de' });
    const listed = (await call(b.dispatch, 'outreach.templates.list', {})).items;
    expect(listed.find((t) => t.id === SERVICE?.id)?.subject).toBe('Was wir geändert haben, seit Sie {{company}} verlassen haben');
    await call(b.dispatch, 'locale.setCustomerLanguage', { language: 'en' });
    expect((await call(b.dispatch, 'outreach.templates.list', {})).items.find((t) => t.id === SERVICE?.id)?.subject).toBe(SERVICE?.subject);
  });

  it('German: a shipped template is sent in German, with German dates; a template the manager edited is sent as written', async () => {
    // Set up by an English-speaking manager: English until a manager chooses another.
    expect(await call(b.dispatch, 'locale.customerLanguage', {})).toEqual({ language: 'en', source: 'setting' });
    expect(await call(b.dispatch, 'locale.setCustomerLanguage', { language: 'de' })).toEqual({ language: 'de', source: 'setting' });

    const shipped = await sendOne('Ausfälle im Norden');
    expect(shipped.subject).toBe('Was wir geändert haben, seit Sie Nordwind Telekom verlassen haben');
    expect(shipped.text).toContain(
      [
        'Guten Tag Eva,',
        'Es tut uns leid, wie wir Sie betreut haben. Das war nicht gut genug, und wir haben deshalb geändert, wie wir arbeiten.',
        'Was sich geändert hat: Ein zweiter Anschluss sichert jetzt jeden Verteilerkasten im Norden ab. (seit dem 19. November 2026).',
      ].join('\n\n'),
    );
    expect(shipped.text).toContain('Vielen Dank und freundliche Grüße\nIhr Team von Nordwind Telekom');
    expect(shipped.text).not.toMatch(/Dear|What changed/);
    // What is stored is still the shipped English text: the language is chosen when a message is written.
    const stored = b.db.prepare("SELECT subject, body FROM outreach_templates WHERE id = 'template.what-changed.service'").get();
    expect(stored).toEqual({ subject: SERVICE?.subject, body: SERVICE?.body });

    // The manager writes the template themselves, in English: it goes out exactly as written.
    await call(b.dispatch, 'outreach.templates.save', {
      id: 'template.what-changed.service',
      kind: 'what_changed',
      categoryId: 'service',
      name: 'What changed: service',
      subject: 'Better service at {{company}}',
      body: 'Hello {{first_name}},\n\nWe fixed it: {{what_changed}} Since {{fixed_on}}.\n\n{{company}}',
    });
    const edited = await sendOne('Ausfälle im Süden');
    expect(edited.subject).toBe('Better service at Nordwind Telekom');
    expect(edited.text).toContain('Hello Eva,\n\nWe fixed it: Ein zweiter Anschluss sichert jetzt jeden Verteilerkasten im Norden ab. Since 19. November 2026.\n\nNordwind Telekom');
  });

  it('previews a shipped template in Admin in the customers’ language, and an edited draft as written', async () => {
    const customerId = b.db.prepare("SELECT id FROM customers WHERE external_id = 'E1'").pluck().get() as number;
    const english = await call(b.dispatch, 'outreach.preview', { customerId, templateId: 'template.what-changed.service', fixedOn: '2026-11-19' });
    expect(english).toMatchObject({ ok: true, subject: 'What we changed since you left Nordwind Telekom' });
    await call(b.dispatch, 'locale.setCustomerLanguage', { language: 'de' });
    const german = await call(b.dispatch, 'outreach.preview', { customerId, templateId: 'template.what-changed.service', fixedOn: '2026-11-19' });
    expect(german).toMatchObject({ ok: true, subject: 'Was wir geändert haben, seit Sie Nordwind Telekom verlassen haben' });
    expect(german.ok && german.body).toContain('(seit dem 19. November 2026)');
    const draft = await call(b.dispatch, 'outreach.preview', {
      customerId,
      templateId: 'template.what-changed.service',
      draft: { subject: 'Service at {{company}}', body: SERVICE?.body ?? '' },
    });
    expect(draft).toMatchObject({ ok: true, subject: 'Service at Nordwind Telekom' });
    expect(draft.ok && draft.body).toMatch(/^Dear Eva,/);
  });

  it('takes the first manager’s language at setup, and keeps a later manager’s choice', async () => {
    const desk = testBackend();
    try {
      // The first-run screen's language, chosen before anyone is set up, is the first manager's.
      await call(desk.dispatch, 'locale.setLanguage', { language: 'fr' });
      await signIn(desk.dispatch, { name: 'Camille Roy', role: 'manager' });
      expect(await call(desk.dispatch, 'locale.customerLanguage', {})).toEqual({ language: 'fr', source: 'setting' });
      await call(desk.dispatch, 'locale.setCustomerLanguage', { language: 'es' });
      await call(desk.dispatch, 'locale.setLanguage', { language: 'de' });
      expect(await call(desk.dispatch, 'locale.customerLanguage', {})).toEqual({ language: 'es', source: 'setting' });
    } finally {
      desk.dispose();
    }
  });
});
