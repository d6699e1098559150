import { randomUUID } from 'node:crypto';
import { plainFault } from '../../../db/faults';
import { createWriteStream, mkdtempSync, openSync, readSync, closeSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportDataset, ExportStatus } from '../../../shared/api/exports';
import type { Db } from '../../../db/open';
import type { Logger } from '../types';
import { ROWS_PER_RANGE } from './parallel';
import { EXPORT_FILE_BUFFER_BYTES, finish } from './stream';
import { writeExport } from './write';
import type { UiLanguage } from '../../../shared/i18n/languages';
import { exportWordsFor } from './words';
import { appError } from '../i18n/errors';

interface Job extends ExportStatus {
  /** A folder of its own, removed whole when the export is discarded. */
  dir: string;
  file: string;
  finishedAt: number | null;
}

/** The window takes a finished export in parts of about this many bytes. */
export const READ_CHUNK_BYTES = 1024 * 1024;
/** Finished exports nobody collected are deleted after this long. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

export function exportFileName(dataset: ExportDataset, now: Date): string {
  return `winback-${dataset}-${now.toISOString().slice(0, 10)}.csv`;
}

/** How far back from `end` the last whole UTF-8 character ends, so a part never splits one. */
export function utf8Boundary(buf: Buffer, end: number): number {
  let i = end;
  // Step back over continuation bytes (10xxxxxx) to the lead byte of the last character...
  while (i > 0 && ((buf[i - 1] ?? 0) & 0xc0) === 0x80) i -= 1;
  if (i === 0) return end;
  const lead = buf[i - 1] ?? 0;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  // ...and keep it only if all its bytes are there.
  return end - (i - 1) >= length ? end : i - 1;
}

/**
 * Export jobs of one console. Each reads and formats its rows on worker threads with read-only
 * connections of their own, all on one snapshot (write.ts), so a million-row export neither stalls
 * the console's other calls nor ties up its connection; this thread only writes the file.
 */
export class ExportJobs {
  /** Rows per range the export workers share out; tests set it low so small exports cross ranges. */
  rowsPerRange = ROWS_PER_RANGE;
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  start(dataset: ExportDataset, bom: boolean, now: Date, language: UiLanguage = 'en'): ExportStatus {
    if (this.db.memory) throw appError('internal', 'exports.needDisk');
    this.sweep();
    const jobId = randomUUID();
    const dir = mkdtempSync(join(tmpdir(), 'winback-export-'));
    const job: Job = {
      jobId,
      dataset,
      fileName: exportFileName(dataset, now),
      state: 'running',
      rows: 0,
      total: 0,
      bytes: 0,
      error: null,
      dir,
      file: join(dir, `${jobId}.csv`),
      finishedAt: null,
    };
    this.jobs.set(jobId, job);
    // Owner-only: the file holds customer names and phone numbers.
    const out = createWriteStream(job.file, { mode: 0o600, highWaterMark: EXPORT_FILE_BUFFER_BYTES });
    void writeExport(this.db.name, dataset, out, {
      bom,
      rowsPerRange: this.rowsPerRange,
      words: exportWordsFor(this.db, language),
      onTotal: (total) => {
        job.total = total;
      },
      onProgress: (n) => {
        job.rows = n;
        job.bytes = out.bytesWritten;
      },
    })
      .then(() => finish(out))
      .then(() => {
        job.bytes = statSync(job.file).size;
        job.state = 'done';
      })
      .catch(async (error: unknown) => {
        this.log.error('export failed', { dataset, error: error instanceof Error ? error.message : 'unknown' });
        // Nothing of a failed export is kept: the part written holds customer data nobody will
        // collect. Removed once the file is closed (Windows cannot delete an open file), and
        // before the failure is reported.
        await new Promise<void>((resolve) => {
          if (out.closed) resolve();
          else out.once('close', () => resolve());
          out.destroy();
        });
        try {
          rmSync(dir, { recursive: true, force: true });
        } catch {
          // Left to the sweep of abandoned exports and to discard, which try again.
        }
        job.state = 'failed';
        job.error = plainFault(error)?.message ?? 'The export could not be written; check the free disk space and try again.';
      })
      .finally(() => {
        job.finishedAt = Date.now();
      });
    return this.status(jobId);
  }

  status(jobId: string): ExportStatus {
    const { dir: _dir, file: _file, finishedAt: _finishedAt, ...status } = this.job(jobId);
    return status;
  }

  read(jobId: string, offset: number): { text: string; nextOffset: number; done: boolean } {
    const job = this.job(jobId);
    if (job.state !== 'done') throw appError('conflict', 'exports.notFinished');
    if (offset > job.bytes) throw appError('invalid_input', 'exports.noSuchPart');
    const buf = Buffer.alloc(Math.min(READ_CHUNK_BYTES, job.bytes - offset));
    const fd = openSync(job.file, 'r');
    let length: number;
    try {
      length = readSync(fd, buf, 0, buf.length, offset);
    } finally {
      closeSync(fd);
    }
    const end = offset + length >= job.bytes ? length : utf8Boundary(buf, length);
    const nextOffset = offset + end;
    return { text: buf.subarray(0, end).toString('utf8'), nextOffset, done: nextOffset >= job.bytes };
  }

  discard(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    if (job.state === 'running') throw appError('conflict', 'exports.stillWriting');
    rmSync(job.dir, { recursive: true, force: true });
    this.jobs.delete(jobId);
    return true;
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw appError('not_found', 'exports.gone');
    return job;
  }

  private sweep(): void {
    const cutoff = Date.now() - ABANDONED_AFTER_MS;
    for (const job of this.jobs.values()) {
      if (job.finishedAt !== null && job.finishedAt < cutoff) this.discard(job.jobId);
    }
  }
}

const registry = new WeakMap<Db, ExportJobs>();

/** The export jobs of the console that owns this database connection. */
export function exportJobsFor(db: Db, log: Logger): ExportJobs {
  let jobs = registry.get(db);
  if (!jobs) {
    jobs = new ExportJobs(db, log);
    registry.set(db, jobs);
  }
  return jobs;
}
