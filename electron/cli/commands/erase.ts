import type { Command } from 'commander';
import { createBackend } from '../../backend/create';
import { currentUser } from '../../backend/session/handlers';
import { eraseCustomer } from '../../backend/privacy/erase';
import { AppError } from '../../../shared/api/result';
import { CliError } from './errors';
import { addDbOption, existingDbPath } from './options';

export function registerEraseCommand(program: Command): void {
  addDbOption(
    program
      .command('erase')
      .description("Erase a customer's personal data on their request (name, number, email, notes, their words and every free text of their calls), as the console's manager. Cannot be undone.")
      .requiredOption('--customer <id>', "the customer's id, as in the import file")
      .option('--json', 'print the result as JSON: { erasedAs, calls }'),
  ).action((options: { db?: string; customer: string; json?: boolean }) => {
    const backend = createBackend({ dbPath: existingDbPath(options) });
    try {
      const user = currentUser(backend.db);
      if (!user || user.role !== 'manager') {
        throw new CliError(`Only a manager erases customers; this console is set up for ${user ? `${user.name} (${user.role})` : 'nobody yet'}. Nothing was erased.`);
      }
      const id = backend.db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(options.customer) as number | undefined;
      if (id === undefined) throw new CliError(`There is no customer with the id ${options.customer}. Nothing was erased.`);
      const result = eraseCustomer(backend.db, user, id, backend.deps.now());
      process.stdout.write(
        options.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : `Erased customer ${options.customer}: their personal data and the free texts of ${result.calls} call${result.calls === 1 ? '' : 's'} are gone; reports count them as ${result.erasedAs}. Their number and email stay on the ledger, hashed, and are never contacted again.\n`,
      );
    } catch (error) {
      if (error instanceof AppError) throw new CliError(`${error.message} Nothing was erased.`);
      throw error;
    } finally {
      backend.close();
    }
  });
}
