import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { tempDir } from '../helpers/backend';

const ROOT = join(import.meta.dirname, '..', '..');
const CHILD = join(import.meta.dirname, 'leaseChild.ts');
const PER_PERSON = 40;

function person(dbPath: string, name: string): { child: ChildProcess; ready: Promise<void>; result: Promise<string[]> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, name, String(PER_PERSON)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<void>((resolve) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.startsWith('ready\n')) resolve();
    });
  });
  const result = once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`${name} exited ${String(code)}: ${err}`);
    return JSON.parse(out.split('\n')[1] ?? '[]') as string[];
  });
  return { child, ready, result };
}

describe('"Next customer" from two processes on one database at the same moment', () => {
  it('never gives two people the same customer', async () => {
    const t = tempDir();
    try {
      const dbPath = join(t.dir, 'winback.db');
      const setup = createBackend({ dbPath, log: silentLogger });
      seedCustomers(setup.db, Array.from({ length: 3 * PER_PERSON }, (_, i) => customer({ externalId: `P-${String(i).padStart(3, '0')}`, monthlyRevenue: 1000 - i })));
      setup.close();

      const people = [person(dbPath, 'Ann Agent'), person(dbPath, 'Bo Agent')];
      await Promise.all(people.map((p) => p.ready));
      for (const p of people) p.child.stdin?.end('go\n');
      const [ann, bo] = await Promise.all(people.map((p) => p.result));
      expect(ann).toHaveLength(PER_PERSON);
      expect(bo).toHaveLength(PER_PERSON);
      expect(new Set([...(ann ?? []), ...(bo ?? [])]).size).toBe(2 * PER_PERSON);
    } finally {
      t.dispose();
    }
  }, 60_000);
});
