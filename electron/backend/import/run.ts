import { said } from '../../../shared/i18n/said';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStaging } from '../../../db/importStaging';
import { readQueueSettings } from '../../../db/repos/queueSettings';
import { proposeMapping, type ImportMapping } from '../../../shared/domain/importMapping';
import { cycleFor, type CyclePeriod } from '../../../shared/domain/cycles';
import { cycleFromName } from '../../../shared/domain/cycleNames';
import type { ServiceDeps } from '../types';
import { commitImport, type ImportCounts } from './commit';
import { ImportFileError } from './errors';
import { importPipelined } from './pipeline';
import { everyRowInvalid } from './plan';
import { readHead, stageImport, type ImportPlan } from './stage';

/** The cycle of an import: the one named, else the one today falls in. */
export function importCycle(deps: ServiceDeps, name: string | undefined): CyclePeriod {
  if (name === undefined || name.trim() === '') return cycleFor(deps.now(), readQueueSettings(deps.db).cycleKind);
  const cycle = cycleFromName(name);
  if (!cycle) throw new ImportFileError(said('errors.importFile.noCycle', { name }));
  return cycle;
}

export interface RunImportOptions {
  path: string;
  fileName: string;
  /** Without one, the mapping proposed from the headers. */
  mapping?: ImportMapping;
  cycle?: string;
  dryRun: boolean;
  skipInvalid: boolean;
  actorId: string | null;
  /**
   * Called when the single write transaction starts, with the number of customers it writes, or
   * null when the file is read as it is written (and the number is not known yet).
   */
  onWriting?: (customers: number | null) => void;
  /** Where the staging file goes; the system's temporary folder by default. */
  stagingDir?: string;
}

export interface RunImportResult {
  plan: ImportPlan;
  mapping: ImportMapping;
  /** What was written, or null when nothing was (dry run, or invalid rows without --skip-invalid). */
  written: ImportCounts | null;
}

/** The whole import for the command line: read, validate, stage, then write or not. */
export async function runImport(deps: ServiceDeps, o: RunImportOptions): Promise<RunImportResult> {
  const cycle = importCycle(deps, o.cycle);
  const mapping = o.mapping ?? (await proposedMapping(o.path));
  const stagingPath = join(o.stagingDir ?? tmpdir(), `winback-import-${randomUUID()}.sqlite`);
  const today = deps.now().toISOString().slice(0, 10);
  const options = { mapping, cycleKind: readQueueSettings(deps.db).cycleKind, importCycle: cycle, today };
  const ctx = { now: deps.now(), actorId: o.actorId, fileName: o.fileName };
  const logWritten = (written: ImportCounts) =>
    deps.log.info('import written', { imported: written.imported, updated: written.updated, invalid: written.invalid });
  if (!o.dryRun) {
    // Read on the worker and written as it is read; a dry run has nothing to overlap.
    const onWriting = o.onWriting && (() => o.onWriting?.(null));
    const pipelineOptions = { ...options, stagingPath, skipInvalid: o.skipInvalid, onWriting };
    const done = await importPipelined(deps.db, o.path, pipelineOptions, ctx, deps.log);
    if (done !== null) {
      if (done.written) logWritten(done.written);
      return { ...done, mapping };
    }
  }
  const staging = createStaging(stagingPath, statSync(o.path).size);
  try {
    const plan = await stageImport(deps.db, o.path, staging, options);
    if (o.dryRun || (plan.invalid > 0 && !o.skipInvalid) || everyRowInvalid(plan)) return { plan, mapping, written: null };
    o.onWriting?.(plan.newCount + plan.updatedCount);
    const written = commitImport(deps.db, staging, plan, ctx);
    logWritten(written);
    return { plan, mapping, written };
  } finally {
    staging.dispose();
  }
}

export async function proposedMapping(path: string): Promise<ImportMapping> {
  const head = await readHead(path);
  return proposeMapping(head.headers, head.sample);
}
