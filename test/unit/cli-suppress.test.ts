import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { call, testBackend, type TestBackend } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'winback.mjs');
let b: TestBackend | undefined;
afterEach(() => b?.dispose());

function winback(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
}

async function console(role: 'manager' | 'agent'): Promise<TestBackend> {
  b = testBackend();
  await call(b.dispatch, 'session.setup', { name: role === 'manager' ? 'Mia Manager' : 'Ann Agent', role });
  seedCustomers(b.db, [customer({ externalId: 'C-1', phone: '+1 415 555 0101' }), customer({ externalId: 'C-2', phone: '+1 415 555 0102' })]);
  b.close();
  return b;
}

function ledgerSize(path: string): number {
  const d = new Database(path, { readonly: true });
  try {
    return d.prepare('SELECT (SELECT count(*) FROM permission_lists) + (SELECT count(*) FROM permission_list_values)').pluck().get() as number;
  } finally {
    d.close();
  }
}

describe('winback suppress import', () => {
  it('imports a registry column as the console\'s manager and says how many customers it now keeps out', async () => {
    const t = await console('manager');
    const file = join(t.dir, 'dnc.csv');
    writeFileSync(file, 'Number,Listed on\n+1 415 555 0101,2024-01-01\n+1 415 555 0199,2024-02-01\n+1 415 555 0101,2024-03-01\n');
    const r = winback(['suppress', 'import', file, '--db', t.dbPath, '--registry', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ numbers: 2, duplicates: 1, customersBlocked: 1 });
    const human = winback(['suppress', 'import', file, '--db', t.dbPath, '--name', 'Second copy']);
    expect(human.stdout).toBe('Imported 2 numbers into the ledger as "Second copy" (1 duplicates counted once); 0 customers of this console are now kept out of every queue.\n');
  });

  it('refuses a file with bad lines, naming them, with a non-zero exit and nothing written', async () => {
    const t = await console('manager');
    const file = join(t.dir, 'bad.txt');
    writeFileSync(file, '+1 415 555 0101\nnobody\n+1 415 555 0102\n');
    const r = winback(['suppress', 'import', file, '--db', t.dbPath]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('winback: 1 line cannot be read, so nothing was imported. line 2: A phone number may contain only digits, spaces, +, - and parentheses.\n');
    const j = winback(['suppress', 'import', file, '--db', t.dbPath, '--json']);
    expect(j.status).toBe(1);
    expect(JSON.parse(j.stdout)).toEqual({ invalid: 1, errors: [{ line: 2, message: 'A phone number may contain only digits, spaces, +, - and parentheses.' }] });
    expect(ledgerSize(t.dbPath)).toBe(0);
  });

  it('refuses on a console set up for an agent', async () => {
    const t = await console('agent');
    const file = join(t.dir, 'list.txt');
    writeFileSync(file, '+1 415 555 0101\n');
    const r = winback(['suppress', 'import', file, '--db', t.dbPath]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('winback: Only a manager adds to the ledger; this console is set up for Ann Agent (agent). Nothing was imported.\n');
    expect(ledgerSize(t.dbPath)).toBe(0);
  });
});

describe('winback erase', () => {
  it("erases a customer by their id as the console's manager, and refuses an unknown id with a non-zero exit", async () => {
    const t = await console('manager');
    const unknown = winback(['erase', '--customer', 'NOPE', '--db', t.dbPath]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('winback: There is no customer with the id NOPE. Nothing was erased.\n');
    const r = winback(['erase', '--customer', 'C-1', '--db', t.dbPath, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { calls: number; erasedAs: string };
    expect(out.calls).toBe(0);
    expect(out.erasedAs).toMatch(/^erased-[0-9a-f]{16}$/);
    const d = new Database(t.dbPath, { readonly: true });
    try {
      expect(d.prepare("SELECT count(*) FROM customers WHERE external_id = 'C-1' OR phone = '+1 415 555 0101'").pluck().get()).toBe(0);
    } finally {
      d.close();
    }
    const again = winback(['erase', '--customer', 'C-1', '--db', t.dbPath]);
    expect(again.status).toBe(1);
  });

  it('refuses on a console set up for an agent', async () => {
    const t = await console('agent');
    const r = winback(['erase', '--customer', 'C-1', '--db', t.dbPath]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('winback: Only a manager erases customers; this console is set up for Ann Agent (agent). Nothing was erased.\n');
  });
});

describe('winback retention', () => {
  it('counts on --dry-run and changes nothing; refuses without --dry-run or --apply', async () => {
    const t = await console('manager');
    const dry = winback(['retention', '--months', '1', '--dry-run', '--json', '--db', t.dbPath]);
    expect(dry.stderr).toBe('');
    expect(JSON.parse(dry.stdout)).toEqual({ wouldErase: 2 });
    const d = new Database(t.dbPath, { readonly: true });
    try {
      expect(d.prepare("SELECT count(*) FROM customers WHERE external_id LIKE 'erased-%'").pluck().get()).toBe(0);
    } finally {
      d.close();
    }
    const neither = winback(['retention', '--months', '1', '--db', t.dbPath]);
    expect(neither.status).toBe(1);
    expect(neither.stderr).toBe('winback: Say --dry-run to count, --apply to remove, or --daily on|off to have the console do it every day.\n');
  });
});
