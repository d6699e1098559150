import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { careSnapshot, completeCallWith } from '../helpers/care';

let b: TestBackend;
let clock: Date;

beforeEach(async () => {
  clock = new Date('2026-05-20T15:00:00Z');
  b = testBackend(() => clock);
  await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
  const ids = seedCustomers(b.db, [
    customer({ externalId: '7590-VHVEG', name: 'Ada Example' }),
    customer({ externalId: '5575-GNVDE', name: 'Bruno Sample' }),
    customer({ externalId: '3668-QPYBK', name: 'Chioma Placeholder' }),
  ]);
  await completeCallWith(b, ids['7590-VHVEG'] ?? -1, 'recovered');
  await completeCallWith(b, ids['5575-GNVDE'] ?? -1, 'recovered');
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
  clock = new Date('2026-11-18T09:00:00Z');
});
afterEach(() => b.dispose());

const importFile = (content: string, dryRun = false) => call(b.dispatch, 'care.importIndicators', { fileName: 'indicators.csv', content, dryRun });
const enrolmentOf = async (ext: string) =>
  (await call(b.dispatch, 'care.list', { scope: 'all' })).items.find((i) => i.externalId === ext)?.enrolmentId ?? '';

const GOOD = 'customer_id,service_contacts,purchases,spend,support_tickets,satisfaction\n7590-VHVEG,2,3,310.40,1,4\n5575-GNVDE,0,1,29.99,,5\n';

