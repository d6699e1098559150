import { Command, CommanderError } from 'commander';
import { CliError } from './commands/errors';
import { plainFault } from '../../db/faults';
import { defaultDataDir, resolveDbPath } from '../backend/paths';

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when needed: a command pulls in its own services (the whole
 * backend for `serve` and `report`, the hub's server and PostgreSQL client, PDF fonts…), and
 * loading all of them for one `winback export` made that process twice its size.
 */
const COMMANDS = new Map<string, () => Promise<Register>>([
  ['serve', async () => (await import('./commands/serve')).registerServeCommand],
  ['demo', async () => (await import('./commands/demo')).registerDemoCommand],
  ['hub', async () => (await import('./commands/hub')).registerHubCommand],
  ['sync', async () => (await import('./commands/sync')).registerSyncCommand],
  ['care', async () => (await import('./commands/care')).registerCareCommand],
  ['report', async () => (await import('./commands/report')).registerReportCommand],
  ['export', async () => (await import('./commands/export')).registerExportCommand],
  ['import', async () => (await import('./commands/import')).registerImportCommand],
  ['backup', async () => (await import('./commands/backup')).registerBackupCommands],
  ['outreach', async () => (await import('./commands/outreach')).registerOutreachCommand],
  ['keep-in-touch', async () => (await import('./commands/keepInTouch')).registerKeepInTouchCommand],
  ['suppress', async () => (await import('./commands/suppress')).registerSuppressCommand],
  ['erase', async () => (await import('./commands/erase')).registerEraseCommand],
  ['retention', async () => (await import('./commands/retention')).registerRetentionCommand],
]);
/** Commands registered by a module under another name. */
const MODULE_OF = new Map([['restore', 'backup']]);

/**
 * Builds the `winback` command line. Every command has --help; every data command takes --db.
 * Given the command being run, only its module is loaded; without one (help, an unknown command)
 * every command is, in the order the help lists them.
 */
export async function buildProgram(command?: string): Promise<Command> {
  const program = new Command('winback')
    .description('Winback Console: win back departed customers.')
    .showHelpAfterError()
    .exitOverride();
  const only = command === undefined ? undefined : COMMANDS.get(MODULE_OF.get(command) ?? command);
  const registers = await Promise.all(only ? [only()] : [...COMMANDS.values()].map((load) => load()));
  for (const register of registers) register(program);
  return program;
}

/** Runs the CLI and returns the exit code; errors become one clear line, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  return runProgram(await buildProgram(argv[2]), argv);
}

/** Runs a program built by buildProgram on the command line `argv` (node, script, arguments). */
export async function runProgram(program: Command, argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const fault = plainFault(error, databaseOf(argv));
    const code = fault?.code ?? 'failed';
    const message = fault?.message ?? (error instanceof Error ? error.message : String(error));
    // Under --json a script reads the failure from standard output, in the API's error shape.
    if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ ok: false, error: { code, message } })}\n`);
    process.stderr.write(`winback: ${message}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

/** The database a command line names (or the default one), for SQLite's errors, which name no file. */
function databaseOf(argv: string[]): string {
  const at = argv.findIndex((a) => a === '--db' || a.startsWith('--db='));
  const given = at === -1 ? undefined : argv[at]?.startsWith('--db=') ? argv[at]?.slice(5) : argv[at + 1];
  return resolveDbPath(given, defaultDataDir());
}
