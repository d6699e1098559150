import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, signIn, testBackend, type TestBackend } from '../helpers/backend';
import { CYCLE, customer, fullCall, seedCustomers } from '../helpers/callFixtures';
import { effectCells, effectCellsFromCustomers } from '../../db/repos/effect';
import { EFFECT_CELLS_FROM_CUSTOMERS, EFFECT_CELLS_SQL } from '../../db/migrations/021_effect_cells';
import { upsertCycle } from '../../db/repos/cycles';
import type { EffectCell } from '../../shared/reports/effect';
import { openSqlite331, versionOf } from '../helpers/sqlite331';

/**
 * "Did the calls work" reads a summary the triggers of migration 24 keep. After every kind of write
 * that moves a customer between its cells or changes what they count for, the summary must say
 * exactly what the customers table says.
 */
let b: TestBackend;
let clock: Date;
const ids = Array.from({ length: 40 }, (_, i) => `K${String(i + 1).padStart(3, '0')}`);

const sorted = (cells: EffectCell[]) =>
  cells
    .map((c) => [c.cycleId, c.cycle, c.reasonId, c.reason, c.segment, c.control, c.customers, c.called, c.returned])
    .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
/** Every cell as stored, against the same cells counted from the customers table (cycles without a control share too). */
const stored = () => b.db.prepare('SELECT cycle_id, reason_id, segment, control, customers, called, returned FROM effect_cells ORDER BY 1, 2, 3, 4').all();
const counted = () => b.db.prepare(`${EFFECT_CELLS_FROM_CUSTOMERS} ORDER BY 1, 2, 3, 4`).all();
const idOf = (ext: string) => b.db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(ext) as number;

function expectExact(): void {
  expect(stored()).toEqual(counted());
  expect(sorted(effectCells(b.db, null))).toEqual(sorted(effectCellsFromCustomers(b.db, null)));
  expect(sorted(effectCells(b.db, CYCLE.id))).toEqual(sorted(effectCellsFromCustomers(b.db, CYCLE.id)));
}

beforeEach(async () => {
  clock = new Date('2026-11-16T15:00:00Z');
  b = testBackend(() => clock);
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
  seedCustomers(
    b.db,
    ids.map((id, i) =>
      customer({
        externalId: id,
        statedReasonId: i % 2 === 0 ? 'price.too-expensive' : i % 5 === 0 ? null : 'competitor.better-offer',
        segment: i % 3 === 0 ? 'One year' : i % 7 === 0 ? null : 'Month-to-month',
      }),
    ),
  );
});
afterEach(() => b.dispose());

