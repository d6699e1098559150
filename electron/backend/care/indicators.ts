import type { IndicatorImport } from '../../../shared/api/care';
import { activeEnrolmentsByExternalId, customerExistsByExternalId, prepareIndicatorUpsert } from '../../../db/repos/careIndicators';
import { audit } from '../../../db/repos/audit';
import type { ServiceDeps } from '../types';
import { readIndicatorFile } from './indicatorFile';

/** The list carries at most this many errors and preview rows; the counts are always whole. */
const MAX_LISTED_ERRORS = 1_000;
const PREVIEW_ROWS = 50;

/**
 * Imports health indicators for the next review of customers in intensive care. The whole file is
 * checked first; one bad row and nothing is written, so a file is either in or out. A dry run
 * (the console's preview) checks and reports without writing.
 */
export function importIndicators(
  deps: ServiceDeps,
  actorId: string | null,
  input: { fileName: string; content: string; dryRun: boolean },
): IndicatorImport {
  const { db } = deps;
  const followed = activeEnrolmentsByExternalId(db);
  const exists = customerExistsByExternalId(db);
  const read = readIndicatorFile(input.content, { isFollowed: (id) => followed.has(id), exists });
  const result: IndicatorImport = {
    fileName: input.fileName,
    rows: read.rows.length,
    applied: false,
    errors: read.errors.slice(0, MAX_LISTED_ERRORS),
    errorCount: read.errors.length,
    ignoredColumns: read.ignoredColumns,
    preview: read.rows.slice(0, PREVIEW_ROWS).map((r) => ({ line: r.line, externalId: r.externalId, name: followed.get(r.externalId)?.name ?? null, ...r.values })),
  };
  if (read.errors.length > 0 || input.dryRun || read.rows.length === 0) return result;

  const importedAt = deps.now().toISOString();
  db.transaction(() => {
    const upsert = prepareIndicatorUpsert(db);
    for (const row of read.rows) {
      const enrolment = followed.get(row.externalId);
      if (enrolment) upsert(enrolment.enrolmentId, row.values, { importedAt, fileName: input.fileName, importedBy: actorId });
    }
    audit(db, { at: importedAt, actorId, action: 'care.importIndicators', entity: 'care_indicators', detail: { fileName: input.fileName, rows: read.rows.length } });
  })();
  deps.log.info('care indicators imported', { rows: read.rows.length });
  return { ...result, applied: true };
}
