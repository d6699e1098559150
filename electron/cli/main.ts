import { Command, CommanderError } from 'commander';
import { registerServeCommand } from './commands/serve';
import { registerDemoCommand } from './commands/demo';
import { registerHubCommand } from './commands/hub';
import { registerSyncCommand } from './commands/sync';
import { registerCareCommand } from './commands/care';
import { registerReportCommand } from './commands/report';
import { registerExportCommand } from './commands/export';
import { registerImportCommand } from './commands/import';
import { registerBackupCommands } from './commands/backup';
import { CliError } from './errors';

/** Builds the `winback` command line. Every command has --help; every data command takes --db. */
export function buildProgram(): Command {
  const program = new Command('winback')
    .description('Winback Console: win back departed customers.')
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  registerDemoCommand(program);
  registerHubCommand(program);
  registerSyncCommand(program);
  registerCareCommand(program);
  registerReportCommand(program);
  registerExportCommand(program);
  registerImportCommand(program);
  registerBackupCommands(program);
  return program;
}

/** Runs the CLI and returns the exit code; errors become one clear line, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError) {
      process.stderr.write(`winback: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`winback: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
