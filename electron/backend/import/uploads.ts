import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { said } from '../../../shared/i18n/said';
import { IMPORT_CHUNK_BYTES, type ImportPreview, type ImportProgress } from '../../../shared/api/import';
import { proposeMapping, type ImportMapping } from '../../../shared/domain/importMapping';
import type { ServiceDeps } from '../types';
import { createStaging, type Staging } from '../../../db/importStaging';
import { listImportMappings } from '../../../db/repos/importMappings';
import { readQueueSettings } from '../../../db/repos/queueSettings';
import { commitImport } from './commit';
import { ImportFileError } from './errors';
import { importCycle } from './run';
import { emptyPlan, everyRowInvalid } from './plan';
import { readHead, stageImport, type ImportPlan } from './stage';
import { appError, appErrorSaying } from '../i18n/errors';

/**
 * An import started from the console. The window cannot hand over a path (the browser transport
 * has none), so the file arrives in base64 chunks, is appended to a file next to the database
 * (customer data stays where the database is), then read from there like the command line does.
 */
interface Upload {
  id: string;
  fileName: string;
  size: number;
  path: string;
  progress: ImportProgress;
  staging: Staging | null;
  plan: ImportPlan | null;
  /** Set while a preview or a write runs: a second one waits for it to finish. */
  busy: boolean;
  touchedAt: number;
}

const uploads = new Map<string, Upload>();
const STALE_MS = 24 * 60 * 60 * 1000;

function uploadDir(deps: ServiceDeps): string {
  const dbPath = deps.db.name;
  const base = dbPath === ':memory:' || dbPath === '' ? tmpdir() : dirname(dbPath);
  return join(base, 'import-uploads');
}

/** Files from imports that were never finished (a closed window, a crash) are removed after a day. */
function sweep(dir: string): void {
  try {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (Date.now() - statSync(file).mtimeMs > STALE_MS) rmSync(file, { force: true });
    }
  } catch {
    // Nothing to sweep yet.
  }
}

function getUpload(id: string): Upload {
  const u = uploads.get(id);
  if (!u)
    throw appError('not_found', 'upload.notOpen');
  u.touchedAt = Date.now();
  return u;
}

function fileErrorToApp(error: unknown): never {
  if (error instanceof ImportFileError) throw appErrorSaying('invalid_file', said('errors.importFile.nothingImported', { problem: error.said }));
  throw error;
}

export function beginUpload(deps: ServiceDeps, fileName: string, size: number): { uploadId: string; chunkBytes: number } {
  const dir = uploadDir(deps);
  mkdirSync(dir, { recursive: true });
  sweep(dir);
  const id = randomUUID();
  const path = join(dir, `${id}.csv`);
  writeFileSync(path, new Uint8Array(0), { mode: 0o600 });
  uploads.set(id, {
    id,
    fileName,
    size,
    path,
    progress: { phase: 'uploading', bytesDone: 0, bytesTotal: size },
    staging: null,
    plan: null,
    busy: false,
    touchedAt: Date.now(),
  });
  return { uploadId: id, chunkBytes: IMPORT_CHUNK_BYTES };
}

export function appendChunk(uploadId: string, offset: number, base64: string): { received: number } {
  const u = getUpload(uploadId);
  if (u.progress.phase !== 'uploading') throw appError('conflict', 'upload.alreadyWhole');
  if (offset !== u.progress.bytesDone) {
    throw appError('conflict', 'upload.wrongOffset', { expected: String(u.progress.bytesDone), got: String(offset) });
  }
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0 || bytes.length > IMPORT_CHUNK_BYTES)
    throw appError('invalid_input', 'upload.wrongSize');
  if (u.progress.bytesDone + bytes.length > u.size)
    throw appError('invalid_input', 'upload.tooManyBytes');
  appendFileSync(u.path, bytes);
  u.progress.bytesDone += bytes.length;
  if (u.progress.bytesDone === u.size) u.progress.phase = 'uploaded';
  return { received: u.progress.bytesDone };
}

function whole(u: Upload): void {
  if (u.progress.phase === 'uploading') {
    throw appError('conflict', 'upload.incomplete', { done: u.progress.bytesDone, size: u.size });
  }
}

