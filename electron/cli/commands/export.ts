import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { Argument, Option, type Command } from 'commander';
import { EXPORT_DATASETS, type ExportDataset } from '../../../shared/api/exports';
import { openDatabase } from '../../../db/open';
import { EXPORT_FILE_BUFFER_BYTES, finish } from '../../backend/exports/stream';
import { writeExport } from '../../backend/exports/write';
import { addDbOption, existingDbPath, isClosedPipe } from './options';

interface ExportOptions {
  db?: string;
  format: 'csv';
  out?: string;
  bom: boolean;
}

export function registerExportCommand(program: Command): void {
  addDbOption(
    program
      .command('export')
      .description('Export a whole table as CSV, streamed row by row (a million calls in flat memory).')
      .addArgument(new Argument('<what>', 'what to export').choices(EXPORT_DATASETS))
      .addOption(new Option('--format <format>', 'output format').choices(['csv']).default('csv'))
      .option('--out <file>', 'write to this file instead of standard output')
      .option('--no-bom', 'without the byte-order mark Excel needs'),
  ).action(async (what: ExportDataset, options: ExportOptions) => {
    const path = existingDbPath(options);
    // Bring the file to the current schema first; the export reads it on read-only connections.
    openDatabase(path).close();
    const out: Writable = options.out ? createWriteStream(options.out, { highWaterMark: EXPORT_FILE_BUFFER_BYTES }) : process.stdout;
    try {
      const written = await writeExport(path, what, out, { bom: options.bom });
      if (options.out) {
        await finish(out);
        process.stderr.write(`Exported ${written} rows of ${what} to ${options.out}.\n`);
      }
    } catch (error) {
      // The reader went away (`winback export calls | head`): stop quietly, as Unix tools do.
      if (!isClosedPipe(error)) throw error;
    }
  });
}
