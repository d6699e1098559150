import type { Command } from 'commander';
import { createBackend } from '../../backend/create';
import { currentUser } from '../../backend/session/handlers';
import { applyRetention, retentionCandidates } from '../../backend/privacy/retention';
import { CliError } from './errors';
import { addDbOption, existingDbPath } from './options';

export function registerRetentionCommand(program: Command): void {
  addDbOption(
    program
      .command('retention')
      .description('Remove the personal data of customers who departed more than N months ago and were not called since, as an erasure does; --dry-run counts them.')
      .requiredOption('--months <n>', 'how long after their departure, in months')
      .option('--dry-run', 'count who would go; change nothing')
      .option('--apply', 'remove their personal data')
      .option('--json', 'print the result as JSON: { wouldErase } or { erased }'),
  ).action((options: { db?: string; months: string; dryRun?: boolean; apply?: boolean; json?: boolean }) => {
    const months = Number(options.months);
    if (!Number.isInteger(months) || months < 1 || months > 600) throw new CliError(`--months is a whole number of months from 1 to 600, not "${options.months}".`);
    if (options.dryRun === options.apply) throw new CliError('Say --dry-run to count, or --apply to remove.');
    const backend = createBackend({ dbPath: existingDbPath(options) });
    try {
      const user = currentUser(backend.db);
      if (!user || user.role !== 'manager') {
        throw new CliError(`Only a manager applies retention; this console is set up for ${user ? `${user.name} (${user.role})` : 'nobody yet'}. Nothing was changed.`);
      }
      const now = backend.deps.now();
      if (options.dryRun) {
        const n = retentionCandidates(backend.db, months, now).length;
        process.stdout.write(options.json ? `${JSON.stringify({ wouldErase: n })}\n` : `${n} customers departed more than ${months} months ago and were not called since; --apply removes their personal data.\n`);
        return;
      }
      const { erased } = applyRetention(backend.db, user, months, now);
      process.stdout.write(options.json ? `${JSON.stringify({ erased })}\n` : `Removed the personal data of ${erased} customers who departed more than ${months} months ago.\n`);
    } finally {
      backend.close();
    }
  });
}
