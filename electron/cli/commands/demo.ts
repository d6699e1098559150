import type { Command } from 'commander';
import { createBackend } from '../../backend/create';
import { loadDemo } from '../../backend/session/demo';
import { AppError } from '../../../shared/api/result';
import { CliError } from './errors';
import { addDbOption, dbPathFrom } from './options';

export function registerDemoCommand(program: Command): void {
  addDbOption(
    program
      .command('demo')
      .description('Load the demo: the departed customers of the public telecom sample, with fictional names.'),
  ).action((options: { db?: string }) => {
    const backend = createBackend({ dbPath: dbPathFrom(options) });
    try {
      const result = loadDemo(backend.deps, null);
      process.stdout.write(`Loaded ${result.customers} departed customers into ${result.cycle} (${backend.db.name}).\n`);
    } catch (error) {
      if (error instanceof AppError) throw new CliError(error.message);
      throw error;
    } finally {
      backend.close();
    }
  });
}
