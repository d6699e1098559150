import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttributionReport, AttributionRow } from '../../shared/api/keepInTouch';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { customerId } from '../helpers/calls';
import { PEOPLE, seedScenario } from '../helpers/scenario';

let b: TestBackend;
beforeEach(async () => {
  b = testBackend(() => new Date('2026-11-20T12:00:00.000Z'));
  // Calls: C1 recovered 10 Oct (then a callback 7 Nov), C2 declined 15 Oct, C3 recovered 3 Nov,
  // C4 recovered 5 Nov, C5 declined 6 Nov.
  seedScenario(b.db);
  await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
});
afterEach(() => b.dispose());

/** An outreach as building one leaves it: its row, then a member per customer. */
function outreach(id: string, name: string, kind: string, createdAt: string) {
  b.db
    .prepare(`INSERT INTO outreaches (id, name, kind, by_call, message_channel, created_at) VALUES (?, ?, ?, 1, 'email', ?)`)
    .run(id, name, kind, createdAt);
}

/** A member told by email at `sentAt` (null: not sent yet), and put on a call list when byCall. */
function member(outreachId: string, externalId: string, sentAt: string | null, byCall = false) {
  b.db
    .prepare(
      `INSERT INTO outreach_members (outreach_id, customer_id, by_call, message_state, to_address, sent_at)
       VALUES (?, ?, ?, ?, 'someone@example.test', ?)`,
    )
    .run(outreachId, customerId(b.db, externalId), byCall ? 1 : 0, sentAt === null ? 'ready' : 'sent', sentAt);
}

async function returned(lines: string) {
  await call(b.dispatch, 'effect.importReturns', { fileName: 'active.csv', text: `Customer ID,Returned on,Monthly revenue\n${lines}` });
}

const report = () => call(b.dispatch, 'keepInTouch.attribution', {});
const row = (rows: AttributionRow[], key: string) => rows.find((r) => r.key === key);

describe('did it work: returns attributed to the last touch', () => {
  it('credits a return on day N of the window to the touch, and not one on day N + 1', async () => {
    await call(b.dispatch, 'keepInTouch.settings.set', { attributionDays: 10 });
    outreach('o-fixed', 'We fixed renewals', 'what_changed', '2026-10-19T09:00:00.000Z');
    member('o-fixed', 'C2', '2026-10-20T09:00:00.000Z');
    member('o-fixed', 'C5', '2026-11-08T09:00:00.000Z');
    // C2 ten days after their email; C5 eleven days after theirs.
    await returned('C2,2026-10-30,55\nC5,2026-11-19,30');

    const r = await report();
    expect(r.windowDays).toBe(10);
    expect(row(r.byKind, 'what_changed')).toMatchObject({ touched: 2, returns: 1, revenueBack: 55 });
    expect(row(r.byOutreach, 'o-fixed')).toMatchObject({ label: 'We fixed renewals', touched: 2, returns: 1, revenueBack: 55 });
    // Nobody else is credited with C5 either, not even the call of 6 November before the email.
    expect(row(r.byReason, 'unknown.dont-know')).toMatchObject({ touched: 1, returns: 0 });
    expect(row(r.byKind, 'call')?.returns).toBe(3);
  });

  it('uses 90 days unless a manager sets another window, and refuses a window of no days', async () => {
    expect(await call(b.dispatch, 'keepInTouch.settings.get', {})).toEqual({ attributionDays: 90 });
    const refused = await callResult(b.dispatch, 'keepInTouch.settings.set', { attributionDays: 0 });
    expect(refused.ok ? '' : refused.error.message).toContain('at least one day');
    expect((await report()).windowDays).toBe(90);
  });

  it('credits the last touch before the return when several came first', async () => {
    outreach('o-fixed', 'We fixed renewals', 'what_changed', '2026-10-31T09:00:00.000Z');
    outreach('o-offer', 'Winter offer', 'special_offer', '2026-11-07T09:00:00.000Z');
    member('o-fixed', 'C5', '2026-11-01T09:00:00.000Z');
    member('o-offer', 'C5', '2026-11-08T09:00:00.000Z');
    // Sent after the return: not a touch that can have brought them back.
    outreach('o-late', 'Too late', 'referral', '2026-11-14T09:00:00.000Z');
    member('o-late', 'C5', '2026-11-15T09:00:00.000Z');
    await returned('C5,2026-11-12,');

    const r = await report();
    expect(row(r.byOutreach, 'o-offer')).toMatchObject({ touched: 1, returns: 1, revenueBack: 30 });
    expect(row(r.byOutreach, 'o-fixed')).toMatchObject({ touched: 1, returns: 0 });
    expect(row(r.byOutreach, 'o-late')).toMatchObject({ touched: 1, returns: 0 });
    // C5's call on 6 November came before the offer: the offer was the last touch.
    expect(row(r.byKind, 'special_offer')).toMatchObject({ touched: 1, returns: 1 });
    expect(row(r.byReason, 'unknown.dont-know')).toMatchObject({ label: "Don't know", returns: 1, revenueBack: 30 });
  });

  it('credits a call that ended Recovered to the outreach that put the customer on the call list', async () => {
    outreach('o-fixed', 'We fixed renewals', 'what_changed', '2026-11-01T09:00:00.000Z');
    member('o-fixed', 'C4', null, true);
    const r: AttributionReport = await report();
    // C4's call on 5 November ended Recovered; C1 (10 October) and C3 (3 November) came back on calls outside any outreach.
    expect(row(r.byOutreach, 'o-fixed')).toMatchObject({ touched: 1, returns: 1, revenueBack: 20 });
    expect(row(r.byOutreach, '')).toMatchObject({ returns: 2, revenueBack: 180 });
    expect(row(r.byKind, 'call')).toMatchObject({ touched: 5, returns: 3, revenueBack: 200 });
    expect(r.totals).toEqual({ touched: 5, returns: 3, revenueBack: 200 });
  });

  it('exports the report as a CSV a spreadsheet cannot run', async () => {
    outreach('o-evil', '=HYPERLINK("http://example.test","win")', 'new_feature', '2026-11-01T09:00:00.000Z');
    member('o-evil', 'C2', '2026-11-02T09:00:00.000Z');
    await returned('C2,2026-11-10,50');
    const file = await call(b.dispatch, 'keepInTouch.attribution.export', {});
    expect(file.fileName).toBe('returns-by-touch-2026-11-20.csv');
    const rows: Record<string, string>[] = parse(file.text.replace(/^\uFEFF/, ''), { columns: true });
    expect(rows[0] && Object.keys(rows[0])).toEqual(['By', 'Touch', 'Customers touched', 'Came back', 'Revenue back (monthly)', 'Window (days)']);
    expect(rows).toContainEqual({ By: 'Outreach', Touch: `'=HYPERLINK("http://example.test","win")`, 'Customers touched': '1', 'Came back': '1', 'Revenue back (monthly)': '50', 'Window (days)': '90' });
    expect(rows).toContainEqual(expect.objectContaining({ By: 'Message kind', Touch: 'New feature or product', 'Came back': '1' }));
    expect(rows).toContainEqual(expect.objectContaining({ By: 'Outreach', Touch: 'Calls outside an outreach' }));
  });
});
