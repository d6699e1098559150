import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTemplate, renderParts } from '../../shared/domain/outreachTemplate';
import { keptInEnglish } from '../../shared/i18n/english';
import { said } from '../../shared/i18n/said';
import { mayContact } from '../../electron/backend/outreach/mayContact';
import { writeOutreachExport } from '../../electron/backend/outreach/export';
import { call, callResult, tempDir, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { addCustomer, customerId, insertCall } from '../helpers/calls';
import { PEOPLE, seedScenario } from '../helpers/scenario';

let b: TestBackend;
let clock: Date;
let cleanup: (() => void) | undefined;
beforeEach(async () => {
  clock = new Date('2026-11-20T12:00:00.000Z');
  b = testBackend(() => clock);
  seedScenario(b.db);
  await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
});
afterEach(() => {
  b.dispose();
  cleanup?.();
  cleanup = undefined;
});

const WHAT_CHANGED = 'Renewal prices now match what new customers pay, with no setup fee.';

async function deliverySettings() {
  await call(b.dispatch, 'outreach.settings.set', { company: 'Northwind Telecom', fromAddress: 'care@northwind.example', replyTo: 'stay@northwind.example' });
}

/** A fixed issue behind two reasons. C1 (price, callback last) and C2 (competitor, declined last) are not won back; C4 is. */
async function fixedIssue() {
  b.db.prepare("UPDATE customers SET email = 'ada@example.test' WHERE external_id = 'C1'").run();
  // As the call screen leaves them (the scripted calls write calls only).
  b.db.prepare("UPDATE customers SET last_outcome = 'declined', attempts = 2 WHERE external_id = 'C2'").run();
  addCustomer(b.db, { externalId: 'C6', name: 'Fay Quiet', email: 'fay@example.test', statedReasonId: 'competitor.better-offer', statedReasonText: 'Better offer elsewhere', monthlyRevenue: 40 });
  b.db.prepare("UPDATE customers SET do_not_contact = 1 WHERE external_id = 'C6'").run();
  const issue = await call(b.dispatch, 'issues.create', { title: 'Renewal prices', reasonIds: ['price.too-expensive', 'competitor.better-offer'] });
  await call(b.dispatch, 'outreach.issue.fix', { issueId: issue.id, whatChanged: WHAT_CHANGED, fixedOn: '2026-11-18' });
  return issue.id;
}

describe('templates', () => {
  it('parses fields once and names an unknown field and its line', () => {
    expect(parseTemplate('Dear {{ first_name }},\nthanks')).toEqual({ ok: true, parts: [{ text: 'Dear ' }, { field: 'first_name' }, { text: ',\nthanks' }] });
    const bad = parseTemplate('Dear {{first_name}},\n\n{{frist_name}} again');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^Line 3: \{\{frist_name\}\} is not a merge field/);
    expect(parseTemplate('Hello {{first_name')).toMatchObject({ ok: false, error: 'Line 1: "{{" is not closed with "}}".' });
  });

  it('never renders a missing value as a blank', () => {
    const p = parseTemplate('Dear {{first_name}}, your code {{code}}');
    if (!p.ok) throw new Error(p.error);
    expect(renderParts(p.parts, { first_name: '  ', code: null })).toEqual({ ok: false, missing: ['first_name', 'code'] });
    expect(renderParts(p.parts, { first_name: 'Ada', code: 'WB-1' })).toEqual({ ok: true, text: 'Dear Ada, your code WB-1' });
  });

  it('comes with a template for each recoverable default category, and refuses to save an unknown field', async () => {
    const { items } = await call(b.dispatch, 'outreach.templates.list', {});
    const whatChanged = items.filter((t) => t.kind === 'what_changed').map((t) => t.categoryId);
    expect(whatChanged).toEqual(expect.arrayContaining([null, 'price', 'competitor', 'product-fit', 'service', 'payment-admin', 'changed-needs', 'passive', 'unknown']));
    expect(whatChanged).not.toContain('not-recoverable');

    const refused = await callResult(b.dispatch, 'outreach.templates.save', { kind: 'referral', name: 'Typo', subject: 'Hi {{first_name}}', body: 'Your code: {{promo_code}}' });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'invalid_input' });
    expect(refused.ok ? '' : refused.error.message).toMatch(/^Message: Line 1: \{\{promo_code\}\} is not a merge field/);
    expect((await call(b.dispatch, 'outreach.templates.list', {})).items).toHaveLength(items.length);

    const clash = await callResult(b.dispatch, 'outreach.templates.save', { kind: 'what_changed', categoryId: 'price', name: 'Second price', subject: 'x', body: 'y' });
    expect(clash).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('previews a template for any customer, and names the field that customer lacks', async () => {
    const c1 = customerId(b.db, 'C1');
    const noCompany = await call(b.dispatch, 'outreach.preview', { customerId: c1, templateId: 'template.what-changed.price', whatChanged: WHAT_CHANGED });
    expect(keptInEnglish(noCompany.ok ? '' : noCompany.problem)).toBe('No value for company name ({{company}}). Set the company name in Admin, Outreach delivery.');

    await deliverySettings();
    const preview = await call(b.dispatch, 'outreach.preview', { customerId: c1, templateId: 'template.what-changed.price', whatChanged: WHAT_CHANGED, fixedOn: '2026-11-18' });
    expect(preview).toMatchObject({ ok: true, subject: 'What we changed since you left Northwind Telecom' });
    expect(preview.ok && preview.body).toContain('Dear Ada,');
    expect(preview.ok && preview.body).toContain(`What changed: ${WHAT_CHANGED} (since 18 November 2026).`);

    // C5 has a name but their words are only on file via the call; a template asking for an agent works for C5 (called by Sam).
    const draft = { subject: 'From {{agent_name}}', body: 'You said: {{their_words}}. Code {{code}} until {{expiry}}.' };
    const c2 = await call(b.dispatch, 'outreach.preview', { customerId: customerId(b.db, 'C2'), draft });
    // C2's diagnosed reason is competitor: the playbook offers "What we do that they will miss", which issues no code.
    expect(keptInEnglish(c2.ok ? '' : c2.problem)).toContain('single-use code ({{code}})');
    const c1Offer = await call(b.dispatch, 'outreach.preview', { customerId: c1, draft });
    expect(c1Offer).toMatchObject({ ok: true, subject: 'From Sam Agent', sampleCode: true });
    expect(c1Offer.ok && c1Offer.body).toBe('You said: Price too high. Code WB-SAMP-LE00 until 20 December 2026.');
  });
});

