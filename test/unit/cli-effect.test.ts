import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, testBackend, type TestBackend } from '../helpers/backend';
import { customer, seedCustomers } from '../helpers/callFixtures';
import { newcombeSplit, reasonOf } from '../helpers/effectFixture';
import type { EffectReport } from '../../shared/reports/effect';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'winback.mjs');
let b: TestBackend | undefined;
afterEach(() => b?.dispose());

const winback = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });

describe('winback report effect', () => {
  it('prints called against control with the interval as JSON, and as CSV to a file', async () => {
    b = testBackend();
    const t = b;
    await call(t.dispatch, 'session.setup', { name: 'Mia Manager', role: 'manager' });
    const { toCall, control, returnedToCall, returnedControl } = newcombeSplit();
    seedCustomers(t.db, [...toCall, ...control].map((id) => customer({ externalId: id, statedReasonId: reasonOf(id) })));
    await call(t.dispatch, 'effect.setControl', { cycleId: '2026-11', sharePercent: 50 });
    await call(t.dispatch, 'effect.importReturns', { fileName: 'r.csv', text: `id\n${[...returnedToCall, ...returnedControl].join('\n')}\n` });
    t.close();

    const json = winback(['report', 'effect', '--db', t.dbPath, '--cycle', 'November 2026']);
    expect(json.stderr).toBe('');
    const report = JSON.parse(json.stdout) as EffectReport;
    expect(report.overall.toCall).toMatchObject({ customers: 70, returned: 56 });
    expect(report.overall.control).toMatchObject({ customers: 80, returned: 48 });
    expect(report.overall.low).toBeCloseTo(0.0524, 4);

    const out = join(t.dir, 'effect.csv');
    const csv = winback(['report', 'effect', '--db', t.dbPath, '--format', 'csv', '--out', out, '--no-bom']);
    expect(csv.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('dimension,value,to_call,called,to_call_returned,to_call_rate_pct,control,control_returned,control_rate_pct,difference_points,ci95_low_points,ci95_high_points,verdict');
    expect(lines[1]).toBe('all,Every cycle with a control group,70,0,56,80.00,80,48,60.00,20.00,5.24,33.39,The calls won back more customers than not calling.');

    const unknown = winback(['report', 'offers', '--db', t.dbPath, '--cycle', 'Smarch 2026']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe('winback: There is no cycle "Smarch 2026".');
  });
});
