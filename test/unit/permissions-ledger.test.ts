import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { createBackend, type Backend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import { mayContact } from '../../electron/backend/outreach/mayContact';
import { runImport } from '../../electron/backend/import/run';
import { writeFileSync } from 'node:fs';
import { english } from '../helpers/said';

let b: TestBackend;
let ids: Record<string, number>;
let clock = new Date('2026-11-16T15:00:00Z');
const opened: string[] = [];
let desk: Backend | undefined;

beforeEach(async () => {
  clock = new Date('2026-11-16T15:00:00Z');
  b = testBackend(() => clock);
  await call(b.dispatch, 'session.setup', { name: 'Mia Manager', role: 'manager' });
  ids = seedCustomers(b.db, [
    customer({ externalId: 'C-1', phone: '(415) 555-0101', email: 'ada@example.test', monthlyRevenue: 90 }),
    customer({ externalId: 'C-2', phone: '+1 415 555 0102', monthlyRevenue: 80 }),
    customer({ externalId: 'C-3', phone: '+1 415 555 0103', email: 'cy@example.test', monthlyRevenue: 70 }),
  ]);
  await call(b.dispatch, 'permissions.settings.set', { country: 'US' });
});
afterEach(() => {
  desk?.close();
  desk = undefined;
  opened.length = 0;
  b.dispose();
});

const queued = async () => (await call(b.dispatch, 'queue.list', {})).items.map((i) => i.externalId).sort();

/** The same database opened by the desktop shell, whose phone app records what it is asked to open. */
function desktopDesk(): Backend {
  desk = createBackend({
    dbPath: b.dbPath,
    log: silentLogger,
    now: () => clock,
    desktop: { openDialUrl: (url) => Promise.resolve(void opened.push(url)), applyTheme: () => undefined },
  });
  return desk;
}

describe('the contact-permission ledger', () => {
  it("blocks a number however it is written: out of the queue, refused at call start and at the dial button, back when a manager expires it", async () => {
    expect(await queued()).toEqual(['C-1', 'C-2', 'C-3']);
    const entry = await call(b.dispatch, 'permissions.add', { kind: 'phone', value: '+1 415-555-0101', scope: 'call', note: 'Asked by letter' });
    expect(entry).toMatchObject({ kind: 'phone', value: '+14155550101', scope: 'call', source: 'manager', addedBy: 'Mia Manager' });

    expect(await queued()).toEqual(['C-2', 'C-3']);
    const status = await call(b.dispatch, 'contactPolicy.status', { customerId: ids['C-1'] ?? 0 });
    expect(english(status.why)).toBe('Blocked: do not call, since Nov 16, 2026, by Mia Manager: on the contact-permission ledger.');
    expect(await callResult(b.dispatch, 'call.start', { customerId: ids['C-1'] ?? 0 })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Customer C-1 must not be called: Blocked: do not call, since Nov 16, 2026, by Mia Manager.' },
    });
    expect(await call(b.dispatch, 'permissions.customer', { customerId: ids['C-1'] ?? 0 })).toEqual({
      call: { scope: 'call', source: 'manager', since: '2026-11-16T15:00:00.000Z', by: 'Mia Manager', expiresAt: null },
      email: null,
    });

    const d = desktopDesk();
    expect(await callResult(d.dispatch, 'dial.open', { number: '(415) 555-0101', customerId: ids['C-1'] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Blocked: do not call, since Nov 16, 2026, by Mia Manager. Nothing was dialled.' },
    });
    expect(await callResult(d.dispatch, 'dial.open', { number: '415 555 0101' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(opened).toEqual([]);
    // Calling is blocked; email is not, for a "do not call" entry.
    expect(mayContact(b.db, ids['C-1'] ?? 0, 'phone')).toEqual({ ok: false, why: { key: 'outreach.leftOutWhy.call_ledger' }, closed: 'call_ledger' });
    expect(mayContact(b.db, ids['C-1'] ?? 0, 'email')).toEqual({ ok: true });

    await call(b.dispatch, 'permissions.expire', { id: entry.id });
    expect(await queued()).toEqual(['C-1', 'C-2', 'C-3']);
    expect(await call(d.dispatch, 'dial.open', { number: '(415) 555-0101', customerId: ids['C-1'] })).toEqual({ scheme: 'tel' });
    expect(opened).toEqual(['tel:4155550101']);
    // Expired, not deleted: the history stays.
    const ledger = await call(b.dispatch, 'permissions.ledger', { includeExpired: true });
    expect(ledger.entries).toEqual([expect.objectContaining({ id: entry.id, expiredBy: 'Mia Manager', expiredAt: '2026-11-16T15:00:00.000Z' })]);
    expect(b.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'permissions.%' ORDER BY id").pluck().all()).toEqual(['permissions.settings', 'permissions.add', 'permissions.expire']);
  });

  it('blocks by email and by customer id, and an entry with an expiry frees the customer once it has passed', async () => {
    await call(b.dispatch, 'permissions.add', { kind: 'email', value: ' CY@Example.test ', scope: 'all' });
    await call(b.dispatch, 'permissions.add', { kind: 'customer', value: 'C-2', scope: 'call', expiresAt: '2026-11-20T00:00:00Z' });
    expect(await queued()).toEqual(['C-1']);
    expect(mayContact(b.db, ids['C-3'] ?? 0, 'email')).toEqual({ ok: false, why: { key: 'outreach.leftOutWhy.email_ledger' }, closed: 'email_ledger' });
    clock = new Date('2026-11-21T15:00:00Z');
    expect(await queued()).toEqual(['C-1', 'C-2']);
  });

  it('refuses what is not a number, a repeat of an active entry, an expiry in the past, and anyone but a manager', async () => {
    expect(await callResult(b.dispatch, 'permissions.add', { kind: 'phone', value: 'call me', scope: 'call' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await call(b.dispatch, 'permissions.add', { kind: 'phone', value: '4155550102', scope: 'call' });
    expect(await callResult(b.dispatch, 'permissions.add', { kind: 'phone', value: '+14155550102', scope: 'call' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await callResult(b.dispatch, 'permissions.add', { kind: 'phone', value: '+14155550103', scope: 'call', expiresAt: '2026-01-01T00:00:00Z' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'The expiry is in the past: choose a later date, or none.' },
    });
    const agent = testBackend(() => clock);
    try {
      await call(agent.dispatch, 'session.setup', { name: 'Ann Agent', role: 'agent' });
      expect(await callResult(agent.dispatch, 'permissions.add', { kind: 'phone', value: '+14155550103', scope: 'call' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await callResult(agent.dispatch, 'permissions.importList', { name: 'x', scope: 'call', text: '+14155550103' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      agent.dispose();
    }
  });

  it("puts the agent's \"Do not contact\" on the ledger with the call: the customer, their number and email, for every desk", async () => {
    // Another customer of the same household number is kept out with them.
    seedCustomers(b.db, [customer({ externalId: 'C-4', phone: '415.555.0101'.replace(/\./g, ' '), monthlyRevenue: 10 })]);
    const s = await call(b.dispatch, 'call.start', { customerId: ids['C-1'] ?? 0 });
    await call(b.dispatch, 'call.complete', { state: { ...s.state, outcome: 'do_not_contact' } });
    const entries = b.db.prepare('SELECT kind, value, scope, source, added_by FROM permission_entries ORDER BY id').all();
    expect(entries).toEqual([
      { kind: 'customer', value: 'C-1', scope: 'all', source: 'customer', added_by: 'Mia Manager' },
      { kind: 'phone', value: '+14155550101', scope: 'all', source: 'customer', added_by: 'Mia Manager' },
      { kind: 'email', value: 'ada@example.test', scope: 'all', source: 'customer', added_by: 'Mia Manager' },
    ]);
    expect(b.db.prepare('SELECT count(*) FROM permission_outbox').pluck().get()).toBe(3);
    expect(await queued()).toEqual(['C-2', 'C-3']);
  });
});

describe('suppression lists', () => {
  it('imports one number a line, every format, duplicates once, and keeps the customers on it out of the queue', async () => {
    const text = '\uFEFF(415) 555-0102\n+1 415 555 0102\n\n0014155550103\n';
    const result = await call(b.dispatch, 'permissions.importList', { name: 'Company list', scope: 'call', text });
    expect(result).toMatchObject({ numbers: 2, duplicates: 1, customersBlocked: 2 });
    expect(await queued()).toEqual(['C-1']);
    const status = await call(b.dispatch, 'contactPolicy.status', { customerId: ids['C-2'] ?? 0 });
    expect(english(status.why)).toBe('Blocked: do not call, since Nov 16, 2026, by Mia Manager (list "Company list"): on the contact-permission ledger.');
    // Its values travel to the hub as the list and its values.
    expect(b.db.prepare("SELECT json_extract(change, '$.type') FROM permission_outbox ORDER BY seq").pluck().all()).toEqual(['list', 'list.values']);
  });

  it('reads a column of a CSV file, named or found by its header', async () => {
    const csv = 'Name;Telefon;Since\nAda;4155550101;2020\nBo;+1 415 555 0103;2021\n';
    expect(await callResult(b.dispatch, 'permissions.importList', { name: 'Registry', scope: 'call', text: csv })).toMatchObject({
      ok: false,
      error: { code: 'invalid_file', message: 'Which column holds the numbers? Name it (the file\'s columns: Name, Telefon, Since).' },
    });
    expect(await call(b.dispatch, 'permissions.importList', { name: 'Registry', scope: 'call', registry: true, column: 'telefon', text: csv })).toMatchObject({ numbers: 2, customersBlocked: 2 });
    expect(await queued()).toEqual(['C-2']);
  });

  it('refuses a file with bad lines as a whole, naming each line, and changes nothing', async () => {
    const text = '+1 415 555 0102\nnot a number\n+1 415 555 0103\n12\n';
    expect(await callResult(b.dispatch, 'permissions.importList', { name: 'Bad list', scope: 'all', text })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_file',
        message:
          '2 lines cannot be read, so nothing was imported. line 2: A phone number may contain only digits, spaces, +, - and parentheses.; line 4: A phone number has between 3 and 17 digits.',
      },
    });
    expect(b.db.prepare('SELECT (SELECT count(*) FROM permission_lists) + (SELECT count(*) FROM permission_list_values) + (SELECT count(*) FROM permission_outbox)').pluck().get()).toBe(0);
    expect(await queued()).toEqual(['C-1', 'C-2', 'C-3']);
  });
});

describe('importing customers against the ledger', () => {
  it('imports and counts a suppressed customer, and keeps them out of every queue', async () => {
    await call(b.dispatch, 'permissions.importList', { name: 'Registry', scope: 'call', text: '+1 415 555 0199\n' });
    const path = join(b.dir, 'departed.csv');
    writeFileSync(path, 'id,name,phone,left,reason\nN-1,Nia New,415-555-0199,2026-11-02,Price too high\nN-2,Ned New,415-555-0198,2026-11-02,Price too high\n');
    const me = await call(b.dispatch, 'session.get', {});
    const result = await runImport(b.deps, { path, fileName: 'departed.csv', dryRun: false, skipInvalid: false, actorId: me.user?.id ?? null, stagingDir: b.dir });
    expect(result.written).toMatchObject({ imported: 2, suppressed: 1 });
    expect(await queued()).toEqual(['C-1', 'C-2', 'C-3', 'N-2']);
    const customers = await call(b.dispatch, 'queue.list', { search: 'N-1' });
    expect(customers.items).toEqual([]);
  });
});

describe('the established-relationship window', () => {
  it('lets a recent customer on a registry list be called while it is on, and keeps older ones out with the reason', async () => {
    seedCustomers(b.db, [customer({ externalId: 'OLD-1', phone: '+1 415 555 0161', departedAt: '2024-06-01', monthlyRevenue: 5 })]);
    await call(b.dispatch, 'permissions.importList', { name: 'National registry', scope: 'call', registry: true, text: '+1 415 555 0101\n+1 415 555 0161\n' });
    await call(b.dispatch, 'permissions.importList', { name: 'Company list', scope: 'call', text: '+1 415 555 0103\n' });
    // Off (the default): the registry keeps both out.
    expect(await queued()).toEqual(['C-2']);
    await call(b.dispatch, 'permissions.settings.set', { country: 'US', relationshipMonths: 18 });
    // On: C-1 departed this month and may be called; OLD-1 left 29 months ago; the company's own list still holds C-3.
    expect(await queued()).toEqual(['C-1', 'C-2']);
    const old = await call(b.dispatch, 'contactPolicy.status', { customerId: b.db.prepare("SELECT id FROM customers WHERE external_id = 'OLD-1'").pluck().get() as number });
    expect(english(old.why)).toBe('Blocked: do not call, since Nov 16, 2026, by Mia Manager (list "National registry"): relationship window passed.');
    expect(await callResult(b.dispatch, 'call.start', { customerId: ids['C-1'] ?? 0 })).toMatchObject({ ok: true });
    await call(b.dispatch, 'permissions.settings.set', { country: 'US', relationshipMonths: null });
    expect(await queued()).toEqual(['C-2']);
  });
});
