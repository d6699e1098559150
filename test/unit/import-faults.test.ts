import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../helpers/backend';
import { importFile, writeFixture } from '../helpers/importing';
import { ImportFileError } from '../../electron/backend/import/errors';
import type { ImportMapping } from '../../shared/domain/importMapping';
import { english } from '../helpers/said';

const MAPPING: ImportMapping = {
  columns: {
    externalId: 'Customer ID',
    name: 'Name',
    phone: 'Phone',
    monthlyRevenue: 'Monthly Charges',
    statedReason: 'Churn Reason',
  },
};
const HEADER = 'Customer ID,Name,Phone,Monthly Charges,Churn Reason';
const root = join(import.meta.dirname, '..', '..');

let b: TestBackend;
beforeEach(() => {
  b = testBackend();
});
afterEach(() => b.dispose());

const customers = () => b.db.prepare('SELECT external_id FROM customers ORDER BY external_id').pluck().all();

describe('line endings', () => {
  it('a header ending in CRLF with rows ending in LF imports every row', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `A-${100 + i},Person ${i},+1 555-01${String(i).padStart(2, '0')},${20 + i},Moved`);
    const file = writeFixture(b, 'mixed.csv', `${HEADER}\r\n${rows.join('\n')}\n`);
    const result = await importFile(b, file, { mapping: MAPPING });
    expect(result.plan.invalid).toBe(0);
    expect(result.written).toMatchObject({ imported: 50 });
    expect(customers()).toHaveLength(50);
    expect(b.db.prepare("SELECT monthly_revenue FROM customers WHERE external_id = 'A-149'").pluck().get()).toBe(69);
  });
});

describe('--skip-invalid', () => {
  const allBad = `${HEADER}\nA-1,Ada,+1 555-0101,-5,Moved\nA-2,Bruno,no phone,20,Moved\n`;

  it('writes nothing and does not succeed when every row is invalid', async () => {
    const result = await importFile(b, writeFixture(b, 'bad.csv', allBad), { mapping: MAPPING, skipInvalid: true });
    expect(result.written).toBeNull();
    expect(b.db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
  });

  it('the command exits 1 and says every row was invalid', () => {
    const file = writeFixture(b, 'bad.csv', `Customer ID,Name,Phone,Monthly Charges,Churn Reason,Churn Label\r\nA-1,Ada,+1 555-0101,5,Moved,Yes\nA-2,Bruno,+1 555-0102,20,Moved,Yes\n`);
    const r = spawnSync(process.execPath, [join(root, 'bin', 'winback.mjs'), 'import', file, '--db', join(b.dir, 'cli.db'), '--skip-invalid'], {
      cwd: root,
      encoding: 'utf8',
    });
    // Either the file is read right (two customers) or the command must not claim success.
    if (r.status === 0) expect(r.stdout).toMatch(/^Imported 2 new departed customers/);
    const bad = spawnSync(
      process.execPath,
      [join(root, 'bin', 'winback.mjs'), 'import', writeFixture(b, 'allbad.csv', allBad.replace(HEADER, `${HEADER},Churn Label`).replace(/Moved/g, 'Moved,Yes')), '--db', join(b.dir, 'cli.db'), '--skip-invalid'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/Nothing was written: every row of the file is invalid/);
  }, 60_000);
});

describe('messages a person can read', () => {
  it('a missing column among 50,000 characters of header is named, and the header is cut', async () => {
    const header = Array.from({ length: 5000 }, (_, i) => `Column ${i}`).join(',');
    const error = await importFile(b, writeFixture(b, 'wide.csv', `${header}\nx\n`), { mapping: MAPPING }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportFileError);
    const message = (error as Error).message;
    expect(message).toMatch(/^The mapping uses the column "Customer ID" for Customer id, but the file has no such column\. Its 5,000 columns are: Column 0, Column 1, /);
    expect(message).toMatch(/… and 4,9\d\d more\.$/);
    expect(message.length).toBeLessThan(600);
  });

  it('the preview warns about revenue such as "1.234" or "1,234" that reads two ways', async () => {
    const file = writeFixture(b, 'thousands.csv', `${HEADER}\nA-1,Ada,+1 555-0101,"1,234",Moved\nA-2,Bruno,+1 555-0102,20.50,Moved\nA-3,Chioma,+1 555-0103,"2,500",Moved\n`);
    const preview = await importFile(b, file, { mapping: MAPPING, dryRun: true });
    expect(preview.plan.warnings.map(english)).toEqual([
      'Monthly Charges: "1,234" on line 2 (and 1 more value like it) could mean 1.234 or 1234; it is read as 1234, because this file ' +
        'writes decimals with a point. Check the file before importing.',
    ]);
    const plain = await importFile(b, writeFixture(b, 'plain.csv', `${HEADER}\nA-1,Ada,+1 555-0101,1234.5,Moved\n`), { mapping: MAPPING, dryRun: true });
    expect(plain.plan.warnings).toEqual([]);
  });
});
