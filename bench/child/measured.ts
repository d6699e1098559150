/**
 * Runs one piece of work in a process of its own so its peak memory can be read:
 * `node --import tsx bench/child/measured.ts <what> [args…]`, where <what> is `winback` (the
 * command line, with its arguments) or `raw-export` (the baseline below: <db> <query name> <out>).
 * Prints one JSON line: { ms, loadMs, maxRssMb, exitCode }.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { EXPORT_QUERIES } from '../../db/repos/exports';

const [what, ...args] = process.argv.slice(2);

/** The plainest fast export: the same query, values quoted only where CSV needs it, large writes. */
function rawExport(dbPath: string, query: keyof typeof EXPORT_QUERIES, outPath: string): void {
  const db = new Database(dbPath, { readonly: true });
  const fd = openSync(outPath, 'w');
  try {
    const statement = db.prepare(EXPORT_QUERIES[query].select).raw();
    const cell = (v: string | number | null) => {
      if (v === null) return '';
      const s = String(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    let piece = `${statement.columns().map((c) => c.name).join(',')}\r\n`;
    for (const row of statement.iterate() as Iterable<(string | number | null)[]>) {
      piece += `${row.map(cell).join(',')}\r\n`;
      if (piece.length > 1 << 16) {
        writeSync(fd, piece);
        piece = '';
      }
    }
    writeSync(fd, piece);
  } finally {
    closeSync(fd);
    db.close();
  }
}

let exitCode = 0;
let loadMs = 0;
let start = performance.now();
if (what === 'winback') {
  // Loaded only here, and timed apart: the baseline's memory must not include the command line's
  // modules, and the figure is the work, not Node loading (and tsx compiling) them.
  // The command line loads a command's modules when it builds the program for it.
  const { buildProgram, runProgram } = await import('../../electron/cli/main');
  const program = await buildProgram(args[0]);
  loadMs = performance.now() - start;
  start = performance.now();
  exitCode = await runProgram(program, ['node', 'winback', ...args]);
} else if (what === 'raw-export') {
  rawExport(args[0] ?? '', (args[1] ?? 'calls') as keyof typeof EXPORT_QUERIES, args[2] ?? '');
} else {
  throw new Error(`Nothing to measure called ${JSON.stringify(what)}.`);
}
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, loadMs, maxRssMb: process.resourceUsage().maxRSS / 1024, exitCode })}\n`);
