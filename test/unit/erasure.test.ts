import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend } from '../helpers/backend';
import { customer, fullCall, seedCustomers } from '../helpers/callFixtures';

let b: TestBackend;
let ids: Record<string, number>;

const NAME = 'Zelda Quixotic';
const PHONE = '+1 415 555 0177';
const E164 = '+14155550177';
const EMAIL = 'zelda.quixotic@example.test';

beforeEach(async () => {
  b = testBackend();
  await call(b.dispatch, 'session.setup', { name: 'Mia Manager', role: 'manager' });
  ids = seedCustomers(b.db, [
    customer({ externalId: 'Z-1', name: NAME, company: 'Quixotic Widgets', phone: PHONE, email: EMAIL, notes: `${NAME} prefers mornings`, monthlyRevenue: 95 }),
    customer({ externalId: 'C-2', phone: '+1 415 555 0102', monthlyRevenue: 80 }),
  ]);
});
afterEach(() => b.dispose());

/** Every place a byte of the database can be: the file and its write-ahead log. */
function bytesOnDisk(): Buffer {
  const parts = [readFileSync(b.dbPath)];
  if (existsSync(`${b.dbPath}-wal`)) parts.push(readFileSync(`${b.dbPath}-wal`));
  return Buffer.concat(parts);
}
const occurrences = (haystack: Buffer, needle: string) => {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n += 1;
  return n;
};

async function reportTotals() {
  const stated = await call(b.dispatch, 'reports.reasons', { by: 'stated' });
  const diagnosed = await call(b.dispatch, 'reports.reasons', { by: 'diagnosed' });
  return { stated: stated.totals, diagnosed: diagnosed.totals };
}

describe('erasing a customer on request', () => {
  it('removes the name, number and email from the database file and its -wal, keeps every report total, and never calls the number again', async () => {
    const z = ids['Z-1'] ?? 0;
    const s = await call(b.dispatch, 'call.start', { customerId: z });
    await call(b.dispatch, 'call.complete', {
      state: fullCall(s.state, {
        listen: { words: `This is ${NAME}, call me on ${PHONE} or ${EMAIL}.` },
        feedback: { text: `${NAME} was promised a callback that never came.`, rep: 'Rep Avery', team: 'Billing desk' },
        summary: `Spoke with ${NAME}`,
      }),
    });
    // A second call left as a draft, and the events still waiting for the hub.
    const again = await call(b.dispatch, 'call.start', { customerId: z });
    await call(b.dispatch, 'call.saveDraft', { state: { ...again.state, listen: { words: `${NAME} again` } } });
    expect(b.db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get()).toBeGreaterThan(0);
    b.db.pragma('wal_checkpoint(PASSIVE)');
    expect(occurrences(bytesOnDisk(), NAME)).toBeGreaterThan(0);
    const before = await reportTotals();

    expect(await callResult(b.dispatch, 'privacy.erase', { customerId: z, confirm: 'Z-2' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const erased = await call(b.dispatch, 'privacy.erase', { customerId: z, confirm: 'Z-1' });
    expect(erased.calls).toBe(1);

    const disk = bytesOnDisk();
    for (const needle of [NAME, 'Quixotic', PHONE, E164, EMAIL, '415 555 0177']) expect({ needle, found: occurrences(disk, needle) }).toEqual({ needle, found: 0 });
    expect(await reportTotals()).toEqual(before);

    // The number is never called again, and cannot be read back from the ledger.
    seedCustomers(b.db, [customer({ externalId: 'NEW-9', phone: '(415) 555-0177', monthlyRevenue: 10 })]);
    await call(b.dispatch, 'permissions.settings.set', { country: 'US' });
    expect((await call(b.dispatch, 'queue.list', {})).items.map((i) => i.externalId)).toEqual(['C-2']);
    expect(await callResult(b.dispatch, 'call.start', { customerId: ids['C-2'] ?? 0 })).toMatchObject({ ok: true });
    const ledger = await call(b.dispatch, 'permissions.ledger', {});
    expect(ledger.entries.every((e) => e.value.startsWith('sha256:'))).toBe(true);
    const audit = await call(b.dispatch, 'privacy.audit', {});
    expect(audit.map((r) => `${r.who}: ${r.what} ${r.kind} x${r.count}`)).toEqual([
      "Mia Manager: desk's country set  x1",
      'Mia Manager: customer erased  x1',
    ]);
    expect(JSON.stringify(audit)).not.toContain('0177');
  });
});

describe('retention by age', () => {
  it('counts on a dry run, then removes the personal data of those departed long ago and not called since', async () => {
    const { applyRetention, retentionCandidates } = await import('../../electron/backend/privacy/retention');
    seedCustomers(b.db, [customer({ externalId: 'OLD-1', name: 'Olga Oldtimer', departedAt: '2024-01-15', monthlyRevenue: 5 })]);
    const now = new Date('2026-11-16T15:00:00Z');
    expect(retentionCandidates(b.db, 24, now).length).toBe(1);
    expect(b.db.prepare("SELECT count(*) FROM customers WHERE name = 'Olga Oldtimer'").pluck().get()).toBe(1);
    expect(applyRetention(b.db, { id: 'm', name: 'Mia Manager' }, 24, now)).toEqual({ erased: 1 });
    expect(occurrences(bytesOnDisk(), 'Olga Oldtimer')).toBe(0);
    expect(retentionCandidates(b.db, 24, now)).toEqual([]);
    // Those departed this year stay.
    expect(b.db.prepare("SELECT count(*) FROM customers WHERE external_id IN ('Z-1', 'C-2')").pluck().get()).toBe(2);
  });
});
