import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/backend/dispatch';
import { handlers } from '../../electron/backend/handlers';
import { contract } from '../../shared/api';
import { call, testBackend, type TestBackend } from '../helpers/backend';

let b: TestBackend;
beforeEach(() => {
  b = testBackend();
});
afterEach(() => b.dispose());

describe('the API dispatcher', () => {
  it('has exactly one handler per contract channel', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('refuses a channel outside the contract', async () => {
    const r = await b.dispatch('db.exec', { sql: 'DROP TABLE customers' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(!r.ok && r.error.message).toContain('db.exec');
    const proto = await b.dispatch('__proto__', {});
    expect(proto.ok).toBe(false);
  });

  it('asks who is using the console before anything else', async () => {
    const r = await b.dispatch('queue.list', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'not_set_up' } });
  });

  it('rejects a bad payload with the field and reason, and changes nothing', async () => {
    const r = await b.dispatch('session.setup', { name: '', role: 'agent' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Enter a name.', field: 'name' } });
    const r2 = await b.dispatch('session.setup', { name: 'Ann', role: 'root' });
    expect(r2).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const r3 = await b.dispatch('session.setup', { name: 'Ann', role: 'agent', extra: 1 });
    expect(r3).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const s = await b.dispatch('session.get', {});
    expect(s).toMatchObject({ ok: true, value: { user: null } });
  });

  it('sets up the person and returns them in the session, once', async () => {
    const r = await b.dispatch('session.setup', { name: 'Ann Agent', role: 'agent' });
    expect(r).toMatchObject({ ok: true, value: { user: { name: 'Ann Agent', role: 'agent' } } });
    const again = await b.dispatch('session.setup', { name: 'Ann Agent', role: 'manager' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await b.dispatch('session.get', {})).toEqual(r);
  });

  it('turns an unexpected failure into a plain message without internals', async () => {
    const dispatch = createDispatcher(b.deps, {
      ...handlers,
      'session.get': () => {
        throw new Error('SQLITE_CORRUPT at page 7');
      },
    });
    const r = await dispatch('session.get', {});
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong inside the console. Nothing was changed; try again.' },
    });
  });

  it('says a full disk in plain words, not in those of SQLite', async () => {
    const dispatch = createDispatcher(b.deps, {
      ...handlers,
      'session.get': () => {
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      },
    });
    expect(await dispatch('session.get', {})).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'The disk holding the database is full, so it could not be written. Free some space on that disk and try again.' },
    });
  });
});

describe('the demo', () => {
  it('loads the 1,869 departed customers of the telecom sample with fictional names and phones', async () => {
    await b.dispatch('session.setup', { name: 'Mia Manager', role: 'manager' });
    const r = await b.dispatch('demo.load', {});
    expect(r).toEqual({ ok: true, value: { customers: 1869, cycle: 'November 2026' } });
    const phones = b.db.prepare('SELECT DISTINCT phone FROM customers').pluck().all() as string[];
    expect(phones.every((p) => /^\+1 555-01\d\d$/.test(p))).toBe(true);
    const session = await b.dispatch('session.get', {});
    expect(session).toMatchObject({ ok: true, value: { demo: true, callingHoursEnforced: false } });
    const people = await call(b.dispatch, 'people.list', { role: 'executive' });
    expect(people.map((p) => p.name)).toEqual(['Morgan Executive (demo)']);
  });

  it('refuses to load into a console that already has customers', async () => {
    await b.dispatch('session.setup', { name: 'Mia Manager', role: 'manager' });
    await b.dispatch('demo.load', {});
    const again = await b.dispatch('demo.load', {});
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(b.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1869);
  });

  it('shows demo customers in the queue, highest monthly revenue first, searchable', async () => {
    await b.dispatch('session.setup', { name: 'Ann Agent', role: 'agent' });
    await b.dispatch('demo.load', {});
    const queue = await call(b.dispatch, 'queue.list', { limit: 5 });
    const revenues = queue.items.map((i) => i.monthlyRevenue ?? 0);
    expect(revenues).toEqual([...revenues].sort((x, y) => y - x));
    // Deceased customers are never queued: 1,869 departed less the 6 deceased.
    expect(queue.total).toBe(1863);
    const first = queue.items[0];
    if (!first) throw new Error('empty queue');
    const found = await call(b.dispatch, 'queue.list', { search: first.externalId });
    expect(found.items.map((i) => i.id)).toEqual([first.id]);
    const card = await b.dispatch('customers.get', { id: first.id });
    expect(card).toMatchObject({ ok: true, value: { externalId: first.externalId, calls: [] } });
  });
});
