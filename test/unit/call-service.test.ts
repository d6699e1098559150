import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { customer, fullCall, seedCustomers } from '../helpers/callFixtures';
import { parseEvent } from '../../shared/sync/events';
import type { CallState } from '../../shared/domain/callMachine';
import type { CallSession } from '../../shared/api/call';

let b: TestBackend;
let ids: Record<string, number>;
let clock: Date;

beforeEach(async () => {
  clock = new Date('2026-11-16T15:00:00Z');
  b = testBackend(() => clock);
  await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
  ids = seedCustomers(b.db, [
    customer({ externalId: 'C-1', name: 'Ada Example', monthlyRevenue: 99.5 }),
    customer({ externalId: 'C-2', name: 'Bruno Sample', monthlyRevenue: 80, statedReasonText: 'Moved', statedReasonId: 'changed-needs.moved' }),
    customer({ externalId: 'C-DNC', monthlyRevenue: 200 }),
    customer({ externalId: 'C-NOCONTACT', phone: null, monthlyRevenue: 150 }),
    customer({ externalId: 'C-DECEASED', statedReasonText: 'Deceased', statedReasonId: 'not-recoverable.deceased', monthlyRevenue: 300 }),
  ]);
  b.db.prepare("UPDATE customers SET do_not_contact = 1 WHERE external_id = 'C-DNC'").run();
});
afterEach(() => b.dispose());

const id = (ext: string) => ids[ext] ?? -1;
const count = (table: string, where = '1 = 1', ...params: unknown[]) =>
  b.db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get(...params) as number;
const events = () =>
  (b.db.prepare('SELECT id, kind, payload, created_at FROM outbox ORDER BY seq').all() as { id: string; kind: string; payload: string; created_at: string }[]).map(
    (e, i) => ({ kind: e.kind, payload: JSON.parse(e.payload) as Record<string, unknown>, envelope: { id: e.id, kind: e.kind, consoleId: 'desk-1', seq: i + 1, occurredAt: e.created_at, payload: JSON.parse(e.payload) as unknown } }),
  );

async function start(ext: string): Promise<CallSession> {
  return call(b.dispatch, 'call.start', { customerId: id(ext) });
}

