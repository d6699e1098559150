import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { addFeedback } from '../helpers/calls';
import { PEOPLE, seedScenario } from '../helpers/scenario';
import { readExport, settledExport } from '../helpers/exports';
import { streamCsv } from '../../electron/backend/exports/stream';
import { utf8Boundary } from '../../electron/backend/exports/jobs';
import type { CsvColumn } from '../../shared/csv/write';

const root = join(import.meta.dirname, '..', '..');
const winback = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'winback.mjs'), ...args], { cwd: root, encoding: 'utf8' });

describe('streaming CSV', () => {
  it('waits for a slow destination instead of pulling every row into memory', async () => {
    const TOTAL = 100_000;
    let pulled = 0;
    let received = 0;
    let maxInFlight = 0;
    function* rows() {
      for (let i = 0; i < TOTAL; i += 1) {
        pulled += 1;
        maxInFlight = Math.max(maxInFlight, pulled - received);
        yield { id: i, name: `Customer number ${i}, with a comma` };
      }
    }
    // A destination that takes its time with every write, with a small buffer.
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        received += chunk.toString('utf8').split('\r\n').length - 1;
        setImmediate(done);
      },
    });
    const columns: CsvColumn<{ id: number; name: string }>[] = [
      { header: 'id', value: (r) => r.id },
      { header: 'name', value: (r) => r.name },
    ];
    const progress: number[] = [];
    const written = await streamCsv(rows(), columns, slow, { onProgress: (n) => progress.push(n), progressEvery: 25_000 });
    expect(written).toBe(TOTAL);
    expect(received).toBe(TOTAL + 1);
    expect(progress).toEqual([25_000, 50_000, 75_000, 100_000, 100_000]);
    // Without backpressure all 100,000 rows would be in flight at once; here at most a couple of 64 KB pieces.
    expect(maxInFlight).toBeLessThan(4000);
  });

  it('stops and rejects when the destination fails', async () => {
    const broken = new Writable({
      write(_chunk, _enc, done) {
        done(new Error('ENOSPC: no space left on device'));
      },
    });
    function* many() {
      for (let i = 0; i < 1_000_000; i += 1) yield { n: 'x'.repeat(100) };
    }
    await expect(streamCsv(many(), [{ header: 'n', value: (r: { n: string }) => r.n }], broken)).rejects.toThrow(/ENOSPC/);
  });

  it('cuts parts of a file on whole UTF-8 characters', () => {
    const buf = Buffer.from('aé€😀', 'utf8'); // 1 + 2 + 3 + 4 bytes
    expect(utf8Boundary(buf, buf.length)).toBe(10);
    expect(utf8Boundary(buf, 9)).toBe(6);
    expect(utf8Boundary(buf, 7)).toBe(6);
    expect(utf8Boundary(buf, 6)).toBe(6);
    expect(utf8Boundary(buf, 5)).toBe(3);
    expect(utf8Boundary(buf, 2)).toBe(1);
    expect(utf8Boundary(buf, 1)).toBe(1);
  });
});

