import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../helpers/backend';
import { dumpDatabase, importFile, writeFixture } from '../helpers/importing';
import { ImportFileError } from '../../electron/backend/import/errors';
import type { ImportMapping } from '../../shared/domain/importMapping';

const MAPPING: ImportMapping = {
  columns: {
    externalId: 'Customer ID',
    name: 'Name',
    phone: 'Phone',
    monthlyRevenue: 'Monthly Charges',
    statedReason: 'Churn Reason',
  },
};
const HEADER = 'Customer ID,Name,Phone,Monthly Charges,Churn Reason\n';
const GOOD = `${HEADER}A-1,Ada Example,+1 555-0101,80.50,Price too high\nA-2,Bruno Sample,+1 555-0102,20,Moved\n`;

let b: TestBackend;
let before: string;
beforeEach(async () => {
  b = testBackend();
  // A console with customers already in it: "unchanged" must mean more than "still empty".
  await importFile(b, writeFixture(b, 'good.csv', GOOD), { mapping: MAPPING });
  before = dumpDatabase(b.db);
});
afterEach(() => b.dispose());

async function rowErrors(content: string) {
  const result = await importFile(b, writeFixture(b, 'bad.csv', content), { mapping: MAPPING });
  expect(result.written).toBeNull();
  expect(dumpDatabase(b.db)).toBe(before);
  return result.plan;
}

async function fileError(content: string | Uint8Array): Promise<ImportFileError> {
  const error = await importFile(b, writeFixture(b, 'bad.csv', content), { mapping: MAPPING }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  expect(dumpDatabase(b.db)).toBe(before);
  return error as ImportFileError;
}

describe('a malformed file changes nothing and says what is wrong', () => {
  it('an unterminated quote: the line where the quoted value starts', async () => {
    const e = await fileError(
      `${HEADER}A-3,Chioma Example,+1 555-0103,30,Moved\nA-4,"Dmitri Example,+1 555-0104,40,Moved\nA-5,Elif,+1 555-0105,50,Moved\n`,
    );
    expect(e.message).toBe('Line 3: a quoted value is never closed (a " is missing), so the rest of the file cannot be read.');
    expect(e.line).toBe(3);
  });

  it('a row with the wrong number of values', async () => {
    const plan = await rowErrors(`${HEADER}A-3,Chioma Example,+1 555-0103,30,Moved\nA-4,Dmitri,Example,+1 555-0104,40,Moved\n`);
    expect(plan.invalid).toBe(1);
    expect(plan.errors).toEqual([
      {
        line: 3,
        column: null,
        value: null,
        message: 'This row has 6 values; the header has 5. A separator inside a value needs quotes around the value.',
        said: { key: 'errors.importRow.fieldCount', params: { count: 6, header: 5 } },
      },
    ]);
  });

  it('revenue that is not a number', async () => {
    const plan = await rowErrors(`${HEADER}A-3,Chioma Example,+1 555-0103,about 30,Moved\n`);
    expect(plan.errors).toEqual([
      { line: 2, column: 'Monthly Charges', value: 'about 30', message: '"about 30" is not a number.', said: { key: 'errors.importRow.notANumber', params: { value: 'about 30' } } },
    ]);
  });

  it('an empty customer id', async () => {
    const plan = await rowErrors(`${HEADER}A-3,Chioma Example,+1 555-0103,30,Moved\n  ,Nameless,+1 555-0109,10,Moved\n`);
    expect(plan.errors).toEqual([
      { line: 3, column: 'Customer ID', value: '', message: 'The customer id is empty; every customer needs one.', said: { key: 'errors.importRow.noId' } },
    ]);
  });

  it('the same customer id twice in one file', async () => {
    const plan = await rowErrors(
      `${HEADER}A-3,Chioma Example,+1 555-0103,30,Moved\nA-4,Dmitri,+1 555-0104,40,Moved\nA-3,Chioma Again,+1 555-0103,31,Moved\n`,
    );
    expect(plan.invalid).toBe(1);
    expect(plan.errors[0]).toMatchObject({
      line: 4,
      column: 'Customer ID',
      message: 'Customer id "A-3" also appears on line 2; each customer can appear only once in a file.',
    });
  });

  it('an empty file, and one with only a header', async () => {
    expect((await fileError('')).message).toBe('The file is empty.');
    expect((await fileError('\uFEFF\r\n\r\n')).message).toBe('The file is empty.');
    expect((await fileError(HEADER)).message).toBe('The file has a header line but no rows of customers.');
  });

  it('a binary file, and a spreadsheet saved as a workbook', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect((await fileError(png)).message).toMatch(/^This is not a CSV text file: it contains binary data/);
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect((await fileError(zip)).message).toMatch(/looks like an Excel workbook/);
  });

  it('a mapping that names a column the file does not have', async () => {
    const e = await fileError('Cust,Name\nA-3,Chioma\n');
    expect(e.message).toBe(
      'The mapping uses the column "Customer ID" for Customer id, but the file has no such column. Its columns are: Cust, Name.',
    );
  });

  it('several problems: all are listed with their lines, and --skip-invalid imports the rest', async () => {
    const bad = `${HEADER}A-3,Chioma,+1 555-0103,-5,Moved\nA-4,Dmitri,no phone,40,Moved\nA-5,Elif,+1 555-0105,50,Moved\n`;
    const plan = await rowErrors(bad);
    expect(plan.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [2, 'Monthly Charges', 'Monthly revenue cannot be negative.'],
      [3, 'Phone', '"no phone" is not a phone number: it has no digits.'],
    ]);
    const skipped = await importFile(b, writeFixture(b, 'bad.csv', bad), { mapping: MAPPING, skipInvalid: true });
    expect(skipped.written).toMatchObject({ imported: 1, invalid: 2 });
    expect(b.db.prepare('SELECT external_id FROM customers ORDER BY external_id').pluck().all()).toEqual(['A-1', 'A-2', 'A-5']);
  });
});
