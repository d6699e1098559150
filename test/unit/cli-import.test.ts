import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend';
import { writeDepartedCsv } from '../helpers/departedCsv';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'winback.mjs');
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function folder() {
  const t = tempDir();
  cleanup = t.dispose;
  return t.dir;
}

function winback(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
}

function count(db: string, sql: string): number {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).pluck().get() as number;
  } finally {
    d.close();
  }
}

const HEADER = 'Customer ID,Name,Phone,Monthly Charges,Churn Reason\n';

describe('winback import', () => {
  it('documents its options in --help', () => {
    const help = winback(['import', '--help']);
    expect(help.status).toBe(0);
    for (const option of ['--db', '--mapping', '--cycle', '--dry-run', '--json', '--skip-invalid'])
      expect(help.stdout).toContain(option);
  });

  it('prints the documented JSON, and with invalid rows exits 1 and writes nothing', () => {
    const dir = folder();
    const db = join(dir, 'w.db');
    const csv = join(dir, 'departed.csv');
    writeFileSync(csv, `${HEADER}A-1,Ada,+1 555-0101,80.50,Moved\nA-2,Bruno,+1 555-0102,n/a,Moved\n`);
    const r = winback(['import', csv, '--db', db, '--json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      imported: 0,
      updated: 0,
      skipped: 0,
      invalid: 1,
      errors: [{ line: 3, column: 'Monthly Charges', message: '"n/a" is not a number.' }],
    });
    expect(count(db, 'SELECT count(*) FROM customers')).toBe(0);

    const skipping = winback(['import', csv, '--db', db, '--json', '--skip-invalid']);
    expect(skipping.status).toBe(0);
    expect(JSON.parse(skipping.stdout)).toMatchObject({ imported: 1, updated: 0, skipped: 0, invalid: 1 });
    expect(count(db, 'SELECT count(*) FROM customers')).toBe(1);
  });

  it('--dry-run reports what would happen and writes nothing; a mapping file and --cycle are used', () => {
    const dir = folder();
    const db = join(dir, 'w.db');
    const csv = join(dir, 'departed.csv');
    const mapping = join(dir, 'mapping.json');
    writeFileSync(csv, 'Cust;Tel;Rev;Left?\nA-1;555-0101;80,5;ja\nA-2;555-0102;20;nein\n');
    writeFileSync(
      mapping,
      JSON.stringify({
        columns: { externalId: 'Cust', phone: 'Tel', monthlyRevenue: 'Rev' },
        departedWhen: { column: 'Left?', equals: 'ja' },
      }),
    );
    const dry = winback(['import', csv, '--db', db, '--mapping', mapping, '--dry-run', '--json']);
    expect(dry.status).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({ imported: 1, updated: 0, skipped: 1, invalid: 0, errors: [] });
    expect(count(db, 'SELECT count(*) FROM customers')).toBe(0);
    const real = winback(['import', csv, '--db', db, '--mapping', mapping, '--cycle', '2026-08']);
    expect(real.status).toBe(0);
    expect(real.stdout).toContain(
      'Imported 1 new departed customers and updated 0; skipped 1 rows that did not depart; 0 invalid rows.',
    );
    expect(count(db, "SELECT count(*) FROM customers WHERE cycle_id = '2026-08' AND monthly_revenue = 80.5")).toBe(1);
  });

  it('explains a broken file or mapping in one line', () => {
    const dir = folder();
    const db = join(dir, 'w.db');
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const r = winback(['import', empty, '--db', db]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('winback: The file is empty. Nothing was imported.');
    const json = winback(['import', empty, '--db', db, '--json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      imported: 0,
      updated: 0,
      skipped: 0,
      invalid: 0,
      errors: [{ line: null, column: null, message: 'The file is empty.' }],
    });
    const mapping = join(dir, 'm.json');
    writeFileSync(mapping, '{"columns": {"name": "Name"}}');
    const bad = winback(['import', empty, '--db', db, '--mapping', mapping]);
    expect(bad.stderr.trim()).toMatch(/^winback: The mapping file .*m\.json: columns\.externalId: /);
    expect(winback(['import', join(dir, 'missing.csv'), '--db', db]).stderr.trim()).toMatch(
      /^winback: There is no file at .*missing\.csv\.$/,
    );
  });

  it('leaves nothing behind when killed in the middle of writing', async () => {
    const dir = folder();
    const db = join(dir, 'w.db');
    const csv = join(dir, 'big.csv');
    await writeDepartedCsv(csv, 60_000);
    const child = spawn(process.execPath, [bin, 'import', csv, '--db', db], { cwd: root });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        // The single write transaction has begun: kill the process inside it.
        if (err.includes('Writing')) setTimeout(() => child.kill('SIGKILL'), 300);
      });
      child.once('exit', () => resolve());
      child.once('error', reject);
    });
    expect(child.signalCode).toBe('SIGKILL');
    expect(stdout).not.toContain('Imported');
    const d = new Database(db);
    try {
      expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(d.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
      expect(d.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
      expect(d.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
    } finally {
      d.close();
    }
  }, 120_000);
});