describe('starting a call', () => {
  it('opens a fresh call with the briefing, the active taxonomy and the playbook', async () => {
    const s = await start('C-1');
    expect(s.restoredFrom).toBeNull();
    expect(s.state).toMatchObject({ customerId: id('C-1'), stage: 'apologize', feedback: { rep: 'Rep Avery (demo)', team: 'Billing desk' } });
    expect(s.customer).toMatchObject({
      name: 'Ada Example',
      statedReason: 'Price too high',
      statedReasonName: 'Too expensive',
      statedCategoryId: 'price',
      statedCategoryName: 'Price / value for money',
      timezone: 'America/Los_Angeles',
      tenureMonths: 30,
      history: [],
    });
    expect(s.caller).toMatchObject({ name: 'Ann Agent', role: 'agent' });
    expect(s.taxonomy.find((c) => c.id === 'price')?.reasons.map((r) => r.id)).toContain('price.too-expensive');
    expect(s.rules.map((r) => r.id)).toContain('rule.price-discount');
    expect(s.offers.map((o) => o.id)).toContain('offer.loyalty-discount');
    // Nothing is written until the agent changes something.
    expect(count('call_drafts')).toBe(0);
  });

  it('takes the next customer: the first callable one in the queue', async () => {
    clock = new Date('2026-11-16T18:00:00Z'); // 10:00 in Los Angeles, inside calling hours
    const s = await call(b.dispatch, 'call.start', { next: true });
    expect(s.customer.externalId).toBe('C-1');
  });

  it('skips customers outside their calling hours, and says so when nobody can be called now', async () => {
    b.db.prepare("UPDATE settings SET value = 'true' WHERE key = 'contact.callingHoursEnforced'").run();
    // 07:00 in Los Angeles: before calling hours for both customers there.
    const early = await callResult(b.dispatch, 'call.start', { next: true });
    expect(early).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/^Nobody at the top of your queue can be called right now/) as string } });
    // A customer in Berlin, where it is 16:00, comes first although worth less.
    b.db.prepare("UPDATE customers SET timezone = 'Europe/Berlin' WHERE external_id = 'C-2'").run();
    const s = await call(b.dispatch, 'call.start', { next: true });
    expect(s.customer.externalId).toBe('C-2');
  });

  it('says so when nobody is left to call', async () => {
    b.db.prepare("UPDATE customers SET last_outcome = 'recovered' WHERE external_id IN ('C-1', 'C-2')").run();
    const r = await callResult(b.dispatch, 'call.start', { next: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found', message: 'Nobody is left to call in your queue.' } });
  });

  it('refuses customers who must never be called, with the reason', async () => {
    expect(await callResult(b.dispatch, 'call.start', { customerId: id('C-DNC') })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Customer C-DNC is marked do not contact and must not be called.' },
    });
    expect(await callResult(b.dispatch, 'call.start', { customerId: id('C-NOCONTACT') })).toMatchObject({
      ok: false,
      error: { message: 'Customer C-NOCONTACT has no contact details: no phone and no email.' },
    });
    expect(await callResult(b.dispatch, 'call.start', { customerId: id('C-DECEASED') })).toMatchObject({
      ok: false,
      error: { message: 'Customer C-DECEASED left for a reason that is never called (Deceased).' },
    });
    expect(await callResult(b.dispatch, 'call.start', { customerId: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('drafts', () => {
  it('restores the saved draft exactly, with when it was saved', async () => {
    const s = await start('C-1');
    const edited: CallState = { ...s.state, stage: 'listen', reached: 'listen', listen: { words: 'Too dear, and the app kept logging me out' } };
    clock = new Date('2026-11-16T15:01:30Z');
    expect(await call(b.dispatch, 'call.saveDraft', { state: edited })).toEqual({ savedAt: '2026-11-16T15:01:30.000Z' });
    const again = await start('C-1');
    // Everything the agent wrote comes back as saved; the handle-time clock moves on to the restore.
    expect({ ...again.state, clock: undefined }).toEqual({ ...edited, clock: undefined });
    expect(again.state.clock?.stageSince).toBe('2026-11-16T15:01:30.000Z');
    expect(again.restoredFrom).toBe('2026-11-16T15:01:30.000Z');
    expect(await call(b.dispatch, 'call.resume', {})).toEqual({ customerId: id('C-1') });
  });

  it('keeps one draft per customer, the latest', async () => {
    const s = await start('C-1');
    await call(b.dispatch, 'call.saveDraft', { state: { ...s.state, apologize: { note: 'one' } } });
    await call(b.dispatch, 'call.saveDraft', { state: { ...s.state, apologize: { note: 'two' } } });
    expect(count('call_drafts')).toBe(1);
    expect((await start('C-1')).state.apologize.note).toBe('two');
  });

  it('resumes nothing when no call is open', async () => {
    expect(await call(b.dispatch, 'call.resume', {})).toEqual({ customerId: null });
  });

  it('refuses a malformed draft and changes nothing', async () => {
    const s = await start('C-1');
    const r = await callResult(b.dispatch, 'call.saveDraft', { state: { ...s.state, stage: 'pitch' } as unknown as CallState });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!r.ok && r.error.message).toMatch(/^state\.stage: /);
    expect(count('call_drafts')).toBe(0);
  });

  it('never brings a completed call back as a draft', async () => {
    const s = await start('C-1');
    const done = fullCall(s.state);
    await call(b.dispatch, 'call.complete', { state: done });
    const late = await callResult(b.dispatch, 'call.saveDraft', { state: done });
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict', message: 'This call is already completed; the draft was not saved.' } });
    expect(count('call_drafts')).toBe(0);
  });
});

describe('completing a call', () => {
  it('saves the call, its stages, reasons, offers with a code, feedback, customer and events in one go', async () => {
    const s = await start('C-1');
    await call(b.dispatch, 'call.saveDraft', { state: s.state });
    const done = fullCall(s.state);
    const result = await call(b.dispatch, 'call.complete', { state: done });

    expect(result).toMatchObject({ callId: s.state.callId, outcome: 'recovered', callbackAt: null });
    expect(result.codes).toHaveLength(1);
    expect(result.codes[0]).toMatchObject({ offerId: 'offer.loyalty-discount', offerName: '15% off for 3 months' });
    expect(result.codes[0]?.code).toMatch(/^WB-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);

    const row = b.db.prepare('SELECT * FROM calls WHERE id = ?').get(s.state.callId) as Record<string, unknown>;
    expect(row).toMatchObject({ outcome: 'recovered', caller_role: 'agent', cycle_id: '2026-11', reason_confirmed: 1, customer_words: done.listen.words });
    expect(b.db.prepare('SELECT stage, note FROM call_stages WHERE call_id = ? ORDER BY rowid').all(s.state.callId)).toEqual([
      { stage: 'apologize', note: 'Apologised for the bill shock' },
      { stage: 'listen', note: '' },
      { stage: 'diagnose', note: '' },
      { stage: 'assist', note: 'Refunded the double charge' },
      { stage: 'offer', note: '' },
    ]);
    expect(b.db.prepare('SELECT reason_id, is_primary FROM call_reasons WHERE call_id = ? ORDER BY is_primary DESC').all(s.state.callId)).toEqual([
      { reason_id: 'price.too-expensive', is_primary: 1 },
      { reason_id: 'price.extra-charges', is_primary: 0 },
    ]);
    // The proposed plan change was not made: kept as "not offered", without a code.
    expect(b.db.prepare('SELECT offer_id, answer, code IS NOT NULL AS has_code FROM call_offers WHERE call_id = ? ORDER BY offer_id').all(s.state.callId)).toEqual([
      { offer_id: 'offer.cheaper-plan', answer: 'not_offered', has_code: 0 },
      { offer_id: 'offer.loyalty-discount', answer: 'accepted', has_code: 1 },
    ]);
    expect(b.db.prepare('SELECT frontline_rep, frontline_team, text, status FROM feedback').all()).toEqual([
      { frontline_rep: 'Rep Avery (demo)', frontline_team: 'Billing desk', text: 'Explain price changes before the bill arrives.', status: 'new' },
    ]);
    expect(b.db.prepare('SELECT attempts, last_outcome, callback_at, do_not_contact FROM customers WHERE id = ?').get(id('C-1'))).toEqual({
      attempts: 1,
      last_outcome: 'recovered',
      callback_at: null,
      do_not_contact: 0,
    });
    expect(count('call_drafts')).toBe(0);

    const evs = events();
    expect(evs.map((e) => e.kind)).toEqual(['call.completed', 'feedback.recorded']);
    for (const e of evs) expect(parseEvent(e.envelope)).toMatchObject({ ok: true });
    expect(evs[0]?.payload).toMatchObject({
      callId: s.state.callId,
      externalId: 'C-1',
      cycle: 'November 2026',
      callerName: 'Ann Agent',
      callerRole: 'agent',
      outcome: 'recovered',
      reasonConfirmed: true,
      diagnosedReasons: [
        { reasonId: 'price.too-expensive', categoryId: 'price', primary: true },
        { reasonId: 'price.extra-charges', categoryId: 'price', primary: false },
      ],
      monthlyRevenue: 99.5,
      statedReasonId: 'price.too-expensive',
      // The cycle's id and each offer's name and cost travel, for the hub's offer economics and handle time.
      cycleId: '2026-11',
      offers: [
        { offerId: 'offer.loyalty-discount', answer: 'accepted', offer: '15% off for 3 months', cost: { kind: 'discount', percent: 15, months: 3 } },
        { offerId: 'offer.cheaper-plan', answer: 'not_offered', offer: 'A plan that fits what they use', cost: { kind: 'none' } },
      ],
    });
    expect(JSON.stringify(evs)).not.toContain('Ada');
    expect(evs[1]?.payload).toMatchObject({ callId: s.state.callId, frontlineRep: 'Rep Avery (demo)', reasonId: 'price.too-expensive', status: 'new' });

    const card = await call(b.dispatch, 'customers.get', { id: id('C-1') });
    expect(card.calls).toEqual([expect.objectContaining({ caller: 'Ann Agent', outcome: 'recovered', diagnosedReason: 'Too expensive' })]);
    expect((await call(b.dispatch, 'queue.list', {})).items.map((i) => i.externalId)).toEqual(['C-2']);
  });

  it('saves a completed call once, however often completion is retried', async () => {
    const s = await start('C-1');
    const done = fullCall(s.state);
    const first = await call(b.dispatch, 'call.complete', { state: done });
    const second = await call(b.dispatch, 'call.complete', { state: done });
    expect(second).toEqual(first);
    expect(count('calls')).toBe(1);
    expect(count('outbox')).toBe(2);
    expect(b.db.prepare('SELECT attempts FROM customers WHERE id = ?').pluck().get(id('C-1'))).toBe(1);
  });

  it('saves nothing at all when any part of the transaction fails', async () => {
    const s = await start('C-1');
    await call(b.dispatch, 'call.saveDraft', { state: s.state });
    // The outbox write is the last step; make it fail to prove the earlier ones are rolled back.
    b.db.exec("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const r = await callResult(b.dispatch, 'call.complete', { state: fullCall(s.state) });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    for (const table of ['calls', 'call_stages', 'call_reasons', 'call_offers', 'feedback', 'outbox']) expect(count(table), table).toBe(0);
    expect(b.db.prepare('SELECT attempts, last_outcome FROM customers WHERE id = ?').get(id('C-1'))).toEqual({ attempts: 0, last_outcome: null });
    expect(count('call_drafts')).toBe(1);
    b.db.exec('DROP TRIGGER fail_outbox');
    expect((await call(b.dispatch, 'call.complete', { state: fullCall(s.state) })).outcome).toBe('recovered');
  });

  it('records No answer from the first stage without the rest of the call', async () => {
    const s = await start('C-2');
    const r = await call(b.dispatch, 'call.complete', { state: { ...s.state, outcome: 'no_answer' } });
    expect(r.outcome).toBe('no_answer');
    expect(b.db.prepare('SELECT stage FROM call_stages').pluck().all()).toEqual(['apologize']);
    expect(count('call_offers')).toBe(0);
    expect(events().map((e) => e.kind)).toEqual(['call.completed']);
    // Still in the queue: No answer means try again.
    expect((await call(b.dispatch, 'queue.list', {})).items.map((i) => i.externalId)).toContain('C-2');
  });

  it('refuses outcomes the call has not earned, and what is not in the taxonomy or playbook', async () => {
    const s = await start('C-1');
    const cases: [Partial<CallState>, RegExp][] = [
      [{ outcome: 'recovered' }, /^Recovered needs the Offer stage\./],
      [{ outcome: null }, /^Choose an outcome\.$/],
    ];
    for (const [over, message] of cases) {
      const r = await callResult(b.dispatch, 'call.complete', { state: { ...s.state, ...over } });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message).toMatch(message);
    }
    const badReason = fullCall(s.state, { diagnose: { categoryId: 'price', primaryReasonId: 'price.made-up', otherReasonIds: [], confirmed: true, note: '' } });
    expect(await callResult(b.dispatch, 'call.complete', { state: badReason })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'There is no reason with id price.made-up in the taxonomy.' },
    });
    const badOffer = fullCall(s.state, { offer: { skippedBecause: '', answers: [{ offerId: 'offer.free-car', answer: 'accepted' }], note: '' } });
    expect(await callResult(b.dispatch, 'call.complete', { state: badOffer })).toMatchObject({
      ok: false,
      error: { message: 'There is no offer with id offer.free-car in the playbook.' },
    });
    expect(count('calls')).toBe(0);
    expect(count('outbox')).toBe(0);
  });

  it('stores a callback at the customer-local time as an instant, and refuses one already past', async () => {
    const s = await start('C-2');
    const past = await callResult(b.dispatch, 'call.complete', { state: { ...s.state, outcome: 'callback', callbackLocal: '2026-11-16T06:30' } });
    expect(past).toMatchObject({ ok: false, error: { message: "The callback time has already passed in the customer's time zone (America/Los_Angeles)." } });
    const r = await call(b.dispatch, 'call.complete', { state: { ...s.state, outcome: 'callback', callbackLocal: '2026-11-17T10:00' } });
    expect(r.callbackAt).toBe('2026-11-17T18:00:00.000Z');
    expect(b.db.prepare('SELECT callback_at, last_outcome FROM customers WHERE id = ?').get(id('C-2'))).toEqual({
      callback_at: '2026-11-17T18:00:00.000Z',
      last_outcome: 'callback',
    });
    expect(b.db.prepare('SELECT callback_local FROM calls').pluck().get()).toBe('2026-11-17T10:00');
  });

  it('needs the end of the reactivation period for Considering', async () => {
    const s = await start('C-1');
    const noDate = await callResult(b.dispatch, 'call.complete', { state: fullCall(s.state, { outcome: 'considering' }) });
    expect(noDate).toMatchObject({ ok: false, error: { message: 'Considering needs the end of the reactivation period.' } });
    await call(b.dispatch, 'call.complete', { state: fullCall(s.state, { outcome: 'considering', reactivationUntil: '2026-12-16' }) });
    expect(b.db.prepare('SELECT reactivation_until FROM calls').pluck().get()).toBe('2026-12-16');
  });

  it('marks the customer do not contact, out of every queue', async () => {
    const s = await start('C-2');
    await call(b.dispatch, 'call.complete', { state: { ...s.state, outcome: 'do_not_contact' } });
    expect(b.db.prepare('SELECT do_not_contact FROM customers WHERE id = ?').pluck().get(id('C-2'))).toBe(1);
    expect(await callResult(b.dispatch, 'call.start', { customerId: id('C-2') })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('shows what was tried on the next call’s briefing', async () => {
    const s = await start('C-2');
    await call(b.dispatch, 'call.complete', {
      state: fullCall(s.state, { outcome: 'declined', offer: { skippedBecause: '', answers: [{ offerId: 'offer.pause', answer: 'declined' }], note: '' } }),
    });
    const next = await start('C-2');
    expect(next.customer.history).toEqual([
      expect.objectContaining({ caller: 'Ann Agent', outcome: 'declined', reason: 'Too expensive', assistActions: ['fixed_billing'], offers: [{ name: 'Pause instead of leaving', answer: 'declined' }] }),
    ]);
    expect(next.customer.attempts).toBe(1);
  });
});