describe('exports from the console', () => {
  let b: TestBackend;
  beforeEach(async () => {
    b = testBackend();
    seedScenario(b.db);
    addFeedback(b.db, { id: 'F1', callId: 'K1', rep: 'Rep Avery', team: 'Support North', text: '=HYPERLINK("http://x.test")\nsecond line', createdAt: '2026-10-10T11:00:00.000Z' });
    b.db.prepare("UPDATE customers SET name = 'Дмитрий \"Dima\", Иванов' WHERE external_id = 'C4'").run();
    await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
  });
  afterEach(() => b.dispose());

  async function download(dataset: 'customers' | 'calls' | 'feedback' | 'issues'): Promise<string> {
    const started = await call(b.dispatch, 'exports.start', { dataset });
    const status = await settledExport(b, started);
    expect(status).toMatchObject({ state: 'done', error: null });
    expect(status.rows).toBe(status.total);
    const text = await readExport(b, started.jobId);
    expect(Buffer.byteLength(text)).toBe(status.bytes);
    expect(await call(b.dispatch, 'exports.discard', { jobId: started.jobId })).toEqual({ discarded: true });
    return text;
  }

  it('streams calls to a file and hands it over, with names and neutralised cells intact', async () => {
    const csv = await download('calls');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parse<Record<string, string>>(csv, { columns: true, bom: true });
    expect(rows.map((r) => r['Call ID'])).toEqual(['K1', 'K2', 'K3', 'K4', 'K5', 'K6', 'K7']);
    expect(rows.find((r) => r['Call ID'] === 'K4')).toMatchObject({
      Caller: 'Sam Agent',
      Customer: 'Chioma Placeholder',
      'Diagnosed reason': 'Attitude of support person',
      Outcome: 'Recovered',
      Offers: expect.stringMatching(/The fix, and proof the process changed: accepted/) as string,
    });
    expect(rows.find((r) => r['Call ID'] === 'K5')?.Customer).toBe('Дмитрий "Dima", Иванов');

    const feedback = parse<Record<string, string>>(await download('feedback'), { columns: true, bom: true });
    expect(feedback[0]?.Feedback).toBe('\'=HYPERLINK("http://x.test")\nsecond line');
    const customers = parse<Record<string, string>>(await download('customers'), { columns: true, bom: true });
    expect(customers).toHaveLength(5);
  });

  it('exports issues with their live revenue at stake', async () => {
    await call(b.dispatch, 'issues.create', { title: 'Competitors', owner: 'Pricing', reasonIds: ['competitor.better-offer'], callIds: ['K6'] });
    const [issue] = parse<Record<string, string>>(await download('issues'), { columns: true, bom: true });
    expect(issue).toMatchObject({ Title: 'Competitors', Owner: 'Pricing', Status: 'Open', Reasons: 'Competitor made a better offer', 'Linked calls': '1', Customers: '2', 'Monthly revenue at stake (USD)': '80' });
  });

  it('refuses to read an unfinished or unknown export, and is for managers only', async () => {
    const unknown = await callResult(b.dispatch, 'exports.status', { jobId: '6b1f1d2e-8a0e-4a53-9f57-2f0a4f3f9c11' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', message: 'That export is no longer available; start it again.' } });
    await signIn(b.dispatch, { name: PEOPLE.sam.name, role: 'agent' });
    expect(await callResult(b.dispatch, 'exports.start', { dataset: 'calls' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('the report and export commands', () => {
  let b: TestBackend;
  beforeEach(() => {
    b = testBackend();
    seedScenario(b.db);
  });
  afterEach(() => b.dispose());

  it('`report reasons` prints {rows, totals} as JSON and the same rows as CSV', async () => {
    const json = winback(['report', 'reasons', '--by', 'diagnosed', '--db', b.dbPath]);
    expect(json.stderr).toBe('');
    const report = JSON.parse(json.stdout) as { rows: Record<string, unknown>[]; totals: Record<string, unknown> };
    await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
    expect(report).toEqual(await call(b.dispatch, 'reports.reasons', { by: 'diagnosed' }));
    for (const row of report.rows) {
      for (const key of ['category', 'reason', 'departed', 'revenue', 'calls', 'recovered', 'recoveryRate']) expect(row).toHaveProperty(key);
    }
    expect(report.totals).toMatchObject({ departed: 5, revenue: 280, calls: 6, recovered: 3 });

    const out = join(b.dir, 'reasons.csv');
    const csv = winback(['report', 'reasons', '--by', 'stated', '--group', 'cycle', '--cycle', 'November 2026', '--format', 'csv', '--out', out, '--db', b.dbPath]);
    expect(csv.status).toBe(0);
    const rows = parse<Record<string, string>>(readFileSync(out), { columns: true, bom: true });
    expect(rows.map((r) => [r.period, r.reason, r.departed, r.revenue])).toEqual([
      ['2026-11', 'Attitude of support person', '1', '80'],
      ['2026-11', 'Weird reason', '1', '30'],
      ['2026-11', 'Too expensive', '1', '20'],
    ]);
  });

  it('`export calls --format csv` streams the calls; bad input is one clear line', () => {
    const out = join(b.dir, 'calls.csv');
    const r = winback(['export', 'calls', '--format', 'csv', '--out', out, '--db', b.dbPath]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`Exported 7 rows of calls to ${out}.\n`);
    expect(parse(readFileSync(out), { columns: true, bom: true })).toHaveLength(7);

    const badDate = winback(['report', 'reasons', '--by', 'stated', '--from', '2026-1-1', '--db', b.dbPath]);
    expect(badDate.status).toBe(1);
    expect(badDate.stderr).toBe('winback: --from: Use YYYY-MM-DD.\n');
    const noDb = winback(['export', 'issues', '--db', join(b.dir, 'missing.db')]);
    expect(noDb.stderr).toBe(`winback: There is no console database at ${join(b.dir, 'missing.db')}. Pass --db PATH or set WINBACK_DB.\n`);
    const badFormat = winback(['export', 'calls', '--format', 'xlsx', '--db', b.dbPath]);
    expect(badFormat.status).not.toBe(0);
    expect(badFormat.stderr).toContain("argument 'xlsx' is invalid");
  });
});
