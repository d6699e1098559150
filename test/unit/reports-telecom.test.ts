import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';

/** The stated-reason report over the telecom sample, checked against the file itself. */
const CSV = join(import.meta.dirname, '..', '..', 'data', 'telco-customer-churn.csv');

interface Expected {
  departed: number;
  revenueCents: number;
}

function fromTheFile(): { byReason: Map<string, Expected>; departed: number; revenueCents: number } {
  const rows = parse<Record<string, string>>(readFileSync(CSV), { columns: true, bom: true });
  const byReason = new Map<string, Expected>();
  let departed = 0;
  let revenueCents = 0;
  for (const row of rows) {
    if (row['Churn Label'] !== 'Yes') continue;
    // Cents as integers: the sum does not depend on the order floats are added in.
    const cents = Math.round(Number(row['Monthly Charges']) * 100);
    const reason = (row['Churn Reason'] ?? '').toLowerCase();
    const e = byReason.get(reason) ?? { departed: 0, revenueCents: 0 };
    e.departed += 1;
    e.revenueCents += cents;
    byReason.set(reason, e);
    departed += 1;
    revenueCents += cents;
  }
  return { byReason, departed, revenueCents };
}

let b: TestBackend;
beforeAll(async () => {
  b = testBackend();
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
  await call(b.dispatch, 'demo.load', {});
});
afterAll(() => b.dispose());

describe('the stated-reason report over the telecom sample', () => {
  it("has the file's 20 reasons with the file's counts and revenue, and its totals", async () => {
    const expected = fromTheFile();
    expect(expected.byReason.size).toBe(20);
    const report = await call(b.dispatch, 'reports.reasons', { by: 'stated' });
    expect(report.rows).toHaveLength(20);
    expect(report.totals.departed).toBe(1869);
    expect(expected.departed).toBe(1869);
    expect(Math.round(report.totals.revenue * 100)).toBe(expected.revenueCents);

    // Each report row names its reason as the taxonomy does; map back through the stated texts.
    const db = b.db;
    const textOf = new Map(
      (db.prepare('SELECT DISTINCT stated_reason_id AS id, lower(stated_reason_text) AS text FROM customers').all() as { id: string; text: string }[]).map(
        (r) => [r.id, r.text],
      ),
    );
    for (const row of report.rows) {
      expect(row.categoryId, row.reason).not.toBeNull();
      const text = textOf.get(row.reasonId ?? '');
      const e = expected.byReason.get(text ?? '');
      expect(e, `${row.reason} (${text})`).toBeDefined();
      expect(row.departed, row.reason).toBe(e?.departed);
      expect(Math.round(row.revenue * 100), row.reason).toBe(e?.revenueCents);
      expect(row.calls).toBe(0);
      expect(row.recoveryRate).toBe(0);
    }
    // Largest lost revenue first.
    const revenues = report.rows.map((r) => r.revenue);
    expect(revenues).toEqual([...revenues].sort((x, y) => y - x));
    expect(report.rows[0]?.reason).toBe('Competitor offered higher speeds');
  });

  it('groups by cycle and by month, and filters by segment, product and team', async () => {
    const byCycle = await call(b.dispatch, 'reports.reasons', { by: 'stated', group: 'cycle' });
    expect(new Set(byCycle.rows.map((r) => r.period))).toEqual(new Set(['2026-11']));
    expect(byCycle.totals.departed).toBe(1869);
    const byMonth = await call(b.dispatch, 'reports.reasons', { by: 'stated', group: 'month' });
    expect(new Set(byMonth.rows.map((r) => r.period))).toEqual(new Set(['2026-11']));

    const rows = parse<Record<string, string>>(readFileSync(CSV), { columns: true, bom: true }).filter((r) => r['Churn Label'] === 'Yes');
    const twoYear = rows.filter((r) => r.Contract === 'Two year');
    const seg = await call(b.dispatch, 'reports.reasons', { by: 'stated', segment: 'Two year' });
    expect(seg.totals.departed).toBe(twoYear.length);
    const fiber = rows.filter((r) => r['Internet Service'] === 'Fiber optic').length;
    expect((await call(b.dispatch, 'reports.reasons', { by: 'stated', product: 'Fiber optic' })).totals.departed).toBe(fiber);
    const team = b.db.prepare("SELECT count(*) FROM customers WHERE frontline_team = 'Billing desk'").pluck().get() as number;
    expect(team).toBeGreaterThan(0);
    expect((await call(b.dispatch, 'reports.reasons', { by: 'stated', team: 'Billing desk' })).totals.departed).toBe(team);
    const cycle = await call(b.dispatch, 'reports.reasons', { by: 'stated', cycle: 'November 2026' });
    expect(cycle.totals.departed).toBe(1869);
    expect((await call(b.dispatch, 'reports.reasons', { by: 'stated', from: '2026-12-01' })).totals.departed).toBe(0);
  });

  it('shows unmapped stated texts as their own rows, and keeps retired reasons', async () => {
    b.db.prepare("UPDATE customers SET stated_reason_id = NULL, stated_reason_text = 'Пропал интернет' WHERE external_id IN ('3668-QPYBK')").run();
    b.db.prepare("UPDATE reasons SET retired_at = '2026-11-01' WHERE id = 'not-recoverable.deceased'").run();
    const report = await call(b.dispatch, 'reports.reasons', { by: 'stated' });
    const unmapped = report.rows.find((r) => r.reason === 'Пропал интернет');
    expect(unmapped).toMatchObject({ category: 'Unmapped', categoryId: null, reasonId: null, departed: 1, revenue: 53.85 });
    expect(report.rows.find((r) => r.reasonId === 'not-recoverable.deceased')).toMatchObject({ reason: 'Deceased', departed: 6 });
    expect(report.totals.departed).toBe(1869);
  });

  it('refuses a cycle that does not exist and a range that ends before it starts', async () => {
    const noCycle = await callResult(b.dispatch, 'reports.reasons', { by: 'stated', cycle: 'Q9 1999' });
    expect(noCycle).toMatchObject({ ok: false, error: { code: 'not_found', message: 'There is no recovery cycle named "Q9 1999".' } });
    const backwards = await callResult(b.dispatch, 'reports.reasons', { by: 'stated', from: '2026-12-01', to: '2026-11-01' });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const badDay = await callResult(b.dispatch, 'reports.reasons', { by: 'stated', from: '2026-13-45' });
    expect(badDay).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '2026-13-45 is not a calendar date.' } });
  });
});
