import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Db } from '../../db/open';
import type { ImportMapping } from '../../shared/domain/importMapping';
import { runImport, type RunImportResult } from '../../electron/services/import/run';
import type { TestBackend } from './backend';

/** Every row of every table, in order: two equal dumps mean the database content did not change. */
export function dumpDatabase(db: Db): string {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  // Rows sorted by their content: summary tables are WITHOUT ROWID, so there is no rowid to order by.
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all().map((r) => JSON.stringify(r)).sort()]));
}

/** Writes a file in the test's folder: text as UTF-8 (optionally with a BOM), Windows-1252, or raw bytes. */
export function writeFixture(
  b: TestBackend,
  name: string,
  content: string | Uint8Array,
  options: { encoding?: 'utf8' | 'windows-1252'; bom?: boolean } = {},
): string {
  const path = join(b.dir, name);
  if (typeof content !== 'string') writeFileSync(path, content);
  else if (options.encoding === 'windows-1252') writeFileSync(path, iconv.encode(content, 'win1252'));
  else writeFileSync(path, (options.bom ? '\uFEFF' : '') + content, 'utf8');
  return path;
}

export function importFile(
  b: TestBackend,
  path: string,
  options: { mapping?: ImportMapping; dryRun?: boolean; skipInvalid?: boolean; cycle?: string } = {},
): Promise<RunImportResult> {
  return runImport(b.deps, {
    path,
    fileName: 'test.csv',
    dryRun: options.dryRun ?? false,
    skipInvalid: options.skipInvalid ?? false,
    actorId: null,
    stagingDir: b.dir,
    ...(options.mapping ? { mapping: options.mapping } : {}),
    ...(options.cycle ? { cycle: options.cycle } : {}),
  });
}

/** The telecom sample's departed customers, as the example mapping reads them. */
export const TELCO_MAPPING: ImportMapping = {
  columns: {
    externalId: 'CustomerID',
    segment: 'Contract',
    product: 'Internet Service',
    monthlyRevenue: 'Monthly Charges',
    tenureMonths: 'Tenure Months',
    statedReason: 'Churn Reason',
  },
  departedWhen: { column: 'Churn Label', equals: 'Yes' },
};
