import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../electron/backend/create';
import { createStderrLogger } from '../../electron/backend/logger';
import { contract, type Channel } from '../../shared/api';
import { call, tempDir, signIn } from '../helpers/backend';
import { join } from 'node:path';

/**
 * Logs leave the desk in support tickets, so they never carry a customer's name or phone number.
 * A whole working session runs with the backend's real stderr logger at its chattiest level, and
 * the captured log is searched for every demo customer's name and phone.
 */
let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
  vi.restoreAllMocks();
});

describe('the log of a full working session', () => {
  it('holds no customer name or phone number', async () => {
    const t = tempDir();
    cleanup.push(t.dispose);
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
    const b = createBackend({ dbPath: join(t.dir, 'winback.db'), log: createStderrLogger('info'), recovery: true, dailyBackups: true });
    cleanup.push(() => b.close());
    await b.database.dailyBackups()?.current();

    await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
    await call(b.dispatch, 'demo.load', {});
    const customers = b.db.prepare('SELECT id, name, phone, external_id FROM customers ORDER BY id').all() as {
      id: number;
      name: string;
      phone: string;
      external_id: string;
    }[];
    const queue = await call(b.dispatch, 'queue.list', { limit: 200 });
    for (const item of queue.items.slice(0, 40)) await call(b.dispatch, 'customers.get', { id: item.id });
    for (const c of customers.slice(0, 20)) {
      await call(b.dispatch, 'queue.list', { search: c.name });
      await call(b.dispatch, 'queue.list', { search: c.phone });
    }
    // Failures log too: a missing customer, bad input that carries a customer's name, and every
    // channel called with the wrong shape.
    await b.dispatch('customers.get', { id: 9_999_999 });
    await b.dispatch('session.setup', { name: `${customers[0]?.name ?? ''} ${'x'.repeat(200)}`, role: 'agent' });
    for (const channel of Object.keys(contract) as Channel[]) await b.dispatch(channel, { phone: customers[1]?.phone });
    await b.dispatch('maintenance.restoreBackup', { file: `${customers[2]?.name ?? ''}.db` });
    await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
    await call(b.dispatch, 'queue.list', { limit: 50 });
    await call(b.dispatch, 'maintenance.status', {});

    const log = lines.join('');
    // The capture works: the session did log.
    expect(log).toContain('"message":"demo loaded"');
    expect(log).toContain('"message":"daily backup written"');
    expect(customers).toHaveLength(1869);
    const leaks: string[] = [];
    for (const c of customers) {
      if (log.includes(c.name)) leaks.push(`name of ${c.external_id}`);
      if (log.includes(c.phone) || log.includes(c.phone.replace(/\D/g, ''))) leaks.push(`phone of ${c.external_id}`);
    }
    expect(leaks).toEqual([]);
  });
});
