import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { customer, fullCall, seedCustomers } from '../helpers/callFixtures';
import { parseEvent } from '../../shared/sync/events';

let b: TestBackend;
let ids: Record<string, number>;
let clock: Date;
let callId: string;

beforeEach(async () => {
  clock = new Date('2026-11-16T15:00:00Z');
  b = testBackend(() => clock);
  await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
  ids = seedCustomers(b.db, [customer({ externalId: 'C-1', name: 'Ada Example' })]);
  const s = await call(b.dispatch, 'call.start', { customerId: ids['C-1'] ?? -1 });
  callId = s.state.callId;
  await call(b.dispatch, 'call.complete', {
    state: fullCall(s.state, { outcome: 'declined', offer: { skippedBecause: '', answers: [{ offerId: 'offer.loyalty-discount', answer: 'declined' }], note: '' } }),
  });
  clock = new Date('2026-11-17T09:30:00Z');
});
afterEach(() => b.dispose());

const amendedEvents = () =>
  (b.db.prepare("SELECT id, payload, seq, created_at FROM outbox WHERE kind = 'call.amended' ORDER BY seq").all() as { id: string; payload: string; seq: number; created_at: string }[]).map((e) => ({
    payload: JSON.parse(e.payload) as Record<string, unknown>,
    valid: parseEvent({ id: e.id, kind: 'call.amended', consoleId: 'desk-1', seq: e.seq, occurredAt: e.created_at, payload: JSON.parse(e.payload) as unknown }).ok,
  }));

