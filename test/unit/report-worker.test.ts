import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, type TestBackend } from '../helpers/backend';
import { PEOPLE, scenarioForManager } from '../helpers/scenario';
import { copyFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { laneOf, releaseReportConnections, reportWorkerAnswered, runReport, setReportWorkerEnabled } from '../../electron/backend/reportWorkers/runner';
import { runReportTask, type ReportTask } from '../../electron/backend/reportWorkers/tasks';
import { openDatabase } from '../../db/open';

let b: TestBackend;
beforeEach(async () => {
  setReportWorkerEnabled(true);
  b = await scenarioForManager();
});
afterEach(() => b.dispose());

const TASKS: ReportTask[] = [
  { kind: 'reasons', query: { by: 'stated', group: 'cycle' } },
  { kind: 'reasons', query: { by: 'diagnosed', segment: 'Month-to-month' } },
  { kind: 'recovery', query: { callerId: PEOPLE.sam.id } },
  { kind: 'offerMatrix', query: { cycleId: '2026-11' } },
  { kind: 'agreement', query: {} },
];

describe('reports on a worker thread', () => {
  it('answers the report channels from the worker, with the same results as on the main thread', async () => {
    const before = reportWorkerAnswered();
    const viaChannel = await call(b.dispatch, 'reports.reasons', { by: 'diagnosed' });
    expect(reportWorkerAnswered()).toBe(before + 1);
    expect(viaChannel.totals).toMatchObject({ departed: 5, calls: 6, recovered: 3 });
    for (const task of TASKS) {
      expect(await runReport(b.db, task)).toEqual(runReportTask(b.db, task));
    }
    expect(reportWorkerAnswered()).toBe(before + 1 + TASKS.length);
  });

  it("works out the manager's slow reports on a worker of their own, so Trends' reports never wait behind them", async () => {
    const trends = reportWorkerAnswered('trends');
    const slow = reportWorkerAnswered('slow');
    const attribution = await call(b.dispatch, 'keepInTouch.attribution', {});
    await call(b.dispatch, 'effect.offers', {});
    // Neither ran on the thread that answers the console, nor on the worker Trends' reports queue on.
    expect(reportWorkerAnswered('slow')).toBe(slow + 2);
    expect(reportWorkerAnswered('trends')).toBe(trends);
    await call(b.dispatch, 'reports.reasons', { by: 'stated' });
    expect(reportWorkerAnswered('trends')).toBe(trends + 1);
    expect(reportWorkerAnswered('slow')).toBe(slow + 2);
    // The same answer as worked out on the console's own connection.
    const days = attribution.windowDays;
    expect(await runReport(b.db, { kind: 'attribution', days })).toEqual(runReportTask(b.db, { kind: 'attribution', days }));
    expect(await runReport(b.db, { kind: 'offerEconomics', cycleId: null })).toEqual(runReportTask(b.db, { kind: 'offerEconomics', cycleId: null }));
    expect(TASKS.map(laneOf)).toEqual(TASKS.map(() => 'trends'));
  });

  it('works out the headline of a filter chosen while the panels of the one before wait, before those panels', async () => {
    const answered: string[] = [];
    const asked = (name: string, task: ReportTask) => runReport(b.db, task).then(() => answered.push(name));
    // The panels below Trends for one segment, then the totals and Pareto chart for the next.
    await Promise.all([
      asked('trend lines', { kind: 'reasons', query: { by: 'stated', group: 'cycle', segment: 'One year' } }),
      asked('offer matrix', { kind: 'offerMatrix', query: { segment: 'One year' } }),
      asked('agreement', { kind: 'agreement', query: { segment: 'One year' } }),
      asked('reasons', { kind: 'reasons', query: { by: 'stated', segment: 'Month-to-month' } }),
      asked('recovery', { kind: 'recovery', query: { segment: 'Month-to-month' } }),
    ]);
    // The first panel was already with the worker; the headline goes next, in the order asked.
    expect(answered).toEqual(['trend lines', 'reasons', 'recovery', 'offer matrix', 'agreement']);
  });

  it('sees a correction committed a moment earlier', async () => {
    b.db.prepare("UPDATE calls SET outcome = 'recovered' WHERE id = 'K3'").run();
    const r = await call(b.dispatch, 'reports.recovery', {});
    expect(r.totals.recovered).toBe(4);
  });

  it('keeps its connection between reports and still sees each correction', async () => {
    // Opening Trends asks for five reports at once; the second and later ones reuse the connection.
    expect((await call(b.dispatch, 'reports.recovery', {})).totals.recovered).toBe(3);
    b.db.prepare("UPDATE calls SET outcome = 'recovered' WHERE id = 'K3'").run();
    expect((await call(b.dispatch, 'reports.recovery', {})).totals.recovered).toBe(4);
    b.db.prepare("UPDATE calls SET outcome = 'declined' WHERE id = 'K3'").run();
    expect((await call(b.dispatch, 'reports.recovery', {})).totals.recovered).toBe(3);
  });

  it('lets go of the file when released, so a file put in its place is the one read next', async () => {
    const path = join(b.dir, 'reports.db');
    b.db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(b.dbPath, path);
    const file = openDatabase(path);
    expect((await runReport(file, { kind: 'recovery', query: {} })).all[0]?.recovered).toBe(3);
    // A copy with a correction takes the file's place, as a restored backup does.
    const other = join(b.dir, 'other.db');
    copyFileSync(path, other);
    const changed = openDatabase(other);
    changed.prepare("UPDATE calls SET outcome = 'recovered' WHERE id = 'K3'").run();
    changed.close();
    file.close();
    await releaseReportConnections();
    renameSync(other, path);
    const reopened = openDatabase(path);
    expect((await runReport(reopened, { kind: 'recovery', query: {} })).all[0]?.recovered).toBe(4);
    reopened.close();
  });

  it('runs on the calling thread for an in-memory database or when switched off', async () => {
    const memory = openDatabase(':memory:');
    const before = reportWorkerAnswered();
    expect((await runReport(memory, { kind: 'reasons', query: { by: 'stated' } })).totals.departed).toBe(0);
    expect(reportWorkerAnswered()).toBe(before);
    memory.close();
    setReportWorkerEnabled(false);
    expect((await runReport(b.db, { kind: 'agreement', query: {} })).counts.compared).toBe(5);
    expect(reportWorkerAnswered()).toBe(0);
  });
});
