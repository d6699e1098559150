import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { call, callResult, testBackend, type TestBackend } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { readExport, settledExport } from '../helpers/exports';
import { mayContact } from '../../electron/backend/outreach/mayContact';
import { CONSENT_WORDING } from '../../shared/domain/consent';

let b: TestBackend;
let ids: Record<string, number>;
let clock = new Date('2026-11-16T15:00:00Z');

beforeEach(async () => {
  clock = new Date('2026-11-16T15:00:00Z');
  b = testBackend(() => clock);
  await call(b.dispatch, 'session.setup', { name: 'Ann Agent', role: 'agent' });
  ids = seedCustomers(b.db, [
    customer({ externalId: 'C-1', phone: '+1 415 555 0101', email: 'ada@example.test', monthlyRevenue: 90 }),
    customer({ externalId: 'C-2', phone: '+1 415 555 0102', email: 'bo@example.test', monthlyRevenue: 80 }),
  ]);
});
afterEach(() => b.dispose());

const id = (ext: string) => ids[ext] ?? 0;
const queued = async () => (await call(b.dispatch, 'queue.list', {})).items.map((i) => i.externalId).sort();

describe('consent, recorded as said', () => {
  it('keeps each answer with the words read, the time and the agent; the latest wins; a "no" goes on the ledger at once', async () => {
    const s = await call(b.dispatch, 'call.start', { customerId: id('C-1') });
    expect(s.customer.consent).toEqual({ phone: null, email: null, post: null });
    const record = (channel: 'phone' | 'email' | 'post', answer: 'yes' | 'no' | 'no_answer') =>
      call(b.dispatch, 'consent.record', { customerId: id('C-1'), callId: s.state.callId, channel, answer, wording: CONSENT_WORDING[channel] });

    await record('email', 'yes');
    clock = new Date('2026-11-16T15:01:00Z');
    const latest = await record('email', 'no');
    expect(latest.email).toEqual({ channel: 'email', answer: 'no', wording: 'May we email you about our services and offers?', at: '2026-11-16T15:01:00.000Z', by: 'Ann Agent', callId: s.state.callId });
    // At once: before the call is completed, the address is on the ledger and no email may go.
    expect(mayContact(b.db, id('C-1'), 'email')).toEqual({ ok: false, why: { key: 'outreach.leftOutWhy.email_ledger' }, closed: 'email_ledger' });
    expect(b.db.prepare('SELECT kind, value, scope, source FROM permission_entries').all()).toEqual([{ kind: 'email', value: 'ada@example.test', scope: 'email', source: 'customer' }]);
    // Calls are still allowed: the customer said no to emails only.
    expect(mayContact(b.db, id('C-1'), 'phone')).toEqual({ ok: true });

    await record('post', 'no');
    expect(mayContact(b.db, id('C-1'), 'post')).toEqual({ ok: false, why: { key: 'outreach.leftOutWhy.said_no_post' }, closed: 'said_no' });
    await record('phone', 'no_answer');

    const history = await call(b.dispatch, 'consent.get', { customerId: id('C-1') });
    expect(history.history.map((h) => `${h.channel}:${h.answer}`)).toEqual(['phone:no_answer', 'post:no', 'email:no', 'email:yes']);
    const card = await call(b.dispatch, 'customers.get', { id: id('C-1') });
    expect(card.consent).toMatchObject({ phone: { answer: 'no_answer' }, email: { answer: 'no' }, post: { answer: 'no' } });

    await record('phone', 'no');
    expect(await queued()).toEqual(['C-2']);
  });

  it('is recorded on a call only, and only with the question as it is now', async () => {
    const other = await call(b.dispatch, 'call.start', { customerId: id('C-2') });
    expect(
      await callResult(b.dispatch, 'consent.record', { customerId: id('C-1'), callId: other.state.callId, channel: 'phone', answer: 'yes', wording: CONSENT_WORDING.phone }),
    ).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Consent is recorded on a call with this customer: start the call first.' } });
    expect(
      await callResult(b.dispatch, 'consent.record', { customerId: id('C-2'), callId: other.state.callId, channel: 'phone', answer: 'yes', wording: 'May we call?' }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(b.db.prepare('SELECT count(*) FROM consents').pluck().get()).toBe(0);
  });

  it('is exported with the customers, beside the ledger', async () => {
    const s = await call(b.dispatch, 'call.start', { customerId: id('C-1') });
    await call(b.dispatch, 'consent.record', { customerId: id('C-1'), callId: s.state.callId, channel: 'phone', answer: 'no', wording: CONSENT_WORDING.phone });
    await call(b.dispatch, 'consent.record', { customerId: id('C-1'), callId: s.state.callId, channel: 'email', answer: 'yes', wording: CONSENT_WORDING.email });
    // Exports are a manager's: the same console, its person made a manager.
    b.db.prepare("UPDATE people SET role = 'manager'").run();
    const started = await call(b.dispatch, 'exports.start', { dataset: 'customers' });
    await settledExport(b, started);
    const rows = parse<Record<string, string>>(await readExport(b, started.jobId), { columns: true, bom: true });
    const c1 = rows.find((r) => r['Customer ID'] === 'C-1');
    expect(c1).toMatchObject({ 'On the do-not-call ledger': 'yes', 'Consent to calls': 'No (2026-11-16)', 'Consent to emails': 'Yes (2026-11-16)', 'Consent to letters': '' });
    expect(rows.find((r) => r['Customer ID'] === 'C-2')).toMatchObject({ 'On the do-not-call ledger': 'no', 'Consent to calls': '' });
  });
});
