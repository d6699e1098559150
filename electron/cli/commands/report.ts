import { issueInEnglish } from '../../../shared/i18n/english';
import { Option, type Command } from 'commander';
import { ReasonsReportFilters, type ReasonsReport } from '../../../shared/reports/reasons';
import { reasonsCsvColumns } from '../../../shared/reports/reasonsCsv';
import { toCsv } from '../../../shared/csv/write';
import { AppError } from '../../../shared/api/result';
import { ReadOnlyDatabaseError, isWritable, readableDatabase } from '../../../db/readOnly';
import { createBackend } from '../../backend/create';
import { buildReasonsReport } from '../../backend/reports/reasons';
import { setReportWorkerEnabled } from '../../backend/reportWorkers/runner';
import { CliError } from './errors';
import { fetchHubReasonsReport } from '../../backend/sync/hubClient';
import { addDbOption, existingDbPath, writeOutput } from './options';
import { registerEffectReports } from './reportEffect';

interface ReportOptions {
  db?: string;
  by: 'stated' | 'diagnosed';
  cycle?: string;
  from?: string;
  to?: string;
  group?: 'cycle' | 'month';
  segment?: string;
  product?: string;
  team?: string;
  format: 'json' | 'csv';
  out?: string;
  bom: boolean;
  hub?: string;
  token?: string;
}

function render(report: ReasonsReport, options: ReportOptions): string {
  if (options.format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  return toCsv(reasonsCsvColumns(options.group !== undefined), report.rows, { bom: options.bom });
}

export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('Reports from the console database.');
  registerEffectReports(report);
  addDbOption(
    report
      .command('reasons')
      .description('Departed customers and lost monthly revenue per reason, with the calls made and recoveries.')
      .addOption(new Option('--by <kind>', 'stated (at departure) or diagnosed (on calls)').choices(['stated', 'diagnosed']).makeOptionMandatory())
      .option('--cycle <name>', 'one recovery cycle, by name (for example "November 2026") or id')
      .option('--from <YYYY-MM-DD>', 'first day (departure day for stated reasons, call day for diagnosed)')
      .option('--to <YYYY-MM-DD>', 'last day, inclusive')
      .addOption(new Option('--group <by>', 'one row per reason and cycle or month').choices(['cycle', 'month']))
      .option('--segment <name>', 'only this customer segment')
      .option('--product <name>', 'only this product')
      .option('--team <name>', 'only customers of this frontline team')
      .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'))
      .option('--out <file>', 'write to this file instead of standard output')
      .option('--no-bom', 'CSV without the byte-order mark Excel needs')
      .option('--hub <url>', 'read the org-wide report from this sync hub instead of the console database')
      .option('--token <token>', "a manager's hub token (with --hub; or set WINBACK_HUB_TOKEN)"),
  ).action(async (options: ReportOptions) => {
    const parsed = ReasonsReportFilters.safeParse({
      by: options.by,
      cycle: options.cycle,
      from: options.from,
      to: options.to,
      group: options.group,
      segment: options.segment,
      product: options.product,
      team: options.team,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CliError(`--${String(issue?.path[0] ?? 'option')}: ${issueInEnglish(issue)}`);
    }
    if (options.hub !== undefined) {
      const token = options.token ?? process.env.WINBACK_HUB_TOKEN;
      if (!token) throw new CliError('--hub needs a manager token: --token TOKEN, or WINBACK_HUB_TOKEN.');
      let orgWide: ReasonsReport;
      try {
        orgWide = await fetchHubReasonsReport(options.hub, token, parsed.data);
      } catch (error) {
        throw new CliError(`The hub's report could not be read: ${error instanceof Error ? error.message : String(error)}`);
      }
      await writeOutput(render(orgWide, options), options.out);
      return;
    }
    const dbPath = existingDbPath(options);
    // On a read-only disk the report reads a private copy: the console's connection writes.
    let source: { path: string; dispose: () => void } = { path: dbPath, dispose: () => undefined };
    if (!isWritable(dbPath)) {
      try {
        source = readableDatabase(dbPath, { mustCopy: true });
      } catch (error) {
        if (error instanceof ReadOnlyDatabaseError) throw new CliError(error.message);
        throw error;
      }
    }
    let backend: ReturnType<typeof createBackend>;
    try {
      backend = createBackend({ dbPath: source.path });
    } catch (error) {
      source.dispose();
      throw error;
    }
    // A one-off command has nothing else to keep responsive: no worker thread to start.
    setReportWorkerEnabled(false);
    let result: ReasonsReport;
    try {
      result = await buildReasonsReport(backend.db, parsed.data, null);
    } catch (error) {
      if (error instanceof AppError) throw new CliError(error.message);
      throw error;
    } finally {
      backend.close();
      source.dispose();
    }
    await writeOutput(render(result, options), options.out);
  });
}
