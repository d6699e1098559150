import { resolve } from 'node:path';
import { Argument, Option, type Command } from 'commander';
import { EXPORT_DATASETS, type ExportDataset } from '../../../shared/api/exports';
import { openDatabase } from '../../../db/open';
import { ReadOnlyDatabaseError, isWritable, readableDatabase } from '../../../db/readOnly';
import { EXPORT_FILE_BUFFER_BYTES } from '../../backend/exports/stream';
import { writeFileAtomically } from '../../backend/exports/toFile';
import { writeExport } from '../../backend/exports/write';
import { CliError } from './errors';
import { addDbOption, existingDbPath, isClosedPipe } from './options';

interface ExportOptions {
  db?: string;
  format: 'csv';
  out?: string;
  bom: boolean;
  json?: boolean;
}

/**
 * The file the export reads: the database brought to the current schema first (the export reads
 * it on read-only connections), or, on a read-only disk, the file as it is (db/readOnly.ts).
 */
function exportSource(path: string): { path: string; dispose: () => void } {
  if (isWritable(path)) {
    openDatabase(path).close();
    return { path, dispose: () => undefined };
  }
  try {
    return readableDatabase(path);
  } catch (error) {
    if (error instanceof ReadOnlyDatabaseError) throw new CliError(error.message);
    throw error;
  }
}

export function registerExportCommand(program: Command): void {
  addDbOption(
    program
      .command('export')
      .description('Export a whole table as CSV, streamed row by row (a million calls in flat memory).')
      .addArgument(new Argument('<what>', 'what to export').choices(EXPORT_DATASETS))
      .addOption(new Option('--format <format>', 'output format').choices(['csv']).default('csv'))
      .option('--out <file>', 'write to this file instead of standard output (written whole, or not at all)')
      .option('--no-bom', 'without the byte-order mark Excel needs')
      .option('--json', 'with --out: print { "ok": true, "rows": n, "file": path }, or { "ok": false, "error": { code, message } }'),
  ).action(async (what: ExportDataset, options: ExportOptions) => {
    const source = exportSource(existingDbPath(options));
    try {
      if (options.out) {
        const file = resolve(options.out);
        const rows = await writeFileAtomically(file, (out) => writeExport(source.path, what, out, { bom: options.bom }), {
          highWaterMark: EXPORT_FILE_BUFFER_BYTES,
        });
        if (options.json) process.stdout.write(`${JSON.stringify({ ok: true, rows, file })}\n`);
        else process.stderr.write(`Exported ${rows} rows of ${what} to ${options.out}.\n`);
        return;
      }
      await writeExport(source.path, what, process.stdout, { bom: options.bom });
    } catch (error) {
      // The reader went away (`winback export calls | head`): stop quietly, as Unix tools do.
      if (!isClosedPipe(error)) throw error;
    } finally {
      source.dispose();
    }
  });
}