describe('we fixed it', () => {
  it('builds the outreach from the issue: not won back, contactable, call and email as each allows', async () => {
    await deliverySettings();
    const issueId = await fixedIssue();
    const audience = await call(b.dispatch, 'outreach.issue.audience', { issueId, byCall: true, messageChannel: 'email' });
    // C1 and C2 (C4 and C3 were won back); C6 asked not to be contacted.
    expect(audience).toMatchObject({ candidates: 3, included: 2, revenue: 150, excluded: [{ why: { key: 'outreach.leftOutWhy.do_not_contact' }, customers: 1 }] });

    const queueBefore = b.db.prepare("SELECT last_outcome, attempts FROM customers WHERE external_id = 'C2'").get();
    expect(queueBefore).toEqual({ last_outcome: 'declined', attempts: 2 });
    const built = await call(b.dispatch, 'outreach.issue.build', { issueId, byCall: true, messageChannel: 'email' });
    expect(built.figures).toMatchObject({ members: 2, byCall: 2, requeued: 1, ready: 1, blocked: 0, told: 0, cameBack: 0 });
    expect(built.excluded).toEqual([{ why: { key: 'outreach.leftOutWhy.do_not_contact' }, customers: 1 }]);
    expect(built.excluded.map((e) => keptInEnglish(e.why))).toEqual(['Marked do not contact']);
    // An outreach built before its reasons were kept by key still reads them, as written.
    b.db.prepare('UPDATE outreaches SET excluded = ? WHERE id = ?').run(JSON.stringify({ 'Marked do not contact': 1 }), built.id);
    expect((await call(b.dispatch, 'outreach.get', { id: built.id })).excluded).toEqual([{ why: 'Marked do not contact', customers: 1 }]);
    // C2 had declined: the fix is a reason to call again, so they are back in the queue.
    expect(b.db.prepare("SELECT last_outcome FROM customers WHERE external_id = 'C2'").pluck().get()).toBeNull();
    const queue = await call(b.dispatch, 'queue.list', { limit: 50, offset: 0 });
    expect(queue.items.map((i) => i.externalId)).toContain('C2');

    const message = await call(b.dispatch, 'outreach.message', { id: built.id, customerId: customerId(b.db, 'C1') });
    expect(message).toMatchObject({ ok: true, to: 'ada@example.test', subject: 'What we changed since you left Northwind Telecom' });
    expect(message.ok && message.body).toContain(WHAT_CHANGED);
    expect(message.ok && message.body).toContain('reply to this email (stay@northwind.example) with the word "unsubscribe"');

    const issuePage = await call(b.dispatch, 'outreach.issue', { issueId });
    expect(issuePage).toMatchObject({ fixed: true, fix: { whatChanged: WHAT_CHANGED, fixedOn: '2026-11-18' }, outreaches: [{ id: built.id }] });
    expect((await call(b.dispatch, 'issues.get', { id: issueId })).fixedAt).toBe('2026-11-18T00:00:00.000Z');
  });

  it('refuses an outreach before the issue is fixed with a sentence for customers', async () => {
    const issue = await call(b.dispatch, 'issues.create', { title: 'Prices', reasonIds: ['price.too-expensive'] });
    await call(b.dispatch, 'issues.update', { id: issue.id, status: 'fixed' });
    const r = await callResult(b.dispatch, 'outreach.issue.build', { issueId: issue.id, byCall: true, messageChannel: null });
    expect(r.ok ? null : r.error.code).toBe('conflict');
    expect(r.ok ? '' : r.error.message).toContain('what changed in a sentence');
    const short = await callResult(b.dispatch, 'outreach.issue.fix', { issueId: issue.id, whatChanged: 'fixed', fixedOn: '2026-11-18' });
    expect(short).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const future = await callResult(b.dispatch, 'outreach.issue.fix', { issueId: issue.id, whatChanged: WHAT_CHANGED, fixedOn: '2026-12-01' });
    expect(future.ok ? '' : future.error.message).toContain('in the future');
    expect(b.db.prepare('SELECT count(*) FROM outreaches').pluck().get()).toBe(0);
  });

  it('shows the caller what changed until the call reaches them, and counts who came back after the fix', async () => {
    await deliverySettings();
    const issueId = await fixedIssue();
    const built = await call(b.dispatch, 'outreach.issue.build', { issueId, byCall: true, messageChannel: null });
    const c2 = customerId(b.db, 'C2');
    expect(await call(b.dispatch, 'outreach.callNote', { customerId: c2 })).toEqual({ notes: [{ whatChanged: WHAT_CHANGED, fixedOn: '2026-11-18', issueTitle: 'Renewal prices' }] });

    insertCall(b.db, { id: 'K8', customer: 'C2', callerId: PEOPLE.sam.id, callerRole: 'agent', completedAt: '2026-11-21T10:00:00.000Z', outcome: 'no_answer' });
    expect((await call(b.dispatch, 'outreach.callNote', { customerId: c2 })).notes).toHaveLength(1);
    insertCall(b.db, { id: 'K9', customer: 'C2', callerId: PEOPLE.sam.id, callerRole: 'agent', completedAt: '2026-11-22T10:00:00.000Z', outcome: 'recovered' });
    expect((await call(b.dispatch, 'outreach.callNote', { customerId: c2 })).notes).toEqual([]);

    const after = await call(b.dispatch, 'outreach.get', { id: built.id });
    expect(after.figures).toMatchObject({ members: 2, reachedByCall: 1, told: 1, cameBack: 1, revenueBack: 50 });
  });

  it('writes a message blocked on a missing value with the field named, and writes it once the template is fixed', async () => {
    await deliverySettings();
    const issueId = await fixedIssue();
    await call(b.dispatch, 'outreach.templates.save', {
      id: 'template.what-changed.price',
      kind: 'what_changed',
      categoryId: 'price',
      name: 'Price',
      subject: 'News from {{company}}',
      body: 'Dear {{first_name}}, {{what_changed}} Your code: {{code}}. — {{agent_name}}',
    });
    b.db.prepare("UPDATE offer_rules SET priority = 1 WHERE id = 'rule.price-plan'").run();
    b.db.prepare("UPDATE customers SET name = NULL WHERE external_id = 'C1'").run();
    const built = await call(b.dispatch, 'outreach.issue.build', { issueId, byCall: false, messageChannel: 'email' });
    expect(built.figures).toMatchObject({ members: 1, blocked: 1, ready: 0 });
    const m = await call(b.dispatch, 'outreach.message', { id: built.id, customerId: customerId(b.db, 'C1') });
    expect(keptInEnglish(m.ok ? '' : m.problem)).toBe('No value for first name ({{first_name}}).');

    b.db.prepare("UPDATE customers SET name = 'Ada Example' WHERE external_id = 'C1'").run();
    const again = await call(b.dispatch, 'outreach.recompose', { id: built.id });
    expect(again.figures).toMatchObject({ blocked: 0, ready: 1 });
    const written = await call(b.dispatch, 'outreach.message', { id: built.id, customerId: customerId(b.db, 'C1') });
    // The discount issues codes; "A plan that fits" does not, so the code comes from the discount.
    expect(written.ok && written.body).toMatch(/^Dear Ada, Renewal prices .* Your code: WB-[A-Z2-9]{4}-[A-Z2-9]{4}\. — Sam Agent/);
    const code = b.db.prepare('SELECT code FROM outreach_members').pluck().get() as string;
    await call(b.dispatch, 'outreach.recompose', { id: built.id });
    expect(b.db.prepare('SELECT code FROM outreach_members').pluck().get()).toBe(code);
  });
});

