import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import type { IndicatorImport, IndicatorRowError } from '../../../shared/api/care';
import { createBackend } from '../../backend/create';
import { importIndicators } from '../../backend/care/indicators';
import { CliError } from './errors';
import { addDbOption, dbPathFrom } from './options';

interface CareImportOptions {
  db?: string;
  dryRun?: boolean;
  json?: boolean;
}

const n = (x: number) => x.toLocaleString('en-US');
const errorLine = (e: IndicatorRowError) => `  ${e.line === null ? 'file' : `line ${e.line}`}${e.column ? `, ${e.column}` : ''}: ${e.message}`;

function humanReport(r: IndicatorImport, dryRun: boolean): string {
  const lines: string[] = [];
  if (r.errorCount > 0) {
    lines.push(`Nothing was imported: ${n(r.errorCount)} problem${r.errorCount === 1 ? '' : 's'} in ${r.fileName}. Fix them and import the whole file again.`);
    lines.push(...r.errors.slice(0, 20).map(errorLine));
    if (r.errorCount > 20) lines.push(`  … and ${n(r.errorCount - 20)} more (--json lists up to 1,000).`);
  } else if (r.applied) {
    lines.push(`Imported indicators for ${n(r.rows)} customer${r.rows === 1 ? '' : 's'} in intensive care; their next review starts from them.`);
  } else if (dryRun) {
    lines.push(`Would import indicators for ${n(r.rows)} customer${r.rows === 1 ? '' : 's'} in intensive care. Dry run: nothing was written.`);
  } else {
    lines.push('The file has no rows to import.');
  }
  if (r.ignoredColumns.length > 0) lines.push(`Columns not read: ${r.ignoredColumns.join(', ')}.`);
  return `${lines.join('\n')}\n`;
}

/** `winback care import FILE`: indicators for the next review, validated whole and written all or nothing. */
export function registerCareCommand(program: Command): void {
  const care = program.command('care').description('Intensive care for customers who came back.');
  addDbOption(
    care
      .command('import')
      .description(
        'Import health indicators for the next review from a CSV keyed by customer id (customer_id, service_contacts, purchases, spend, support_tickets, satisfaction); one bad row and nothing is written.',
      )
      .argument('<file>', 'the CSV file (`,`, `;` or tab separated; UTF-8, a byte-order mark allowed)')
      .option('--dry-run', 'check the file and report what would be imported; write nothing')
      .option('--json', 'print the result as JSON: { file, rows, applied, dryRun, errorCount, errors, ignoredColumns }'),
  ).action((file: string, options: CareImportOptions) => {
    const path = resolve(file);
    if (!existsSync(path) || !statSync(path).isFile()) throw new CliError(`There is no file at ${path}.`);
    const content = new TextDecoder('utf-8').decode(readFileSync(path));
    const dryRun = options.dryRun === true;
    const backend = createBackend({ dbPath: dbPathFrom(options) });
    try {
      const r = importIndicators(backend.deps, null, { fileName: basename(path), content, dryRun });
      if (options.json) {
        const report = { file: r.fileName, rows: r.rows, applied: r.applied, dryRun, errorCount: r.errorCount, errors: r.errors, ignoredColumns: r.ignoredColumns };
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        process.stdout.write(humanReport(r, dryRun));
      }
      if (r.errorCount > 0) process.exitCode = 1;
    } finally {
      backend.close();
    }
  });
}
