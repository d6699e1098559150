import { Writable } from 'node:stream';
import { join } from 'node:path';
import { existsSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fillCallHistory } from '../../bench/lib/callHistory';
import { openDatabase } from '../../db/open';
import * as exportRepo from '../../db/repos/exports';
import type { ExportDataset } from '../../shared/api/exports';
import { setExportWorkersEnabled, writeExport, type WriteExportOptions } from '../../electron/backend/exports/write';
import { shareOneSnapshot } from '../../electron/backend/exports/snapshot';
import type { ExportThread } from '../../electron/backend/exports/threads';
import { exportJobsFor } from '../../electron/backend/exports/jobs';
import { silentLogger } from '../../electron/backend/logger';
import { call, tempDir, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { PEOPLE } from '../helpers/scenario';
import { readExport, settledExport } from '../helpers/exports';

// The same module the export code on this thread uses, with its row readers counted: the workers
// load their own copy, so any call counted here is a row read on the console's main thread.
vi.mock('../../db/repos/exports', async (importOriginal) => {
  const real = await importOriginal<typeof exportRepo>();
  return { ...real, iterateExport: vi.fn(real.iterateExport), iterateExportRange: vi.fn(real.iterateExportRange) };
});

/** Collects what an export writes, as the file would hold it. */
class Collect extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(Buffer.from(chunk));
    done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

let tmp: ReturnType<typeof tempDir>;
let dbPath: string;
beforeEach(() => {
  tmp = tempDir();
  dbPath = join(tmp.dir, 'history.db');
  const db = openDatabase(dbPath);
  // 3,000 calls over 1,000 customers: with ranges of 250 rows, a dozen ranges of calls, four of customers.
  fillCallHistory(db, 3000);
  db.close();
  setExportWorkersEnabled(true);
  vi.mocked(exportRepo.iterateExport).mockClear();
  vi.mocked(exportRepo.iterateExportRange).mockClear();
});
afterEach(() => {
  setExportWorkersEnabled(true);
  tmp.dispose();
});

async function exported(dataset: ExportDataset, options: WriteExportOptions): Promise<{ text: string; rows: number }> {
  const out = new Collect();
  const rows = await writeExport(dbPath, dataset, out, options);
  return { text: out.text(), rows };
}

describe('exports written by worker threads', () => {
  it.each(['calls', 'customers', 'feedback', 'issues'] as const)(
    'writes the %s export in many ranges byte for byte as in one, and as this thread writes it',
    async (dataset) => {
      const whole = await exported(dataset, { bom: true, rowsPerRange: 1_000_000 });
      const ranges = await exported(dataset, { bom: true, rowsPerRange: 250 });
      const oneWorker = await exported(dataset, { bom: true, rowsPerRange: 250, workers: 1 });
      setExportWorkersEnabled(false);
      const here = await exported(dataset, { bom: true });
      expect(ranges.text).toBe(whole.text);
      expect(oneWorker.text).toBe(whole.text);
      expect(here.text).toBe(whole.text);
      expect(ranges.rows).toBe(here.rows);
      if (dataset === 'calls') expect(ranges.rows).toBe(3000);
      if (dataset === 'customers') expect(ranges.rows).toBe(1000);
    },
  );

  it('keeps the separator and byte-order mark options across ranges', async () => {
    const ranges = await exported('calls', { bom: false, separator: ';', rowsPerRange: 333 });
    setExportWorkersEnabled(false);
    const here = await exported('calls', { bom: false, separator: ';' });
    expect(ranges.text).toBe(here.text);
    expect(ranges.text.startsWith('Call ID;Completed at;')).toBe(true);
  });

  it('reports the total first, then rows written in order up to it', async () => {
    const seen: number[] = [];
    let total = -1;
    await exported('calls', { bom: true, rowsPerRange: 250, onTotal: (n) => (total = n), onProgress: (n) => seen.push(n) });
    expect(total).toBe(3000);
    expect(seen.at(-1)).toBe(3000);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('reads no rows on the calling thread', async () => {
    await exported('calls', { bom: true, rowsPerRange: 250 });
    expect(exportRepo.iterateExport).not.toHaveBeenCalled();
    expect(exportRepo.iterateExportRange).not.toHaveBeenCalled();
    // The check above can fail: written on this thread, the rows are read here.
    setExportWorkersEnabled(false);
    await exported('calls', { bom: true });
    expect(exportRepo.iterateExport).toHaveBeenCalledTimes(1);
  });

  it('shows none of a call saved and a customer renamed while the export is being written', async () => {
    setExportWorkersEnabled(false);
    const before = await exported('calls', { bom: true });
    setExportWorkersEnabled(true);
    const writer = openDatabase(dbPath);
    let wrote = false;
    const during = await exported('calls', {
      bom: true,
      rowsPerRange: 250,
      workers: 2,
      onProgress: () => {
        if (wrote) return;
        wrote = true;
        // After the first part is written, while later ranges are still to be read: a call in the
        // middle of the year, and a customer whose calls are spread over every range.
        writer.transaction(() => {
          writer
            .prepare(
              `INSERT INTO calls (id, customer_id, caller_id, caller_role, cycle_id, started_at, completed_at, outcome, customer_words, reason_confirmed)
               VALUES ('K-late', 7, 'bench-caller-1', 'agent', '2025-06', ?, ?, 'recovered', 'saved during the export', 1)`,
            )
            .run('2025-07-01T00:00:00.000Z', '2025-07-01T00:00:00.000Z');
          writer.prepare("UPDATE customers SET name = 'Renamed during the export' WHERE id = 7").run();
        })();
      },
    });
    writer.close();
    expect(wrote).toBe(true);
    expect(during.text).toBe(before.text);
    const after = await exported('calls', { bom: true, rowsPerRange: 250 });
    expect(after.text).toContain('K-late');
    expect(after.text).toContain('Renamed during the export');
  });

  it('rejects when the destination fails, and when a worker cannot read', async () => {
    const full = new Writable({
      write(_chunk, _enc, done) {
        done(new Error('ENOSPC: no space left on device'));
      },
    });
    await expect(writeExport(dbPath, 'calls', full, { bom: true, rowsPerRange: 250 })).rejects.toThrow(/ENOSPC/);
    const notADatabase = join(tmp.dir, 'empty.db');
    writeFileSync(notADatabase, '');
    await expect(writeExport(notADatabase, 'calls', new Collect(), { bom: true })).rejects.toThrow(/no such table/);
  });
});

describe('one snapshot for every worker', () => {
  /**
   * Stand-ins for the workers' connections: each begins a read transaction and reads, as a worker
   * does. `landing` commits on another connection while the given worker begins, as a call saved
   * between two workers' first reads would.
   */
  function readers(landing: (worker: number, attempt: number) => boolean) {
    const connections = [0, 1].map(() => new Database(dbPath, { readonly: true }));
    const writer = new Database(dbPath);
    let attempts = 0;
    const threads = connections.map((db, worker) => ({
      ask: () => {
        if (worker === 0) attempts += 1;
        if (db.inTransaction) db.exec('ROLLBACK');
        db.exec('BEGIN');
        db.prepare('SELECT count(*) FROM calls').pluck().get();
        // A new value each time: a commit that changes nothing is no commit to the other connections.
        if (landing(worker, attempts)) writer.prepare('UPDATE calls SET customer_words = ? WHERE rowid = 1').run(`changed ${attempts}`);
        return Promise.resolve({ type: 'begun' });
      },
    })) as unknown as ExportThread[];
    const words = (i: number) => connections[i]?.prepare('SELECT customer_words FROM calls WHERE rowid = 1').pluck().get();
    const close = () => [...connections, writer].forEach((db) => db.close());
    return { threads, words, close, attempts: () => attempts };
  }
  const race = <T>(p: Promise<T>) => p;

  it('starts the workers again when a commit lands between their first reads', async () => {
    // The first worker begins, then a commit lands before the second does: only on the first attempt.
    const r = readers((worker, attempt) => worker === 0 && attempt === 1);
    const shared = await shareOneSnapshot(dbPath, r.threads, race);
    expect(shared).toHaveLength(2);
    expect(r.attempts()).toBe(2);
    expect(r.words(0)).toBe('changed 1');
    expect(r.words(1)).toBe(r.words(0));
    r.close();
  });

  it('lets the first worker read alone when commits keep landing', async () => {
    const r = readers((worker) => worker === 0);
    const shared = await shareOneSnapshot(dbPath, r.threads, race);
    expect(shared).toEqual([r.threads[0]]);
    expect(r.attempts()).toBeGreaterThan(1);
    r.close();
  });
});

describe('export jobs of the console', () => {
  let b: TestBackend;
  beforeEach(async () => {
    b = testBackend();
    fillCallHistory(b.db, 3000);
    await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
    // A dozen ranges, so the job is still reading and writing while the other calls are answered.
    exportJobsFor(b.db, silentLogger).rowsPerRange = 250;
  });
  afterEach(() => b.dispose());

  it('answers other calls while an export runs, and reads none of its rows on the main thread', async () => {
    const started = await call(b.dispatch, 'exports.start', { dataset: 'calls' });
    expect(started.state).toBe('running');
    // Answered before the export has finished: the rows are read and formatted elsewhere, and
    // the console's own connection is free.
    const people = await call(b.dispatch, 'people.list', {});
    const meanwhile = await call(b.dispatch, 'exports.status', { jobId: started.jobId });
    expect(people.map((p) => p.name)).toContain(PEOPLE.mia.name);
    expect(meanwhile.state).toBe('running');
    expect(meanwhile.rows).toBeLessThan(3000);

    const status = await settledExport(b, meanwhile);
    expect(status).toMatchObject({ state: 'done', rows: 3000, total: 3000, error: null });
    expect(exportRepo.iterateExport).not.toHaveBeenCalled();
    expect(exportRepo.iterateExportRange).not.toHaveBeenCalled();

    const text = await readExport(b, started.jobId);
    setExportWorkersEnabled(false);
    const out = new Collect();
    await writeExport(b.dbPath, 'calls', out, { bom: true });
    expect(text).toBe(out.text());
  });
});

describe('a failed export job', () => {
  let b: TestBackend;
  beforeEach(async () => {
    b = testBackend();
    fillCallHistory(b.db, 1000);
    await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
  });
  afterEach(() => b.dispose());

  it('says so and keeps nothing of what it wrote', async () => {
    // The workers cannot read the offers' names: the export fails after it has begun.
    b.db.pragma('foreign_keys = OFF');
    b.db.exec('DROP TABLE offers');
    const started = await call(b.dispatch, 'exports.start', { dataset: 'calls' });
    const status = await settledExport(b, started);
    expect(status).toMatchObject({ state: 'failed', error: 'The export could not be written; check the free disk space and try again.' });
    const job = (exportJobsFor(b.db, silentLogger) as unknown as { jobs: Map<string, { dir: string }> }).jobs.get(started.jobId);
    expect(job && existsSync(job.dir)).toBe(false);
    expect(await call(b.dispatch, 'exports.discard', { jobId: started.jobId })).toEqual({ discarded: true });
  });
});
