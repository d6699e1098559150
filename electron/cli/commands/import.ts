import { issueInEnglish } from '../../../shared/i18n/english';
import { sayInEnglish } from '../../backend/i18n/said';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { createBackend } from '../../backend/create';
import { ImportMappingSchema, type ImportMapping } from '../../../shared/domain/importMapping';
import { runImport, type RunImportResult } from '../../backend/import/run';
import { ImportFileError, type RowError } from '../../backend/import/errors';
import { everyRowInvalid } from '../../backend/import/plan';
import { CliError } from './errors';
import { addDbOption, dbPathFrom } from './options';

interface ImportCommandOptions {
  db?: string;
  mapping?: string;
  cycle?: string;
  dryRun?: boolean;
  json?: boolean;
  skipInvalid?: boolean;
}

/** The --json shape, exactly as documented in docs/cli.md. */
interface JsonReport {
  imported: number;
  updated: number;
  skipped: number;
  invalid: number;
  errors: { line: number | null; column: string | null; message: string }[];
}

export function readMappingFile(path: string): ImportMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? `it is not valid JSON (${error.message})` : 'it cannot be read';
    throw new CliError(`The mapping file ${path}: ${why}.`);
  }
  const parsed = ImportMappingSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CliError(`The mapping file ${path}: ${issueInEnglish(parsed.error.issues[0])}`);
  }
  return parsed.data;
}

const n = (x: number) => x.toLocaleString('en-US');

function errorLine(e: RowError): string {
  return `  line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.message}`;
}

function humanReport(r: RunImportResult, dryRun: boolean): string {
  const { plan, written } = r;
  const lines: string[] = [];
  const imported = written?.imported ?? plan.newCount;
  const updated = written?.updated ?? plan.updatedCount;
  const verb = written ? '' : 'Would import';
  lines.push(
    written
      ? `Imported ${n(imported)} new departed customers and updated ${n(updated)}; skipped ${n(plan.skipped)} rows that did not depart; ${n(plan.invalid)} invalid rows.`
      : `${verb} ${n(imported)} new departed customers and update ${n(updated)}; ${n(plan.skipped)} rows did not depart; ${n(plan.invalid)} invalid rows.`,
  );
  if (plan.dates.slashed && plan.dates.format !== null && !plan.dates.chosen) {
    const example = plan.dates.example;
    lines.push(
      `Dates read ${plan.dates.format === 'dmy' ? 'day first (DD/MM/YYYY)' : 'month first (MM/DD/YYYY)'}` +
        (example ? `: "${example.value}" on line ${example.line} can only be read so.` : '.'),
    );
  } else if (plan.dates.slashed && plan.dates.format === null) {
    lines.push('Every date with slashes fits both day first and month first: say which with "dateFormat": "dmy" or "mdy" in the --mapping file.');
  }
  for (const warning of plan.warnings) lines.push(`Warning: ${sayInEnglish(warning)}`);
  if (plan.noContact > 0) lines.push(`${n(plan.noContact)} have no phone or email: imported and counted, but not queued.`);
  for (const w of plan.warnings) lines.push(`Check: ${sayInEnglish(w)}`);
  if (written && written.suppressed > 0) lines.push(`${n(written.suppressed)} are on the contact-permission ledger: imported and counted, but not queued.`);
  if (plan.unmapped.length > 0) {
    const list = plan.unmapped
      .slice(0, 10)
      .map((u) => `"${u.text}" (${n(u.customers)})`)
      .join(', ');
    lines.push(`${plan.unmapped.length} stated reasons map to no reason yet: ${list}. Map them in Admin > Unmapped reasons.`);
  }
  if (plan.errors.length > 0) {
    lines.push('Problems:');
    lines.push(...plan.errors.slice(0, 20).map(errorLine));
    if (plan.invalid > 20) lines.push(`  … and more (${n(plan.invalid)} invalid rows in all; --json lists up to 1,000 errors).`);
  }
  if (!written && !dryRun && everyRowInvalid(plan)) {
    lines.push(`Nothing was written: every row of the file is invalid (${n(plan.invalid)} rows), so there is nothing to import.`);
  } else if (!written && !dryRun) {
    lines.push(
      `Nothing was written: ${n(plan.invalid)} rows are invalid. Fix them, or run again with --skip-invalid to import the valid rows.`,
    );
  } else if (dryRun) {
    lines.push('Dry run: nothing was written.');
  }
  return `${lines.join('\n')}\n`;
}

export function registerImportCommand(program: Command): void {
  addDbOption(
    program
      .command('import')
      .description('Import departed customers from a CSV export (`,` or `;`, UTF-8 or Windows-1252), in one transaction.')
      .argument('<file>', 'the CSV file')
      .option('--mapping <file>', 'a JSON column mapping (default: the mapping proposed from the headers)')
      .option(
        '--cycle <name>',
        'the cycle for customers whose departure date is unknown, e.g. 2026-11 or Q4 2026 (default: the current one)',
      )
      .option('--dry-run', 'validate and report what would happen; write nothing')
      .option('--json', 'print the result as JSON: { imported, updated, skipped, invalid, errors }')
      .option('--skip-invalid', 'import the valid rows even when some rows are invalid'),
  ).action(async (file: string, options: ImportCommandOptions) => {
    const path = resolve(file);
    if (!existsSync(path) || !statSync(path).isFile()) throw new CliError(`There is no file at ${path}.`);
    const mapping = options.mapping ? readMappingFile(resolve(options.mapping)) : undefined;
    const backend = createBackend({ dbPath: dbPathFrom(options) });
    const dryRun = options.dryRun === true;
    try {
      const result = await runImport(backend.deps, {
        path,
        fileName: basename(path),
        ...(mapping ? { mapping } : {}),
        ...(options.cycle !== undefined ? { cycle: options.cycle } : {}),
        dryRun,
        skipInvalid: options.skipInvalid === true,
        actorId: null,
        onWriting: (count) => {
          if (options.json) return;
          process.stderr.write(
            count === null ? 'Writing the customers in one transaction as the file is read…\n' : `Writing ${n(count)} customers in one transaction…\n`,
          );
        },
      });
      const failed = (result.plan.invalid > 0 && options.skipInvalid !== true) || (!dryRun && everyRowInvalid(result.plan));
      if (options.json) {
        const report: JsonReport = {
          imported: result.written?.imported ?? (dryRun ? result.plan.newCount : 0),
          updated: result.written?.updated ?? (dryRun ? result.plan.updatedCount : 0),
          skipped: result.plan.skipped,
          invalid: result.plan.invalid,
          errors: result.plan.errors.map((e) => ({ line: e.line, column: e.column, message: e.message })),
        };
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        process.stdout.write(humanReport(result, dryRun));
      }
      if (failed) process.exitCode = 1;
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      if (options.json) {
        const report: JsonReport = {
          imported: 0,
          updated: 0,
          skipped: 0,
          invalid: 0,
          errors: [{ line: error.line, column: null, message: error.message }],
        };
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        process.exitCode = 1;
        return;
      }
      throw new CliError(`${error.message} Nothing was imported.`);
    } finally {
      backend.close();
    }
  });
}
