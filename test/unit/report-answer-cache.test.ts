import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, signIn, type TestBackend } from '../helpers/backend';
import { PEOPLE, scenarioForManager } from '../helpers/scenario';
import { reportWorkerAnswered, setReportWorkerEnabled } from '../../electron/backend/reportWorkers/runner';
import { openDatabase } from '../../db/open';

/*
 * Trends' reports are kept while the database is unchanged (electron/backend/reports/answerCache.ts):
 * asking again answers without the report worker, and any write in between, by the console or by
 * another connection to the file, gives the new figures.
 */

let b: TestBackend;
beforeEach(async () => {
  setReportWorkerEnabled(true);
  b = await scenarioForManager();
});
afterEach(() => b.dispose());

describe('Trends reports asked again', () => {
  it('are answered again without running the report while nothing has been written', async () => {
    const first = await call(b.dispatch, 'reports.recovery', { segment: 'Month-to-month' });
    const answered = reportWorkerAnswered();
    const again = await call(b.dispatch, 'reports.recovery', { segment: 'Month-to-month' });
    expect(again).toEqual(first);
    expect(reportWorkerAnswered()).toBe(answered);
    // Another filter is another report.
    await call(b.dispatch, 'reports.recovery', {});
    expect(reportWorkerAnswered()).toBe(answered + 1);
  });

  it('are still answered at once after writes that no report reads (the desk presence polled every five seconds)', async () => {
    await call(b.dispatch, 'reports.reasons', { by: 'stated' });
    const answered = reportWorkerAnswered();
    const writes = () => b.db.prepare('SELECT total_changes()').pluck().get() as number;
    const before = writes();
    await call(b.dispatch, 'presence.get', {});
    expect(writes()).toBeGreaterThan(before);
    await call(b.dispatch, 'reports.reasons', { by: 'stated' });
    expect(reportWorkerAnswered()).toBe(answered);
  });

  it('follow a correction the console writes between two asks', async () => {
    expect((await call(b.dispatch, 'reports.recovery', {})).totals.recovered).toBe(3);
    expect((await call(b.dispatch, 'reports.reasons', { by: 'diagnosed' })).totals.recovered).toBe(3);
    b.db.prepare("UPDATE calls SET outcome = 'recovered' WHERE id = 'K3'").run();
    expect((await call(b.dispatch, 'reports.recovery', {})).totals.recovered).toBe(4);
    expect((await call(b.dispatch, 'reports.reasons', { by: 'diagnosed' })).totals.recovered).toBe(4);
    b.db.prepare("UPDATE calls SET outcome = 'declined' WHERE id = 'K3'").run();
    expect((await call(b.dispatch, 'reports.recovery', {})).totals.recovered).toBe(3);
  });

  it('follow a write committed by another connection to the file (a command run beside the console)', async () => {
    const before = await call(b.dispatch, 'reports.reasons', { by: 'stated' });
    const other = openDatabase(b.dbPath);
    try {
      expect(other.prepare('UPDATE customers SET monthly_revenue = monthly_revenue + 1000 WHERE id = (SELECT min(id) FROM customers)').run().changes).toBe(1);
    } finally {
      other.close();
    }
    const after = await call(b.dispatch, 'reports.reasons', { by: 'stated' });
    expect(after.totals.revenue).toBeCloseTo(before.totals.revenue + 1000, 2);
  });

  it('follow a change of the taxonomy in the filters offered', async () => {
    const before = await call(b.dispatch, 'reports.options', {});
    b.db.prepare("UPDATE reasons SET name = 'Too dear' WHERE id = 'price.too-expensive'").run();
    const after = await call(b.dispatch, 'reports.options', {});
    const names = (o: typeof before) => o.categories.flatMap((c) => c.reasons.map((r) => r.name));
    expect(names(before)).not.toContain('Too dear');
    expect(names(after)).toContain('Too dear');
  });

  it('are not given to another person, whose scope differs', async () => {
    const manager = await call(b.dispatch, 'reports.recovery', {});
    await signIn(b.dispatch, { name: PEOPLE.sam.name, role: 'agent' });
    const agent = await call(b.dispatch, 'reports.recovery', {});
    expect(agent.totals.calls).toBeLessThan(manager.totals.calls);
  });

  it('are neither kept nor given while the console is inside a write not yet committed', async () => {
    expect((await call(b.dispatch, 'reports.recovery', {})).totals.recovered).toBe(3);
    b.db.exec('BEGIN');
    b.db.prepare("UPDATE calls SET outcome = 'recovered' WHERE id = 'K3'").run();
    // The worker reads only what is committed.
    expect((await call(b.dispatch, 'reports.recovery', {})).totals.recovered).toBe(3);
    b.db.exec('COMMIT');
    expect((await call(b.dispatch, 'reports.recovery', {})).totals.recovered).toBe(4);
  });
});