describe('contactability', () => {
  it('mayContact reads do-not-contact, contact details, a never-followed-up reason and unsubscribes', () => {
    const id = addCustomer(b.db, { externalId: 'X1', name: 'Xu', email: 'xu@example.test', phone: '+1 555-0199' });
    expect(mayContact(b.db, id, 'email')).toEqual({ ok: true });
    b.db.prepare("INSERT INTO outreach_objections (hub_id, external_id, message_id, channel, objected_at, received_at) VALUES (1, 'X1', '<m>', 'email', 'x', 'x')").run();
    expect(mayContact(b.db, id, 'email')).toEqual({ ok: false, why: said('outreach.leftOutWhy.unsubscribed'), closed: 'unsubscribed' });
    expect(mayContact(b.db, id, 'phone')).toEqual({ ok: true });
    b.db.prepare("UPDATE customers SET stated_reason_id = 'not-recoverable.deceased' WHERE id = ?").run(id);
    expect(mayContact(b.db, id, 'post')).toEqual({ ok: false, why: said('outreach.leftOutWhy.never_followed_up'), closed: 'never_followed_up' });
    const none = addCustomer(b.db, { externalId: 'X2', phone: null, email: 'not an address' });
    expect(mayContact(b.db, none, 'phone')).toEqual({ ok: false, why: said('outreach.leftOutWhy.no_phone'), closed: 'no_phone' });
    expect(mayContact(b.db, none, 'email')).toEqual({ ok: false, why: said('outreach.leftOutWhy.email_unusable'), closed: 'email_unusable' });
  });
});

