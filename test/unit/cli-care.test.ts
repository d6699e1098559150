import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend, signIn } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { completeCallWith } from '../helpers/care';
import { openDatabase } from '../../db/open';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'winback.mjs');
let b: TestBackend;

const winback = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
const indicatorRows = () => {
  const db = openDatabase(b.dbPath);
  try {
    return db.prepare('SELECT purchases, spend, satisfaction FROM care_indicators').all();
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  b = testBackend(() => new Date('2026-05-20T15:00:00Z'));
  await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
  const ids = seedCustomers(b.db, [customer({ externalId: '7590-VHVEG' }), customer({ externalId: '5575-GNVDE' })]);
  await completeCallWith(b, ids['7590-VHVEG'] ?? -1, 'recovered');
  b.close();
});
afterAll(() => rmSync(b.dir, { recursive: true, force: true }));

describe('winback care import', () => {
  it('has --help with --db, --dry-run and --json', () => {
    const r = winback(['care', 'import', '--help']);
    expect(r.status).toBe(0);
    for (const option of ['--db', '--dry-run', '--json']) expect(r.stdout).toContain(option);
  });

  it('refuses a file with a bad row: lists it, exits 1, writes nothing', () => {
    const file = join(b.dir, 'bad.csv');
    writeFileSync(file, '\uFEFFcustomer_id;purchases;spend;satisfaction\n7590-VHVEG;3;12,50;4\n5575-GNVDE;1;;9\n');
    const r = winback(['care', 'import', file, '--db', b.dbPath]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      'Nothing was imported: 2 problems in bad.csv. Fix them and import the whole file again.\n' +
        '  line 3, satisfaction: The satisfaction must be from 1 to 5, not 9.\n' +
        '  line 3, customer id: Customer 5575-GNVDE is not in intensive care (never recovered, or departed again).\n',
    );
    expect(indicatorRows()).toEqual([]);

    const json = winback(['care', 'import', file, '--db', b.dbPath, '--json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ file: 'bad.csv', rows: 1, applied: false, dryRun: false, errorCount: 2, errors: [{ line: 3, column: 'satisfaction' }, { line: 3, column: 'customer id' }] });
  });

  it('checks only with --dry-run, then imports the file', () => {
    const file = join(b.dir, 'good.csv');
    writeFileSync(file, 'customer_id;purchases;spend;satisfaction;region\n7590-VHVEG;3;12,50;4;North\n');
    const dry = winback(['care', 'import', file, '--db', b.dbPath, '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toBe('Would import indicators for 1 customer in intensive care. Dry run: nothing was written.\nColumns not read: region.\n');
    expect(indicatorRows()).toEqual([]);

    const r = winback(['care', 'import', file, '--db', b.dbPath]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Imported indicators for 1 customer in intensive care; their next review starts from them.');
    expect(indicatorRows()).toEqual([{ purchases: 3, spend: 12.5, satisfaction: 4 }]);
  });

  it('says in one line when the file does not exist', () => {
    const r = winback(['care', 'import', join(b.dir, 'nope.csv'), '--db', b.dbPath]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`winback: There is no file at ${join(b.dir, 'nope.csv')}.\n`);
  });
});
