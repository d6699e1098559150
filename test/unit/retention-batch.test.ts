import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyRetention, retentionCandidates } from '../../electron/backend/privacy/retention';
import type { CallState } from '../../shared/domain/callMachine';
import { call, testBackend, type TestBackend } from '../helpers/backend';
import { customer, fullCall, seedCustomers } from '../helpers/callFixtures';
import { summaryDifferences } from '../helpers/reportSummaries';

/**
 * Retention erases a whole batch of customers with one statement per table
 * (db/repos/erasure.ts). These customers differ in every way a summary table counts (revenue,
 * segment, stated reason mapped or written, diagnosis, offers, outcome), so a statement that
 * touched one row too many or too few, or a trigger left behind, shows up as a summary that no
 * longer matches the raw tables or a report total that moved.
 */

let clock = new Date('2024-03-04T15:00:00Z');
let b: TestBackend;

const OLD = [
  { id: 'OLD-1', name: 'Odile Ashworth', phone: '+1 415 555 0111', email: 'odile@example.test', revenue: 40, segment: 'Month-to-month', statedId: 'price.too-expensive', statedText: 'Price too high' },
  { id: 'OLD-2', name: 'Percival Brightwater', phone: '+1 415 555 0112', email: 'percival@example.test', revenue: 75, segment: 'One year', statedId: null, statedText: 'The router kept dropping' },
  { id: 'OLD-3', name: 'Quentin Cavendish', phone: '+1 415 555 0113', email: null, revenue: 120, segment: 'One year', statedId: 'price.too-expensive', statedText: 'Too dear' },
  { id: 'OLD-4', name: 'Rosalind Dunmore', phone: '+1 415 555 0114', email: 'rosalind@example.test', revenue: 18, segment: 'Month-to-month', statedId: null, statedText: null },
  { id: 'OLD-5', name: 'Sebastian Everleigh', phone: '+1 415 555 0115', email: 'sebastian@example.test', revenue: 60, segment: 'Two year', statedId: null, statedText: 'Moving abroad' },
];
const RECENT = { id: 'NEW-1', name: 'Tabitha Fairweather', phone: '+1 415 555 0116' };

/** The call each old customer had in March 2024: every outcome and offer answer the summaries split by. */
const CALLS: Record<string, Partial<CallState> | null> = {
  'OLD-1': {},
  'OLD-2': { outcome: 'declined', offer: { skippedBecause: '', answers: [{ offerId: 'offer.loyalty-discount', answer: 'declined' }], note: '' } },
  'OLD-3': { outcome: 'recovered', offer: { skippedBecause: 'No offer fits', answers: [], note: '' }, diagnose: { categoryId: 'price', primaryReasonId: 'price.extra-charges', otherReasonIds: [], confirmed: true, note: '' } },
  'OLD-4': { outcome: 'do_not_contact' },
  'OLD-5': null,
};

let ids: Record<string, number>;

beforeEach(async () => {
  clock = new Date('2024-03-04T15:00:00Z');
  b = testBackend(() => clock);
  await call(b.dispatch, 'session.setup', { name: 'Mia Manager', role: 'manager' });
  await call(b.dispatch, 'permissions.settings.set', { country: 'US' });
  ids = seedCustomers(b.db, [
    ...OLD.map((o) =>
      customer({ externalId: o.id, name: o.name, phone: o.phone, email: o.email, monthlyRevenue: o.revenue, segment: o.segment, statedReasonId: o.statedId, statedReasonText: o.statedText, departedAt: '2024-01-15', notes: `${o.name} asked for mornings` }),
    ),
    customer({ externalId: RECENT.id, name: RECENT.name, phone: RECENT.phone, departedAt: '2026-10-20' }),
  ]);
  for (const o of OLD) {
    const over = CALLS[o.id];
    if (over === null || over === undefined) continue;
    const s = await call(b.dispatch, 'call.start', { customerId: ids[o.id] ?? 0 });
    await call(b.dispatch, 'call.complete', {
      state: fullCall(s.state, { listen: { words: `${o.name} says the bill doubled` }, summary: `Spoke with ${o.name}`, feedback: { ...s.state.feedback, text: `${o.name} was never called back` }, ...over }),
    });
    clock = new Date(clock.getTime() + 60 * 60 * 1000);
  }
  // The recent customer was called this month, the events of every call still wait for the hub.
  clock = new Date('2026-11-16T15:00:00Z');
  const s = await call(b.dispatch, 'call.start', { customerId: ids[RECENT.id] ?? 0 });
  await call(b.dispatch, 'call.complete', { state: fullCall(s.state) });
});
afterEach(() => b.dispose());

function bytesOnDisk(): string {
  const parts = [readFileSync(b.dbPath)];
  if (existsSync(`${b.dbPath}-wal`)) parts.push(readFileSync(`${b.dbPath}-wal`));
  return Buffer.concat(parts).toString('latin1');
}

async function everyTotal() {
  const stated = await call(b.dispatch, 'reports.reasons', { by: 'stated' });
  const diagnosed = await call(b.dispatch, 'reports.reasons', { by: 'diagnosed' });
  const recovery = await call(b.dispatch, 'reports.recovery', {});
  const offers = await call(b.dispatch, 'reports.offerMatrix', {});
  const agreement = await call(b.dispatch, 'reports.agreement', {});
  return { stated: stated.totals, diagnosed: diagnosed.totals, recovery, offers, agreement };
}

const offerWinsDiffer = () =>
  b.db.prepare('SELECT count(*) FROM (SELECT * FROM offer_wins EXCEPT SELECT * FROM offer_win_facts UNION ALL SELECT * FROM offer_win_facts EXCEPT SELECT * FROM offer_wins)').pluck().get();

