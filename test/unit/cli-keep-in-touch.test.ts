import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signIn, testBackend, type TestBackend } from '../helpers/backend';
import { PEOPLE, seedScenario } from '../helpers/scenario';
import type { KeepInTouchCustomer, KeepInTouchGroup } from '../../shared/api/keepInTouch';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'winback.mjs');
let b: TestBackend | undefined;
afterEach(() => b?.dispose());

const winback = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });

async function seeded(): Promise<TestBackend> {
  b = testBackend(() => new Date('2026-11-20T12:00:00.000Z'));
  seedScenario(b.db);
  await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
  b.close();
  return b;
}

describe('winback keep-in-touch', () => {
  it('prints the list as JSON, grouped by reason, and narrows it with the same filters as the view', async () => {
    const t = await seeded();
    const json = winback(['keep-in-touch', '--json', '--db', t.dbPath]);
    expect(json.stderr).toBe('');
    const list = JSON.parse(json.stdout) as { total: number; revenue: number; groups: KeepInTouchGroup[]; customers: KeepInTouchCustomer[] };
    expect(list.customers.map((c) => c.externalId).sort()).toEqual(['C1', 'C2', 'C5']);
    expect(list).toMatchObject({ total: 3, revenue: 180 });
    expect(list.groups.map((g) => g.reasonId).sort()).toEqual(['competitor.better-offer', 'price.extra-charges', 'unknown.dont-know']);

    const text = winback(['keep-in-touch', '--db', t.dbPath, '--category', 'price']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('1 customer to keep in touch with, 100.00 a month lost.');
    expect(text.stdout).toContain('Extra charges');
    expect(text.stdout).toMatch(/C1\tAda Example\t100\.00\/month\tleft 2026-10-05\tlast contact 2026-11-07\tphone yes, email no, post yes/);

    const bad = winback(['keep-in-touch', '--db', t.dbPath, '--reason', 'price.nonsense']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('There is no reason with id price.nonsense in the taxonomy.');
    const age = winback(['keep-in-touch', '--db', t.dbPath, '--min-age', 'soon']);
    expect(age.stderr).toContain('--min-age takes a whole number of days, not "soon".');
    // Four processes, each loading the backend: slow on a busy machine.
  }, 120_000);

  it('prints returns by touch as CSV', async () => {
    const t = await seeded();
    const csv = winback(['keep-in-touch', 'returns', '--db', t.dbPath, '--format', 'csv']);
    expect(csv.stderr).toBe('');
    const lines = csv.stdout.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('By,Touch,Customers touched,Came back,Revenue back (monthly),Window (days)');
    // C1, C3 and C4 came back on calls; five customers were reached by a call.
    expect(lines).toContain('Message kind,Call,5,3,200,90');
  }, 60_000);
});
