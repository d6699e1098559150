import { Argument, Option, type Command } from 'commander';
import { AppError } from '../../../shared/api/result';
import { createBackend } from '../../backend/create';
import { writeOutreachExport } from '../../backend/outreach/export';
import { ensureUnsubscribeLinks } from '../../backend/outreach/hubLinks';
import { pendingCount, queueOutreach, sendDue } from '../../backend/outreach/sender';
import { readSmtpConfig } from '../../backend/outreach/settings';
import { outreachList } from '../../backend/outreach/summaries';
import { currentUser } from '../../backend/session/handlers';
import { CliError } from './errors';
import { addDbOption, dbPathFrom } from './options';

interface DbOptions {
  db?: string;
}

async function withBackend<T>(options: DbOptions, work: (backend: ReturnType<typeof createBackend>) => Promise<T>): Promise<T> {
  const backend = createBackend({ dbPath: dbPathFrom(options) });
  try {
    return await work(backend);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  } finally {
    backend.close();
  }
}

export function registerOutreachCommand(program: Command): void {
  const outreach = program.command('outreach').description('Outreaches to departed customers: list, export for the company\'s own tools, send through the SMTP relay.');

  addDbOption(outreach.command('list').description('One JSON line per outreach: its id, name and figures.')).action((options: DbOptions) =>
    withBackend(options, (backend) => {
      for (const o of outreachList(backend.db)) process.stdout.write(`${JSON.stringify({ id: o.id, name: o.name, createdAt: o.createdAt, ...o.figures })}\n`);
      return Promise.resolve();
    }),
  );

  addDbOption(
    outreach
      .command('export')
      .description('Write an outreach\'s messages: a mail-merge CSV, or one .eml file per customer into a folder or a zip.')
      .addArgument(new Argument('<id>', 'the outreach id (winback outreach list)'))
      .addOption(new Option('--format <format>', 'what to write').choices(['csv', 'eml']).default('csv'))
      .requiredOption('--out <path>', 'the CSV file, the folder for .eml files, or a .zip file')
      .option('--zip', 'with --format eml: one zip file instead of a folder'),
  ).action((id: string, options: DbOptions & { format: 'csv' | 'eml'; out: string; zip?: boolean }) =>
    withBackend(options, async (backend) => {
      const format = options.format === 'csv' ? 'csv' : options.zip ? 'eml-zip' : 'eml-folder';
      const written = await writeOutreachExport(backend.deps, currentUser(backend.db)?.id ?? null, id, { format, path: options.out });
      process.stderr.write(`Wrote ${written.messages} message${written.messages === 1 ? '' : 's'} to ${written.path}. The console will not send these itself.\n`);
    }),
  );

  addDbOption(
    outreach
      .command('send')
      .description('Send queued outreach emails through the SMTP relay at the set rate, until none is due; with an id, queue that outreach\'s ready emails first. Prints one JSON line.')
      .addArgument(new Argument('[id]', 'an outreach whose ready emails to queue')),
  ).action((id: string | undefined, options: DbOptions) =>
    withBackend(options, async (backend) => {
      const { db } = backend;
      if (!readSmtpConfig(db)) throw new CliError('No SMTP relay is set up for this console (Admin, Outreach delivery).');
      if (id !== undefined) {
        await ensureUnsubscribeLinks(backend.deps, id);
        queueOutreach(db, id, backend.deps.now().toISOString());
      }
      const stop = new AbortController();
      process.once('SIGINT', () => stop.abort());
      const result = await sendDue(backend.deps, { signal: stop.signal });
      if (!result.ran) throw new CliError('Another process is sending this console\'s outreach emails right now; nothing was sent here.');
      process.stdout.write(`${JSON.stringify({ sent: result.sent, failed: result.failed, retried: result.retried, blocked: result.blocked, pending: pendingCount(db) })}\n`);
    }),
  );
}
