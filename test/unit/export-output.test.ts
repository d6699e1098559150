import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertOffer } from '../../db/repos/offers';
import { insertReason, renameReason } from '../../db/repos/reasons';
import { call, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { addCustomer, addFeedback, insertCall } from '../helpers/calls';
import { PEOPLE, seedScenario } from '../helpers/scenario';
import { readExport, settledExport } from '../helpers/exports';

/**
 * The exported files, byte for byte. A spreadsheet, a script or a diff against last month's file
 * reads them, so a faster writer or query must not move a single byte: the expected files below
 * were written by the export as it stood before it was made faster.
 */
const root = join(import.meta.dirname, '..', '..');
const winback = (args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin', 'winback.mjs'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** Values a CSV writer can get wrong: formulas, quotes, separators, line breaks, other scripts, awkward numbers. */
function addAwkwardCalls(b: TestBackend): void {
  const db = b.db;
  insertOffer(db, {
    id: 'offer.custom-plan',
    name: '=Plan "B", with a comma',
    type: 'custom',
    talkingPoints: '',
    percent: null,
    durationMonths: null,
    generatesCode: false,
    product: null,
  });
  insertReason(db, { id: 'price.formula', categoryId: 'price', name: '+Price went up; twice' });
  renameReason(db, 'competitor.better-offer', 'Competitor: "better" offer\nand a phone');
  addCustomer(db, { externalId: '=C6', name: '@Grace Formula', monthlyRevenue: 0.1 + 0.2, segment: '-Minus', product: 'DSL\tplus', statedReasonText: '=SUM(A1)', statedReasonId: 'price.formula', departedAt: '2026-11-03' });
  addCustomer(db, { externalId: 'C7', name: 'Hana 花子, "Nori"', monthlyRevenue: 1234567.891, segment: 'One year', product: 'Fiber optic', cycleId: null, departedAt: null });
  addCustomer(db, { externalId: 'C8', name: null, monthlyRevenue: null, tenureMonths: 7, cycleId: '2026-10', email: 'x@example.test', company: 'Ünïcode GmbH; Ltd' });
  db.prepare("UPDATE customers SET do_not_contact = 1, attempts = 3, last_outcome = 'do_not_contact', assigned_to = 'p-sam' WHERE external_id = 'C8'").run();
  const { alex, sam, morgan } = PEOPLE;
  // The same completion time for three calls: they follow in id order ('K10' before 'K8' before 'K9').
  const at = '2026-11-08T09:30:00.000Z';
  insertCall(db, { id: 'K9', customer: '=C6', callerId: alex.id, callerRole: 'agent', completedAt: at, outcome: 'callback', primary: 'price.formula', offers: [{ offerId: 'offer.reactivation', answer: 'not_offered' }, { offerId: 'offer.custom-plan', answer: 'considering' }, { offerId: 'offer.cheaper-plan', answer: 'declined' }] });
  insertCall(db, { id: 'K10', customer: 'C7', callerId: morgan.id, callerRole: 'executive', completedAt: at, outcome: 'wrong_number' });
  insertCall(db, { id: 'K8', customer: 'C8', callerId: sam.id, callerRole: 'agent', cycleId: '2026-11', completedAt: at, outcome: 'do_not_contact', primary: 'competitor.better-offer', secondary: ['price.formula'], offers: [{ offerId: 'offer.custom-plan', answer: 'accepted' }] });
  insertCall(db, { id: 'K11', customer: 'C7', callerId: sam.id, callerRole: 'agent', completedAt: '2026-11-09T10:00:00.000Z', outcome: 'considering', offers: [{ offerId: 'offer.loyalty-discount', answer: 'considering' }] });
  const words = db.prepare('UPDATE calls SET customer_words = ?, callback_at = ? WHERE id = ?');
  words.run('=cmd|" /C calc"!A0', '2026-11-20T16:00:00.000Z', 'K9');
  words.run('Said "no", then hung up.\r\nCalled back.', null, 'K10');
  words.run('-10% is not enough', null, 'K8');
  words.run('\tLeading tab; and a semicolon', null, 'K11');
  words.run('Спасибо, но нет 😀', null, 'K1');
  addFeedback(db, { id: 'F1', callId: 'K1', rep: 'Rep Avery', team: 'Support North', text: '=HYPERLINK("http://x.test")\nsecond line', createdAt: '2026-10-10T11:00:00.000Z' });
  addFeedback(db, { id: 'F2', callId: 'K9', rep: null, team: null, text: '@mention, "quoted"', createdAt: '2026-11-08T10:00:00.000Z', status: 'coached' });
  addFeedback(db, { id: 'F3', callId: 'K8', rep: 'Rep Blake', team: 'Billing desk', text: 'Plain', createdAt: '2026-11-08T10:00:00.000Z', status: 'closed' });
}

describe('exported files stay byte for byte the same', () => {
  let b: TestBackend;
  beforeEach(async () => {
    // A clock that moves a second per reading, so the two issues are created in a known order.
    let tick = Date.parse('2026-11-16T15:00:00Z');
    b = testBackend(() => new Date((tick += 1000)));
    seedScenario(b.db);
    addAwkwardCalls(b);
    await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
    await call(b.dispatch, 'issues.create', { title: '=Competitors, "again"', owner: 'Pricing', reasonIds: ['competitor.better-offer', 'price.formula'], callIds: ['K6', 'K8'] });
    await call(b.dispatch, 'issues.create', { title: 'No calls yet', owner: 'Nobody', reasonIds: ['price.formula'], callIds: [] });
  });
  afterEach(() => b.dispose());

  async function download(dataset: 'customers' | 'calls' | 'feedback' | 'issues', bom: boolean): Promise<string> {
    const started = await call(b.dispatch, 'exports.start', { dataset, bom });
    const status = await settledExport(b, started);
    expect(status).toMatchObject({ state: 'done', error: null });
    const text = await readExport(b, started.jobId);
    await call(b.dispatch, 'exports.discard', { jobId: started.jobId });
    return text;
  }

  /** Issue ids are random; they are written as I1, I2… in the order the issues were created. */
  function withStableIds(text: string): string {
    const ids = b.db.prepare('SELECT id FROM issues ORDER BY created_at').pluck().all() as string[];
    return ids.reduce((t, id, i) => t.replaceAll(id, `I${i + 1}`), text);
  }

  it.each(['calls', 'customers', 'feedback', 'issues'] as const)('the %s export from the Exports screen', async (dataset) => {
    await expect(withStableIds(await download(dataset, true))).toMatchFileSnapshot(`__snapshots__/export-${dataset}.csv`);
  });

  it('the calls export without a byte-order mark, and from the command line', async () => {
    const withBom = await download('calls', true);
    expect(await download('calls', false)).toBe(withBom.slice(1));
    const cli = winback(['export', 'calls', '--db', b.dbPath]);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toBe(withBom);
  });
});