export async function inspectUpload(deps: ServiceDeps, uploadId: string) {
  const u = getUpload(uploadId);
  whole(u);
  const head = await readHead(u.path).catch(fileErrorToApp);
  return {
    headers: head.headers,
    sample: head.sample,
    encoding: head.sniffed.encoding,
    separator: head.separator,
    proposed: proposeMapping(head.headers, head.sample),
    saved: listImportMappings(deps.db),
  };
}

function toPreview(plan: ImportPlan): ImportPreview {
  return {
    encoding: plan.encoding,
    separator: plan.separator,
    newCount: plan.newCount,
    updatedCount: plan.updatedCount,
    skipped: plan.skipped,
    active: plan.active,
    invalid: plan.invalid,
    noContact: plan.noContact,
    unmapped: plan.unmapped,
    dates: plan.dates,
    warnings: plan.warnings,
    errors: plan.errors.slice(0, 100),
    cycles: plan.cycles.map((c) => ({ id: c.id, name: c.name, customers: c.customers })),
    fileError: null,
  };
}

/** Reads the whole upload with this mapping and says what an import would do; writes nothing. */
export async function previewUpload(
  deps: ServiceDeps,
  uploadId: string,
  mapping: ImportMapping,
  cycle: string | undefined,
): Promise<ImportPreview> {
  const u = getUpload(uploadId);
  whole(u);
  if (u.busy) throw appError('conflict', 'upload.busyReading');
  let cyclePeriod;
  try {
    cyclePeriod = importCycle(deps, cycle);
  } catch (error) {
    if (error instanceof ImportFileError) throw appErrorSaying('invalid_input', error.said);
    throw error;
  }
  u.busy = true;
  u.staging?.dispose();
  u.staging = null;
  u.plan = null;
  const staging = createStaging(`${u.path}.staging.sqlite`, u.size);
  u.progress = { phase: 'reading', bytesDone: 0, bytesTotal: u.size };
  try {
    const plan = await stageImport(deps.db, u.path, staging, {
      mapping,
      cycleKind: readQueueSettings(deps.db).cycleKind,
      importCycle: cyclePeriod,
      today: deps.now().toISOString().slice(0, 10),
      onProgress: (done) => {
        u.progress.bytesDone = done;
      },
    });
    u.staging = staging;
    u.plan = plan;
    u.progress = { phase: 'read', bytesDone: u.size, bytesTotal: u.size };
    return toPreview(plan);
  } catch (error) {
    staging.dispose();
    u.progress = { phase: 'uploaded', bytesDone: u.size, bytesTotal: u.size };
    if (error instanceof ImportFileError) {
      return { ...toPreview(emptyPlan()), fileError: `${error.message} Nothing can be imported from this file.` };
    }
    throw error;
  } finally {
    u.busy = false;
  }
}

/** Writes the previewed import in one transaction; refused while rows are invalid unless told to skip them. */
export function commitUpload(deps: ServiceDeps, uploadId: string, skipInvalid: boolean, actorId: string | null) {
  const u = getUpload(uploadId);
  if (u.busy) throw appError('conflict', 'upload.stillReading');
  if (!u.plan || !u.staging) throw appError('conflict', 'upload.previewFirst');
  if (u.plan.invalid > 0 && !skipInvalid) {
    throw appError('invalid_file', 'upload.someInvalid', { count: u.plan.invalid });
  }
  if (everyRowInvalid(u.plan)) {
    throw appError('invalid_file', 'upload.allInvalid', { count: u.plan.invalid });
  }
  u.busy = true;
  u.progress = { phase: 'writing', bytesDone: u.size, bytesTotal: u.size };
  try {
    const counts = commitImport(deps.db, u.staging, u.plan, { now: deps.now(), actorId, fileName: u.fileName });
    deps.log.info('import written', { imported: counts.imported, updated: counts.updated, invalid: counts.invalid });
    const selected = deps.db.prepare('SELECT count(*) FROM customers WHERE selected = 1').pluck().get() as number;
    discard(uploadId);
    return { ...counts, selected };
  } catch (error) {
    u.busy = false;
    u.progress = { phase: 'read', bytesDone: u.size, bytesTotal: u.size };
    throw error;
  }
}

export function uploadProgress(uploadId: string): ImportProgress {
  return { ...getUpload(uploadId).progress };
}

export function discard(uploadId: string): void {
  const u = uploads.get(uploadId);
  if (!u) return;
  u.staging?.dispose();
  rmSync(u.path, { force: true });
  uploads.delete(uploadId);
}