describe('importing indicators from a CSV keyed by customer id', () => {
  it('previews without writing, then writes every row, and the review form starts from them', async () => {
    const before = careSnapshot(b);
    const preview = await importFile(GOOD, true);
    expect(preview).toMatchObject({ rows: 2, applied: false, errors: [], errorCount: 0, ignoredColumns: [] });
    expect(preview.preview).toEqual([
      { line: 2, externalId: '7590-VHVEG', name: 'Ada Example', serviceContacts: 2, purchases: 3, spend: 310.4, supportTickets: 1, satisfaction: 4 },
      { line: 3, externalId: '5575-GNVDE', name: 'Bruno Sample', serviceContacts: 0, purchases: 1, spend: 29.99, supportTickets: null, satisfaction: 5 },
    ]);
    expect(careSnapshot(b)).toBe(before);

    expect(await importFile(GOOD)).toMatchObject({ rows: 2, applied: true });
    const detail = await call(b.dispatch, 'care.get', { enrolmentId: await enrolmentOf('7590-VHVEG') });
    expect(detail.imported).toEqual({
      serviceContacts: 2, purchases: 3, spend: 310.4, supportTickets: 1, satisfaction: 4, importedAt: '2026-11-18T09:00:00.000Z', fileName: 'indicators.csv',
    });
  });

  it('reads a byte-order mark, `;` separators, decimal commas, quoted ids and extra columns', async () => {
    const content = '\uFEFFCustomer ID;Name;Spend;CSAT\r\n"7590-VHVEG";Ada;1.234,5;3\r\n5575-GNVDE;Bruno;12,75;\r\n';
    // "1.234,5" uses a thousands separator: refused rather than guessed.
    const first = await importFile(content, true);
    expect(first.errors).toEqual([{ line: 2, column: 'spend', message: 'The spend must be an amount of 0 or more such as 120.50, not "1.234,5".' }]);
    const fixed = await importFile(content.replace('1.234,5', '1234,5'));
    expect(fixed).toMatchObject({ rows: 2, applied: true, ignoredColumns: ['Name'] });
    expect(fixed.preview.map((p) => [p.externalId, p.spend, p.satisfaction])).toEqual([
      ['7590-VHVEG', 1234.5, 3],
      ['5575-GNVDE', 12.75, null],
    ]);
  });

  it('keeps values an earlier file gave when a later file leaves them blank, and a review uses them up', async () => {
    await importFile('customer_id,purchases,satisfaction\n7590-VHVEG,3,4\n');
    await importFile('customer_id,purchases,support_tickets\n7590-VHVEG,,2\n');
    const enrolmentId = await enrolmentOf('7590-VHVEG');
    expect((await call(b.dispatch, 'care.get', { enrolmentId })).imported).toMatchObject({ purchases: 3, satisfaction: 4, supportTickets: 2, spend: null });
    await call(b.dispatch, 'care.completeReview', {
      reviewId: '9d6a3f1e-2b4c-4d5e-8f60-718293a4b5c6', enrolmentId, serviceContacts: null, purchases: 3, spend: null, supportTickets: 2, satisfaction: 4,
      note: '', verdict: 'healthy', outreach: 'email', outreachNote: '',
    });
    expect((await call(b.dispatch, 'care.get', { enrolmentId })).imported).toBeNull();
  });

  // Each file has a good row first: it must not be written either.
  it.each([
    ['a missing id', 'customer_id,purchases\n5575-GNVDE,1\n,3\n', { line: 3, column: 'customer id', message: 'The customer id is missing.' }],
    ['a malformed id', `customer_id,purchases\n5575-GNVDE,1\n${'X'.repeat(120)},3\n`, { line: 3, column: 'customer id', message: `"${'X'.repeat(40)}…" is not a customer id.` }],
    ['a non-numeric count', 'customer_id,purchases\n5575-GNVDE,1\n7590-VHVEG,three\n', { line: 3, column: 'purchases', message: 'The purchases must be a whole number of 0 or more, not "three".' }],
    ['a non-numeric spend', 'customer_id,spend\n5575-GNVDE,1\n7590-VHVEG,$12\n', { line: 3, column: 'spend', message: 'The spend must be an amount of 0 or more such as 120.50, not "$12".' }],
    ['a satisfaction out of range', 'customer_id,satisfaction\n5575-GNVDE,1\n7590-VHVEG,7\n', { line: 3, column: 'satisfaction', message: 'The satisfaction must be from 1 to 5, not 7.' }],
    ['a satisfaction of zero', 'customer_id,satisfaction\n5575-GNVDE,1\n7590-VHVEG,0\n', { line: 3, column: 'satisfaction', message: 'The satisfaction must be from 1 to 5, not 0.' }],
    ['an unknown customer', 'customer_id,purchases\n5575-GNVDE,1\nNO-SUCH,3\n', { line: 3, column: 'customer id', message: 'There is no customer with id NO-SUCH on this console.' }],
    ['a customer not in intensive care', 'customer_id,purchases\n5575-GNVDE,1\n3668-QPYBK,3\n', { line: 3, column: 'customer id', message: 'Customer 3668-QPYBK is not in intensive care (never recovered, or departed again).' }],
    ['a customer listed twice', 'customer_id,purchases\n5575-GNVDE,3\n5575-GNVDE,4\n', { line: 3, column: 'customer id', message: 'Customer 5575-GNVDE appears twice (first on line 2).' }],
    ['a short row', 'customer_id,purchases,spend\n5575-GNVDE,1,2\n7590-VHVEG,3\n', { line: 3, column: null, message: 'This row has 2 fields; the header has 3.' }],
    ['no id column', 'client,purchases\n5575-GNVDE,1\n', { line: 1, column: null, message: 'There is no customer id column. Name one "customer_id"; the header has: "client", "purchases".' }],
    ['no indicator column', 'customer_id,name\n5575-GNVDE,Bruno\n', { line: 1, column: null, message: 'There is no indicator column: give at least one of service_contacts, purchases, spend, support_tickets, satisfaction.' }],
    ['an empty file', '', { line: null, column: null, message: 'The file is empty: it has no header and no rows.' }],
    ['an unclosed quote', 'customer_id,purchases\n5575-GNVDE,1\n"7590-VHVEG,3\n', { line: null, column: null, message: expect.stringMatching(/^The file is not readable as CSV: .*quote/i) as unknown as string }],
  ])('refuses %s with a row-level error, and writes nothing', async (_what, content, error) => {
    const before = careSnapshot(b);
    const r = await importFile(content);
    expect(r.applied).toBe(false);
    expect(r.errors).toEqual([error]);
    expect(r.errorCount).toBe(1);
    expect(careSnapshot(b)).toBe(before);
  });

  it('lists every bad row of a file and writes none of its good ones', async () => {
    const before = careSnapshot(b);
    const r = await importFile('customer_id,purchases,satisfaction\n7590-VHVEG,3,4\nBAD-ID,1,2\n5575-GNVDE,x,9\n');
    expect(r).toMatchObject({ rows: 1, applied: false, errorCount: 3 });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'customer id'],
      [4, 'purchases'],
      [4, 'satisfaction'],
    ]);
    expect(careSnapshot(b)).toBe(before);
  });

  it('is for managers only', async () => {
    await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
    expect(await callResult(b.dispatch, 'care.importIndicators', { fileName: 'x.csv', content: GOOD, dryRun: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
