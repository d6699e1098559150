import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { createBackend } from '../../backend/create';
import { currentUser } from '../../backend/session/handlers';
import { importSuppressionList, ListRefused, readListFile } from '../../backend/permissions/listImport';
import { AppError } from '../../../shared/api/result';
import { PERMISSION_SCOPES, type PermissionScope } from '../../../shared/domain/permissions';
import { isCountryCode } from '../../../shared/domain/phoneE164';
import { CliError } from './errors';
import { addDbOption, existingDbPath } from './options';

interface SuppressImportOptions {
  db?: string;
  name?: string;
  scope: string;
  registry?: boolean;
  column?: string;
  country?: string;
  json?: boolean;
}

const n = (x: number) => x.toLocaleString('en-US');

export function registerSuppressCommand(program: Command): void {
  const suppress = program.command('suppress').description('The contact-permission ledger: numbers and addresses never to be contacted.');
  addDbOption(
    suppress
      .command('import')
      .description('Import a suppression list (one number a line, or a column of a CSV file), all or nothing, as the console\'s manager.')
      .argument('<file>', 'the list: one number (or email address) a line, or a CSV file with a column of them')
      .option('--name <name>', 'what the list is called in the ledger (default: the file name)')
      .option('--scope <scope>', `what the list forbids: ${PERMISSION_SCOPES.join(', ')}`, 'call')
      .option('--registry', 'the list is a do-not-call registry extract, not the company\'s own list')
      .option('--column <name>', 'the column that holds the numbers (default: a column named Phone, Number, Email …)')
      .option('--country <code>', "the country of national numbers, e.g. US (default: the console's country)")
      .option('--json', 'print the result as JSON: { numbers, duplicates, customersBlocked } or { invalid, errors }'),
  ).action(async (file: string, options: SuppressImportOptions) => {
    const path = resolve(file);
    if (!existsSync(path) || !statSync(path).isFile()) throw new CliError(`There is no file at ${path}.`);
    if (!(PERMISSION_SCOPES as readonly string[]).includes(options.scope)) throw new CliError(`--scope is one of ${PERMISSION_SCOPES.join(', ')}, not "${options.scope}".`);
    if (options.country !== undefined && !isCountryCode(options.country)) throw new CliError(`--country ${options.country} is not a country whose numbers can be read (two capital letters, e.g. US).`);
    const backend = createBackend({ dbPath: existingDbPath(options) });
    try {
      const user = currentUser(backend.db);
      if (!user || user.role !== 'manager') {
        throw new CliError(`Only a manager adds to the ledger; this console is set up for ${user ? `${user.name} (${user.role})` : 'nobody yet'}. Nothing was imported.`);
      }
      const text = await readListFile(path);
      const result = importSuppressionList(
        backend.db,
        user,
        text,
        { name: options.name ?? basename(path), scope: options.scope as PermissionScope, registry: options.registry === true, column: options.column ?? null, country: options.country ?? null, expiresAt: null },
        backend.deps.now(),
      );
      if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else {
        process.stdout.write(
          `Imported ${n(result.numbers)} numbers into the ledger as "${options.name ?? basename(path)}"` +
            `${result.duplicates > 0 ? ` (${n(result.duplicates)} duplicates counted once)` : ''}; ${n(result.customersBlocked)} customers of this console are now kept out of every queue.\n`,
        );
      }
    } catch (error) {
      if (error instanceof ListRefused && options.json) {
        process.stdout.write(`${JSON.stringify({ invalid: error.parsed.invalid, errors: error.parsed.errors }, null, 2)}\n`);
        process.exitCode = 1;
        return;
      }
      if (error instanceof AppError) throw new CliError(error.message);
      throw error;
    } finally {
      backend.close();
    }
  });
}
