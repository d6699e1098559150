import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Db } from '../../db/open';
import type { ImportMapping } from '../../shared/domain/importMapping';
import { runImport, type RunImportResult } from '../../electron/backend/import/run';
import type { TestBackend } from './backend';

/**
 * Every row of every table, in order: two equal dumps mean the database content did not change.
 * `rowText` writes a row; a test comparing two consoles masks the random ids there.
 */
export function dumpDatabase(db: Db, rowText: (row: unknown) => string = (row) => JSON.stringify(row)): string {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  // Rows sorted by their content: summary tables are WITHOUT ROWID, so there is no rowid to order by.
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all().map(rowText).sort()]));
}

/** How the synthetic departure files below are mapped, as a manager would map them. */
export const DEPARTURES_MAPPING: ImportMapping = {
  columns: {
    externalId: 'id',
    name: 'name',
    phone: 'phone',
    segment: 'contract',
    monthlyRevenue: 'revenue',
    departedAt: 'left',
    statedReason: 'reason',
    frontlineTeam: 'team',
  },
};
const DEPARTURE_REASONS = ['Price too high', 'Moved', 'Left because of the dog', '', 'Competitor made better offer'];

/**
 * Departed customer number `n`, who left on `left`, in `segment`: every 13th without a phone, every
 * 11th without revenue, stated reasons mapped, unmapped and missing, four frontline teams.
 */
export function departureRow(n: number, left: string, segment: string): string {
  const revenue = n % 11 === 0 ? '' : (20 + (n % 97) + (n % 7) / 4).toFixed(2);
  const phone = n % 13 === 0 ? '' : `555-${String(n).padStart(5, '0')}`;
  return `C${String(n).padStart(5, '0')},Customer ${n},${phone},${segment},${revenue},${left},${DEPARTURE_REASONS[n % 5]},Team ${n % 4}`;
}

/** A departure file of the rows above, with its header. */
export const departureFile = (rows: string[]) => `id,name,phone,contract,revenue,left,reason,team\n${rows.join('\n')}\n`;

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