describe('the called-vs-control summary', () => {
  it('follows the import, the selection pass, calls, returns, re-imports, a cycle change, an erasure and a deletion exactly as the customers table', async () => {
    // Imported, nobody is eligible in a cycle without a control share yet: the cells are what the table says.
    expectExact();

    // A 40% control group: the selection pass splits the cycle.
    await call(b.dispatch, 'effect.setControl', { cycleId: CYCLE.id, sharePercent: 40 });
    const before = effectCells(b.db, null);
    expect(before.reduce((n, c) => n + c.customers, 0)).toBe(40);
    expect(before.filter((c) => c.control).reduce((n, c) => n + c.customers, 0)).toBeGreaterThan(0);
    expectExact();

    // Two calls completed: the customers count as called (a second call to one of them changes nothing).
    const toCall = b.db.prepare('SELECT external_id FROM customers WHERE selected = 1 AND control_group = 0 ORDER BY external_id LIMIT 2').pluck().all() as string[];
    for (const ext of [...toCall, toCall[0] ?? '']) {
      clock = new Date(clock.getTime() + 86_400_000);
      const s = await call(b.dispatch, 'call.start', { customerId: idOf(ext) });
      await call(b.dispatch, 'call.complete', { state: fullCall(s.state, { outcome: 'no_answer', offer: { skippedBecause: 'Not the moment', answers: [], note: '' } }) });
      expectExact();
    }
    expect(effectCells(b.db, null).reduce((n, c) => n + c.called, 0)).toBe(2);

    // The returns import, for called and held-out customers; a later file says one did not come back.
    await call(b.dispatch, 'effect.importReturns', { fileName: 'back.csv', text: `id\n${ids.slice(0, 12).join('\n')}\n` });
    expect(effectCells(b.db, null).reduce((n, c) => n + c.returned, 0)).toBe(12);
    expectExact();
    await call(b.dispatch, 'effect.importReturns', { fileName: 'later.csv', text: `Customer ID,Returned\n${ids[0]},no\n` });
    expect(effectCells(b.db, null).reduce((n, c) => n + c.returned, 0)).toBe(11);
    expectExact();

    // A re-import changes a stated reason and a segment, and blanks another's.
    b.db.prepare("UPDATE customers SET stated_reason_id = 'competitor.better-offer', segment = 'Two year' WHERE external_id = ?").run(ids[2]);
    b.db.prepare('UPDATE customers SET stated_reason_id = NULL, segment = NULL WHERE external_id = ?').run(ids[3]);
    expectExact();

    // A customer moves to another cycle (no control share there), and a new one arrives in this one.
    upsertCycle(b.db, { id: '2026-12', name: 'December 2026', kind: 'monthly', startsOn: '2026-12-01', endsOn: '2026-12-31' }, '2026-11-16T15:00:00Z');
    b.db.prepare("UPDATE customers SET cycle_id = '2026-12' WHERE external_id = ?").run(ids[4]);
    seedCustomers(b.db, [customer({ externalId: 'K900', segment: 'One year' })]);
    await call(b.dispatch, 'effect.setControl', { cycleId: CYCLE.id, sharePercent: 40 });
    expectExact();

    // A changed share regroups the cycle; no share takes the cycle out of the report but not out of the cells.
    await call(b.dispatch, 'effect.setControl', { cycleId: '2026-12', sharePercent: 20 });
    expectExact();
    const erased = ids[5] ?? '';
    await call(b.dispatch, 'privacy.erase', { customerId: idOf(erased), confirm: erased });
    expectExact();
    // The erased customer stays, anonymous, in the counts; a customer deleted outright leaves them.
    expect(effectCells(b.db, CYCLE.id).reduce((n, c) => n + c.customers, 0)).toBe(40);
    b.db.prepare("DELETE FROM customers WHERE external_id = 'K900'").run();
    expectExact();
    expect(effectCells(b.db, CYCLE.id).reduce((n, c) => n + c.customers, 0)).toBe(39);

    // The report reads the summary and gives the customers table's figures.
    const report = await call(b.dispatch, 'effect.report', { cycle: CYCLE.id });
    const fromTable = effectCellsFromCustomers(b.db, CYCLE.id);
    expect(report.overall.toCall.customers).toBe(fromTable.filter((c) => !c.control).reduce((n, c) => n + c.customers, 0));
    expect(report.overall.control.returned).toBe(fromTable.filter((c) => c.control).reduce((n, c) => n + c.returned, 0));
  });

  it('is kept the same way by SQLite 3.31, the oldest a console database is written for', async () => {
    const old = await openSqlite331();
    try {
      expect(versionOf(old)).toBe('3.31.1');
      // The customers columns the triggers read, then the migration's table and triggers as written.
      old.run(`CREATE TABLE customers (id INTEGER PRIMARY KEY, external_id TEXT NOT NULL UNIQUE, cycle_id TEXT, selected INTEGER NOT NULL DEFAULT 0,
        control_group INTEGER NOT NULL DEFAULT 0, stated_reason_id TEXT, segment TEXT, returned_on TEXT, attempts INTEGER NOT NULL DEFAULT 0)`);
      old.exec(EFFECT_CELLS_SQL.replace(/\) WITHOUT ROWID, STRICT;/, ') WITHOUT ROWID;'));
      for (const [i, id] of ids.entries()) {
        old.run('INSERT INTO customers (external_id, cycle_id, selected, control_group, stated_reason_id, segment) VALUES (?, ?, ?, ?, ?, ?)', [
          id, i % 9 === 0 ? null : CYCLE.id, i % 4 === 0 ? 0 : 1, i % 4 === 0 ? 1 : 0, i % 2 === 0 ? 'price.too-expensive' : null, i % 3 === 0 ? 'One year' : null,
        ]);
      }
      old.run(`UPDATE customers SET returned_on = '2026-12-01' WHERE external_id IN ('K001', 'K002', 'K003', 'K005')`);
      old.run(`UPDATE customers SET attempts = attempts + 1 WHERE external_id IN ('K002', 'K004', 'K006')`);
      old.run(`UPDATE customers SET attempts = attempts + 1 WHERE external_id = 'K002'`);
      old.run(`UPDATE customers SET segment = 'Two year', selected = 1, control_group = 0 WHERE external_id = 'K005'`);
      old.run(`UPDATE customers SET selected = 0 WHERE external_id = 'K006'`);
      old.run(`DELETE FROM customers WHERE external_id = 'K003'`);
      const rows = (q: string) => old.exec(q)[0]?.values ?? [];
      expect(rows('SELECT cycle_id, reason_id, segment, control, customers, called, returned FROM effect_cells ORDER BY 1, 2, 3, 4')).toEqual(
        rows(`${EFFECT_CELLS_FROM_CUSTOMERS} ORDER BY 1, 2, 3, 4`),
      );
      // 40 less the 5 without a cycle (K001, K010, K019, K028, K037), K003 deleted, K006 taken out of
      // the pass: 33. Back: K002 and K005 (K001 has no cycle, K003 is gone). Called: K002, K004.
      expect(rows('SELECT sum(customers), sum(returned), sum(called) FROM effect_cells')).toEqual([[33, 2, 2]]);
    } finally {
      old.close();
    }
  });
});
