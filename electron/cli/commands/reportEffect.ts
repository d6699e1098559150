import { issueInEnglish } from '../../../shared/i18n/english';
import { Option, type Command } from 'commander';
import { AppError } from '../../../shared/api/result';
import { toCsv, type CsvColumn } from '../../../shared/csv/write';
import { EffectFilters, effectCsvRows } from '../../../shared/reports/effect';
import { offerEconomicsCsvRows } from '../../../shared/reports/offerEconomics';
import { handleTimeCsvRows } from '../../../shared/reports/handleTime';
import { createBackend } from '../../backend/create';
import { effectReport, handleTimeReport, offerEconomicsReport } from '../../backend/effect/reports';
import type { Db } from '../../../db/open';
import { CliError } from './errors';
import { addDbOption, existingDbPath, writeOutput } from './options';

interface Options {
  db?: string;
  cycle?: string;
  format: 'json' | 'csv';
  out?: string;
  bom: boolean;
}

type Row = Record<string, string | number>;

/** CSV with the rows' own keys as headers, in their order. */
function recordsCsv(rows: readonly Row[], bom: boolean): string {
  const keys = Object.keys(rows[0] ?? {});
  const columns: CsvColumn<Row>[] = keys.map((k) => ({ header: k, value: (r) => r[k] }));
  return toCsv(columns, rows, { bom });
}

function define<R>(parent: Command, name: string, description: string, build: (db: Db, f: { cycle?: string }) => R | Promise<R>, csvRows: (r: R) => Row[]): void {
  addDbOption(
    parent
      .command(name)
      .description(description)
      .option('--cycle <name>', 'one recovery cycle, by name (for example "November 2026") or id')
      .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'))
      .option('--out <file>', 'write to this file instead of standard output')
      .option('--no-bom', 'CSV without the byte-order mark Excel needs'),
  ).action(async (options: Options) => {
    const parsed = EffectFilters.safeParse({ cycle: options.cycle });
    if (!parsed.success) throw new CliError(`--cycle: ${issueInEnglish(parsed.error.issues[0])}`);
    const backend = createBackend({ dbPath: existingDbPath(options) });
    let report: R;
    try {
      report = await build(backend.db, parsed.data);
    } catch (error) {
      if (error instanceof AppError) throw new CliError(error.message);
      throw error;
    } finally {
      backend.close();
    }
    await writeOutput(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : recordsCsv(csvRows(report), options.bom), options.out);
  });
}

/** `winback report effect`, `report offers` and `report handle-time`. */
export function registerEffectReports(report: Command): void {
  define(report, 'effect', 'Did the calls work: returns of customers called against the control group, with 95% intervals, by cycle, reason and segment, and per experiment.', effectReport, effectCsvRows);
  define(report, 'offers', 'Offer economics: customers won back per offer, reason and segment, revenue won back, offer cost, net and net per call.', offerEconomicsReport, offerEconomicsCsvRows);
  define(report, 'handle-time', 'Handle time: talk, wrap and time per stage by caller, executives and team, cycle and outcome.', handleTimeReport, handleTimeCsvRows);
}
