import type { Command } from 'commander';
import { createBackend } from '../../backend/create';
import { currentUser } from '../../backend/session/handlers';
import { applyRetention, retentionCandidates, setRetentionMonths } from '../../backend/privacy/retention';
import { audit } from '../../../db/repos/audit';
import { CliError } from './errors';
import { addDbOption, existingDbPath } from './options';

export function registerRetentionCommand(program: Command): void {
  addDbOption(
    program
      .command('retention')
      .description(
        'Remove the personal data of customers who departed more than N months ago and were not called since, as an erasure does; --dry-run counts them; --daily makes the console do it every day.',
      )
      .option('--months <n>', 'how long after their departure, in months')
      .option('--dry-run', 'count who would go; change nothing')
      .option('--apply', 'remove their personal data')
      .option('--daily <on|off>', 'on: the console applies --months every day by itself; off: it stops (the default)')
      .option('--json', 'print the result as JSON: { wouldErase }, { erased } or { dailyMonths }'),
  ).action((options: { db?: string; months?: string; dryRun?: boolean; apply?: boolean; daily?: string; json?: boolean }) => {
    if (options.daily !== undefined && options.daily !== 'on' && options.daily !== 'off') throw new CliError(`--daily is on or off, not "${options.daily}".`);
    const months = options.months === undefined && options.daily === 'off' ? null : Number(options.months);
    if (months !== null && (!Number.isInteger(months) || months < 1 || months > 600)) {
      throw new CliError(`--months is a whole number of months from 1 to 600, not "${options.months ?? ''}".`);
    }
    const modes = [options.dryRun, options.apply, options.daily !== undefined].filter(Boolean).length;
    if (modes !== 1) throw new CliError('Say --dry-run to count, --apply to remove, or --daily on|off to have the console do it every day.');
    const backend = createBackend({ dbPath: existingDbPath(options) });
    try {
      const user = currentUser(backend.db);
      if (!user || user.role !== 'manager') {
        throw new CliError(`Only a manager applies retention; this console is set up for ${user ? `${user.name} (${user.role})` : 'nobody yet'}. Nothing was changed.`);
      }
      const now = backend.deps.now();
      if (options.daily !== undefined) {
        const daily = options.daily === 'on' ? months : null;
        setRetentionMonths(backend.db, daily);
        audit(backend.db, { at: now.toISOString(), actorId: user.id, action: 'privacy.retention.setting', entity: 'settings', detail: { months: daily } });
        process.stdout.write(
          options.json
            ? `${JSON.stringify({ dailyMonths: daily })}\n`
            : daily === null
              ? 'Daily retention is off.\n'
              : `Every day, the console removes the personal data of customers who departed more than ${daily} months ago and were not called since.\n`,
        );
        return;
      }
      if (months === null) throw new CliError('Say --months N.');
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