describe('delivery without a network', () => {
  it('exports a formula-safe mail-merge file, one row per customer, and never sends those messages itself', async () => {
    await deliverySettings();
    const issueId = await fixedIssue();
    b.db.prepare(`UPDATE customers SET name = '=HYPERLINK("http://x.test") Ada' WHERE external_id = 'C1'`).run();
    const built = await call(b.dispatch, 'outreach.issue.build', { issueId, byCall: false, messageChannel: 'email' });
    const file = await call(b.dispatch, 'outreach.export', { id: built.id, format: 'csv' });
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Customer id,First name,Name,Email,Subject,Message,Code,Code valid until,Unsubscribe link,Message-ID');
    expect(lines[1]).toMatch(/^C1,"'=HYPERLINK\(""http:\/\/x\.test""\)","'=HYPERLINK\(""http:\/\/x\.test""\) Ada",ada@example\.test,/);
    expect(file.messages).toBe(1);
    const after = await call(b.dispatch, 'outreach.get', { id: built.id });
    expect(after.figures).toMatchObject({ exported: 1, ready: 0, told: 1 });
    const send = await callResult(b.dispatch, 'outreach.send', { id: built.id });
    expect(send).toMatchObject({ ok: false });
  });

  it("heads a Spanish manager's mail-merge file in Spanish, the messages still in the customers' language", async () => {
    await deliverySettings();
    const issueId = await fixedIssue();
    const built = await call(b.dispatch, 'outreach.issue.build', { issueId, byCall: false, messageChannel: 'email' });
    await call(b.dispatch, 'locale.setLanguage', { language: 'es' });
    const file = await call(b.dispatch, 'outreach.export', { id: built.id, format: 'csv' });
    const lines = Buffer.from(file.base64, 'base64').toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('ID de cliente,Nombre de pila,Nombre,Correo electrónico,Asunto,Mensaje,Código,Código válido hasta,Enlace para darse de baja,Message-ID');
    // The organisation writes to its customers in English: the manager's language heads the file only.
    expect(lines[1]).toMatch(/^C1,Ada,/);
    expect(lines[1]).toContain('Renewal prices now match');
  });

  it('writes one RFC 5322 .eml per customer, UTF-8, with a stable Message-ID and the unsubscribe headers', async () => {
    await call(b.dispatch, 'outreach.settings.set', { company: 'Nørdwind Télécom', fromAddress: 'care@northwind.example', replyTo: 'stay@northwind.example' });
    const issueId = await fixedIssue();
    b.db.prepare("UPDATE customers SET name = 'Zoë Ünal', email = 'zoe@example.test' WHERE external_id = 'C2'").run();
    const built = await call(b.dispatch, 'outreach.issue.build', { issueId, byCall: false, messageChannel: 'email' });
    const t = tempDir();
    cleanup = t.dispose;
    const out = join(t.dir, 'emails');
    const written = await writeOutreachExport(b.deps, PEOPLE.mia.id, built.id, { format: 'eml-folder', path: out });
    expect(written.messages).toBe(2);
    const files = readdirSync(out).sort();
    expect(files).toEqual([`${customerId(b.db, 'C1')}-C1.eml`, `${customerId(b.db, 'C2')}-C2.eml`]);
    const raw = readFileSync(join(out, files[1] ?? ''));
    const mail = await simpleParser(raw);
    expect(mail.messageId).toBe(`<${built.id}.${customerId(b.db, 'C2')}@northwind.example>`);
    expect(mail.from?.value[0]).toEqual({ name: 'Nørdwind Télécom', address: 'care@northwind.example' });
    expect(mail.subject).toBe('What we changed since you left Nørdwind Télécom');
    expect(mail.text).toContain('Dear Zoë,');
    expect(raw.toString('latin1')).toContain('List-Unsubscribe: <mailto:stay@northwind.example?subject=unsubscribe>\r\n');
    expect(mail.date?.toISOString()).toBe('2026-11-20T12:00:00.000Z');
    // Headers are 7-bit with encoded words; the body is UTF-8 (quoted-printable).
    expect(raw.toString('latin1')).toMatch(/Content-Type: text\/plain; charset=utf-8/);
  });
});