describe('amending a completed call', () => {
  it('corrects the outcome on the call and the customer, keeping who, when, why and the old value', async () => {
    const detail = await call(b.dispatch, 'call.amend', { callId, note: 'Customer rang back: thinking it over', outcome: 'considering', reactivationUntil: '2026-12-17' });
    expect(detail).toMatchObject({ outcome: 'considering', reactivationUntil: '2026-12-17' });
    expect(detail.amendments).toEqual([
      {
        id: expect.any(String) as string,
        at: '2026-11-17T09:30:00.000Z',
        by: 'Ann Agent',
        note: 'Customer rang back: thinking it over',
        changes: ['Outcome: Declined → Considering', 'End of reactivation period: — → 2026-12-17'],
      },
    ]);
    expect(b.db.prepare('SELECT outcome FROM calls WHERE id = ?').pluck().get(callId)).toBe('considering');
    expect(b.db.prepare('SELECT last_outcome FROM customers WHERE id = ?').pluck().get(ids['C-1'])).toBe('considering');
    const row = b.db.prepare('SELECT old_values, new_values, amended_by FROM call_amendments').get() as { old_values: string; new_values: string; amended_by: string };
    expect(JSON.parse(row.old_values)).toEqual({ outcome: 'declined', reactivationUntil: null });
    expect(JSON.parse(row.new_values)).toEqual({ outcome: 'considering', reactivationUntil: '2026-12-17' });
    expect(amendedEvents()).toEqual([
      { valid: true, payload: expect.objectContaining({ callId, outcome: 'considering', note: 'Customer rang back: thinking it over', amendedAt: '2026-11-17T09:30:00.000Z' }) as unknown },
    ]);
    // The customer card, like every report, reads the corrected value.
    const card = await call(b.dispatch, 'customers.get', { id: ids['C-1'] ?? -1 });
    expect(card.calls[0]?.outcome).toBe('considering');
  });

  it('replaces the diagnosed reasons so reports count the corrected ones', async () => {
    const detail = await call(b.dispatch, 'call.amend', {
      callId,
      note: 'It was the move, not the price',
      reasons: [
        { reasonId: 'changed-needs.moved', primary: true },
        { reasonId: 'price.too-expensive', primary: false },
      ],
    });
    expect(detail.reasons.map((r) => [r.reasonId, r.primary])).toEqual([
      ['changed-needs.moved', true],
      ['price.too-expensive', false],
    ]);
    expect(detail.amendments[0]?.changes).toEqual(['Reasons: Too expensive (primary), Extra charges → Moved (primary), Too expensive']);
    expect(amendedEvents()[0]?.payload.diagnosedReasons).toEqual([
      { reasonId: 'changed-needs.moved', categoryId: 'changed-needs', primary: true },
      { reasonId: 'price.too-expensive', categoryId: 'price', primary: false },
    ]);
    const card = await call(b.dispatch, 'customers.get', { id: ids['C-1'] ?? -1 });
    expect(card.calls[0]?.diagnosedReason).toBe('Moved');
  });

  it('changes an offer answer and issues the code the accepted offer carries', async () => {
    const detail = await call(b.dispatch, 'call.amend', { callId, note: 'Accepted by email next morning', offers: [{ offerId: 'offer.loyalty-discount', answer: 'accepted' }] });
    const offer = detail.offers.find((o) => o.offerId === 'offer.loyalty-discount');
    expect(offer?.answer).toBe('accepted');
    expect(offer?.code).toMatch(/^WB-/);
    expect(detail.amendments[0]?.changes).toEqual(['Offer "15% off for 3 months": Declined → Accepted']);
    expect(amendedEvents()[0]?.payload.offers).toContainEqual({
      offerId: 'offer.loyalty-discount',
      answer: 'accepted',
      offer: '15% off for 3 months',
      cost: { kind: 'discount', percent: 15, months: 3 },
    });
  });

  it('turns a call into a callback at the customer-local time', async () => {
    const detail = await call(b.dispatch, 'call.amend', { callId, note: 'Asked to be called back', outcome: 'callback', callbackLocal: '2026-11-18T09:15' });
    expect(detail.callbackAt).toBe('2026-11-18T17:15:00.000Z');
    expect(b.db.prepare('SELECT callback_at FROM customers WHERE id = ?').pluck().get(ids['C-1'])).toBe('2026-11-18T17:15:00.000Z');
  });

  it('refuses a correction that changes nothing, or lacks its details, and writes nothing', async () => {
    const same = await callResult(b.dispatch, 'call.amend', { callId, note: 'no change', outcome: 'declined' });
    expect(same).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Nothing to correct: the values given are the ones the call already has.' } });
    const noDate = await callResult(b.dispatch, 'call.amend', { callId, note: 'x', outcome: 'considering' });
    expect(noDate).toMatchObject({ ok: false, error: { message: 'Considering needs the end of the reactivation period as a real date.' } });
    const twoPrimaries = await callResult(b.dispatch, 'call.amend', {
      callId,
      note: 'x',
      reasons: [
        { reasonId: 'changed-needs.moved', primary: true },
        { reasonId: 'price.too-expensive', primary: true },
      ],
    });
    expect(twoPrimaries).toMatchObject({ ok: false, error: { message: 'Mark exactly one reason as the primary reason.' } });
    const noWhy = await callResult(b.dispatch, 'call.amend', { callId, note: '  ', outcome: 'recovered' });
    expect(noWhy).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Say why the call is corrected.', field: 'note' } });
    expect(b.db.prepare('SELECT count(*) FROM call_amendments').pluck().get()).toBe(0);
    expect(amendedEvents()).toEqual([]);
  });

  it('lets only the caller or a manager correct a call', async () => {
    await signIn(b.dispatch, { name: 'Sam Agent', role: 'agent' });
    expect(await callResult(b.dispatch, 'call.amend', { callId, note: 'x', outcome: 'recovered' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Only the person who made the call or a manager can correct it.' },
    });
    await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
    const detail = await call(b.dispatch, 'call.amend', { callId, note: 'Checked the recording', outcome: 'recovered' });
    expect(detail.amendments[0]?.by).toBe('Mia Manager');
    expect(detail.caller).toBe('Ann Agent');
  });

  it('never lifts do not contact as a side effect of a correction', async () => {
    await call(b.dispatch, 'call.amend', { callId, note: 'They asked not to be called again', outcome: 'do_not_contact' });
    expect(b.db.prepare('SELECT do_not_contact FROM customers WHERE id = ?').pluck().get(ids['C-1'])).toBe(1);
    await call(b.dispatch, 'call.amend', { callId, note: 'Wrong button', outcome: 'declined' });
    expect(b.db.prepare('SELECT do_not_contact, last_outcome FROM customers WHERE id = ?').get(ids['C-1'])).toEqual({ do_not_contact: 1, last_outcome: 'declined' });
  });
});
