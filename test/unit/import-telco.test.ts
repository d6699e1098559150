import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../helpers/backend';
import { importFile, TELCO_MAPPING } from '../helpers/importing';
import { parseEvent } from '../../shared/sync/events';
import { proposeMapping } from '../../shared/domain/importMapping';

const TELCO = join(import.meta.dirname, '..', '..', 'data', 'telco-customer-churn.csv');

/** Counted straight from the file with csv-parse's synchronous reader, independently of the import. */
function independentCount() {
  const rows = parse<Record<string, string>>(readFileSync(TELCO), { columns: true, bom: true });
  const departed = rows.filter((r) => r['Churn Label'] === 'Yes');
  const reasons = new Map<string, number>();
  let revenueCents = 0;
  for (const r of departed) {
    const reason = r['Churn Reason'] ?? '';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    revenueCents += Math.round(Number(r['Monthly Charges']) * 100);
  }
  return { total: rows.length, departed: departed.length, reasons, revenueCents };
}

let b: TestBackend;
beforeEach(() => {
  b = testBackend();
});
afterEach(() => b.dispose());

describe('importing the telecom sample', () => {
  it('imports the 1,869 departed customers with the stated reasons and revenue the file holds', async () => {
    const expected = independentCount();
    expect(expected.departed).toBe(1869);
    const result = await importFile(b, TELCO, { mapping: TELCO_MAPPING });
    expect(result.written).toMatchObject({ imported: 1869, updated: 0, skipped: expected.total - 1869, invalid: 0 });

    const count = b.db.prepare('SELECT count(*) FROM customers').pluck().get();
    expect(count).toBe(1869);
    const cents = b.db.prepare('SELECT sum(round(monthly_revenue * 100)) FROM customers').pluck().get();
    expect(cents).toBe(expected.revenueCents);
    const byReason = b.db.prepare('SELECT stated_reason_text AS text, count(*) AS n FROM customers GROUP BY 1').all() as {
      text: string;
      n: number;
    }[];
    expect(new Map(byReason.map((r) => [r.text, r.n]))).toEqual(expected.reasons);
    // The default taxonomy knows every phrasing in the sample.
    expect(b.db.prepare('SELECT count(*) FROM customers WHERE stated_reason_id IS NULL').pluck().get()).toBe(0);
    expect(b.db.prepare("SELECT count(*) FROM customers WHERE stated_reason_id = 'not-recoverable.deceased'").pluck().get()).toBe(
      6,
    );
  });

  it('writes one valid customer.departed event per customer, without names or phones', async () => {
    await importFile(b, TELCO, { mapping: TELCO_MAPPING });
    const events = b.db.prepare("SELECT id, kind, payload FROM outbox WHERE kind = 'customer.departed' ORDER BY seq").all() as {
      id: string;
      kind: string;
      payload: string;
    }[];
    expect(events).toHaveLength(1869);
    for (const [i, e] of events.entries()) {
      const parsed = parseEvent({
        id: e.id,
        kind: e.kind,
        consoleId: 'c1',
        seq: i + 1,
        occurredAt: '2026-11-16T15:00:00Z',
        payload: JSON.parse(e.payload) as unknown,
      });
      expect(parsed.ok).toBe(true);
    }
    const first = JSON.parse(events[0]?.payload ?? '{}') as Record<string, unknown>;
    expect(first).toMatchObject({
      externalId: '3668-QPYBK',
      statedReasonId: 'competitor.better-offer',
      statedCategoryId: 'competitor',
      monthlyRevenue: 53.85,
    });
    expect(Object.keys(first)).not.toContain('name');
  });

  it('re-imports by customer id: no duplicates, calls and attempts kept, and nothing new in the queue for customers without contact details', async () => {
    await importFile(b, TELCO, { mapping: TELCO_MAPPING });
    const customer = b.db.prepare("SELECT id FROM customers WHERE external_id = '3668-QPYBK'").pluck().get() as number;
    b.db.prepare("INSERT INTO people (id, name, role, created_at) VALUES ('p1', 'Ann', 'agent', '2026-11-01')").run();
    b.db
      .prepare(
        `INSERT INTO calls (id, customer_id, caller_id, caller_role, started_at, completed_at, outcome)
         VALUES ('k1', ?, 'p1', 'agent', '2026-11-10T10:00:00Z', '2026-11-10T10:05:00Z', 'no_answer')`,
      )
      .run(customer);
    b.db.prepare('UPDATE customers SET attempts = 1, assigned_to = ? WHERE id = ?').run('p1', customer);

    const again = await importFile(b, TELCO, { mapping: TELCO_MAPPING });
    expect(again.written).toMatchObject({ imported: 0, updated: 1869 });
    expect(b.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1869);
    expect(b.db.prepare('SELECT id, attempts, assigned_to FROM customers WHERE external_id = ?').get('3668-QPYBK')).toEqual({
      id: customer,
      attempts: 1,
      assigned_to: 'p1',
    });
    expect(b.db.prepare('SELECT count(*) FROM calls WHERE customer_id = ?').pluck().get(customer)).toBe(1);
    // The sample has no phones or emails: every customer counts, none is queued.
    expect(again.plan.noContact).toBe(1869);
    expect(b.db.prepare('SELECT count(*) FROM customers WHERE selected = 1').pluck().get()).toBe(0);
  });

  it('proposes the sample mapping from its headers', () => {
    const rows: string[][] = parse(readFileSync(TELCO), { bom: true, to: 6 });
    const [headers = [], ...sample] = rows;
    const proposed = proposeMapping(headers, sample);
    expect(proposed.columns).toMatchObject({
      externalId: 'CustomerID',
      segment: 'Contract',
      product: 'Internet Service',
      monthlyRevenue: 'Monthly Charges',
      tenureMonths: 'Tenure Months',
      statedReason: 'Churn Reason',
    });
    expect(proposed.departedWhen).toEqual({ column: 'Churn Label', equals: 'Yes' });
  });
});