describe('retention over a batch of customers', () => {
  it('erases them all in one pass, and every summary table still matches the raw tables, with every report total unchanged', async () => {
    expect(summaryDifferences(b.db)).toEqual([]);
    expect(b.db.prepare('SELECT count(*) FROM offer_wins').pluck().get()).toBeGreaterThan(0);
    const pendingBefore = b.db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get() as number;
    expect(pendingBefore).toBeGreaterThan(0);
    // The agent's "Do not contact" put OLD-4's number on the ledger in plain, waiting for the hub.
    expect(JSON.stringify(b.db.prepare('SELECT change FROM permission_outbox').pluck().all())).toContain('+14155550114');
    const before = await everyTotal();

    const now = new Date('2026-11-16T16:00:00Z');
    expect(retentionCandidates(b.db, 24, now)).toHaveLength(OLD.length);
    expect(applyRetention(b.db, { id: null, name: 'daily retention' }, 24, now)).toEqual({ erased: OLD.length });

    expect(summaryDifferences(b.db)).toEqual([]);
    expect(offerWinsDiffer()).toBe(0);
    expect(await everyTotal()).toEqual(before);

    // Nothing of theirs is left in the file, its -wal, the events waiting for the hub or the ledger's queue.
    const disk = bytesOnDisk();
    const words = OLD.flatMap((o) => [o.name, o.phone, o.phone.replace(/\D/g, '').replace(/^1/, '+1'), ...(o.email ? [o.email] : [])]);
    for (const w of words) expect({ w, found: disk.includes(w) }).toEqual({ w, found: false });
    expect(disk).not.toContain('The router kept dropping');
    const events = JSON.stringify(b.db.prepare('SELECT payload FROM outbox').pluck().all());
    for (const o of OLD) expect(events).not.toContain(`"${o.id}"`);
    expect(JSON.stringify(b.db.prepare('SELECT change FROM permission_outbox').pluck().all())).not.toContain('+14155550114');
    // The events kept their number and order: only their contents changed.
    expect(b.db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get()).toBe(pendingBefore);

    // The recent customer is untouched; the ledger keeps each erased number hashed, once.
    expect(b.db.prepare('SELECT name FROM customers WHERE external_id = ?').pluck().get(RECENT.id)).toBe(RECENT.name);
    const hashedPhones = b.db.prepare("SELECT count(*) FROM permission_entries WHERE kind = 'phone' AND value LIKE 'sha256:%' AND uid LIKE 'erased:%'").pluck().get();
    expect(hashedPhones).toBe(OLD.length);
    const audit = await call(b.dispatch, 'privacy.audit', {});
    expect(audit.filter((r) => r.what === 'retention applied').map((r) => `${r.who} x${r.count}`)).toEqual([`the command line x${OLD.length}`]);
  });

  it('refuses a batch naming a customer erased already, and changes nothing', async () => {
    const { eraseCustomers, eraseCustomer } = await import('../../electron/backend/privacy/erase');
    const now = new Date('2026-11-16T16:00:00Z');
    eraseCustomer(b.db, { id: null, name: 'Mia Manager' }, ids['OLD-1'] ?? 0, now);
    const names = () => b.db.prepare('SELECT count(*) FROM customers WHERE name IS NOT NULL').pluck().get();
    const before = names();
    expect(() => eraseCustomers(b.db, { id: null, name: 'Mia Manager' }, [{ id: ids['OLD-2'] ?? 0 }, { id: ids['OLD-1'] ?? 0 }], now)).toThrow(/already been erased/);
    expect(names()).toBe(before);
  });
});

describe('the retention setting, through the contract', () => {
  it('refuses months out of range and a daily run without months, changing nothing; saves a daily run and reports the last run', async () => {
    const { callResult } = await import('../helpers/backend');
    expect(await call(b.dispatch, 'privacy.retention', {})).toEqual({ months: null, daily: false, lastRun: null, nextRunAt: null, wouldErase: null });
    for (const bad of [{ months: 0, daily: false }, { months: 601, daily: true }, { months: 2.5, daily: false }, { months: null, daily: true }]) {
      expect(await callResult(b.dispatch, 'privacy.retention.set', bad)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await callResult(b.dispatch, 'privacy.retention.set', { months: null, daily: true })).toMatchObject({ error: { message: 'A daily run needs a number of months.', field: 'daily' } });
    expect((await call(b.dispatch, 'privacy.retention', {})).months).toBeNull();

    const saved = await call(b.dispatch, 'privacy.retention.set', { months: 24, daily: true });
    // Due now: it has never run. The dry run counts the five who departed in January 2024.
    expect(saved).toEqual({ months: 24, daily: true, lastRun: null, nextRunAt: clock.toISOString(), wouldErase: OLD.length });
    applyRetention(b.db, { id: null, name: 'daily retention' }, 24, clock);
    const after = await call(b.dispatch, 'privacy.retention', {});
    expect(after.lastRun).toEqual({ at: clock.toISOString(), erased: OLD.length });
    expect(after.wouldErase).toBe(0);
    // Kept as months without a daily run: nothing is due.
    expect(await call(b.dispatch, 'privacy.retention.set', { months: 36, daily: false })).toMatchObject({ months: 36, daily: false, nextRunAt: null });
    const audit = await call(b.dispatch, 'privacy.audit', {});
    expect(audit.filter((r) => r.what === 'daily retention set').map((r) => r.who)).toEqual(['Mia Manager', 'Mia Manager']);
  });
});
