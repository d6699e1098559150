import { issueInEnglish } from '../../../shared/i18n/english';
import { Option, type Command } from 'commander';
import { AppError } from '../../../shared/api/result';
import { KeepInTouchFilters, type KeepInTouchCustomer } from '../../../shared/api/keepInTouch';
import { createBackend } from '../../backend/create';
import { prepareKeepInTouch } from '../../backend/keepInTouch/list';
import { attributionCsv, attributionReport } from '../../backend/keepInTouch/attribution';
import { CliError } from './errors';
import { addDbOption, existingDbPath, writeOutput } from './options';

interface DbOptions {
  db?: string;
}

interface ListOptions extends DbOptions {
  json?: boolean;
  reason?: string;
  category?: string;
  segment?: string;
  product?: string;
  cycle?: string;
  minAge?: string;
  maxAge?: string;
}

const PAGE = 1000;

async function withBackend<T>(options: DbOptions, work: (backend: ReturnType<typeof createBackend>) => Promise<T>): Promise<T> {
  const backend = createBackend({ dbPath: existingDbPath(options) });
  try {
    return await work(backend);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  } finally {
    backend.close();
  }
}

function days(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new CliError(`${flag} takes a whole number of days, not "${value}".`);
  return Number(value);
}

/** The command line's filters, checked by the same schema as the view's. */
function filtersOf(o: ListOptions): KeepInTouchFilters {
  const parsed = KeepInTouchFilters.safeParse({
    reasonId: o.reason,
    categoryId: o.category,
    segment: o.segment,
    product: o.product,
    cycleId: o.cycle,
    minAgeDays: days(o.minAge, '--min-age'),
    maxAgeDays: days(o.maxAge, '--max-age'),
  });
  if (!parsed.success) throw new CliError(issueInEnglish(parsed.error.issues[0]));
  return parsed.data;
}

const channels = (c: KeepInTouchCustomer) =>
  (['phone', 'email', 'post'] as const).map((ch) => `${ch} ${c[ch].open ? 'yes' : 'no'}${c[ch].consent ? ` (said ${c[ch].consent})` : ''}`).join(', ');

function textLine(c: KeepInTouchCustomer): string {
  const revenue = c.monthlyRevenue === null ? '-' : c.monthlyRevenue.toFixed(2);
  const contact = c.lastContactAt === null ? 'never contacted' : `last contact ${c.lastContactAt.slice(0, 10)}`;
  return `  ${c.externalId}\t${c.name ?? ''}\t${revenue}/month\tleft ${c.departedAt}\t${contact}\t${channels(c)}\n`;
}

export function registerKeepInTouchCommand(program: Command): void {
  const kit = program
    .command('keep-in-touch')
    .description('Departed customers not won back whom the company may still contact, by reason; and which touches brought customers back.');

  addDbOption(
    kit
      .command('list', { isDefault: true })
      .description('The keep-in-touch list, grouped by reason (diagnosed on a call, else stated), with lost revenue, last contact and consent per channel.')
      .option('--json', 'one JSON document: total, revenue, groups and every customer')
      .option('--reason <id>', 'only this reason (diagnosed, else stated)')
      .option('--category <id>', 'only reasons of this category')
      .option('--segment <name>', 'only this segment')
      .option('--product <name>', 'only this product')
      .option('--cycle <id>', 'only this cycle')
      .option('--min-age <days>', 'departed at least this many days ago')
      .option('--max-age <days>', 'departed at most this many days ago'),
  ).action((options: ListOptions) =>
    withBackend(options, async (backend) => {
      const { groups, page } = prepareKeepInTouch(backend.deps, filtersOf(options));
      const total = groups.reduce((s, g) => s + g.customers, 0);
      const revenue = Math.round(groups.reduce((s, g) => s + g.revenue, 0) * 100) / 100;
      if (options.json) {
        await writeOutput(`{"total":${total},"revenue":${revenue},"groups":${JSON.stringify(groups)},"customers":[`, undefined);
        for (let offset = 0; offset < total; offset += PAGE) {
          const rows = page(offset, PAGE).map((c) => JSON.stringify(c));
          await writeOutput(`${offset === 0 ? '' : ','}${rows.join(',')}`, undefined);
        }
        await writeOutput(']}\n', undefined);
        return;
      }
      await writeOutput(`${total} customer${total === 1 ? '' : 's'} to keep in touch with, ${revenue.toFixed(2)} a month lost.\n`, undefined);
      let current: string | null | undefined;
      for (let offset = 0; offset < total; offset += PAGE) {
        let text = '';
        for (const c of page(offset, PAGE)) {
          if (c.reasonId !== current) {
            current = c.reasonId;
            const g = groups.find((x) => x.reasonId === c.reasonId);
            text += `\n${g?.reason ?? 'No reason recorded'}${g?.category ? ` (${g.category})` : ''}: ${g?.customers ?? 0} customers, ${(g?.revenue ?? 0).toFixed(2)} a month\n`;
          }
          text += textLine(c);
        }
        await writeOutput(text, undefined);
      }
    }),
  );

  addDbOption(
    kit
      .command('returns')
      .description('Did it work: customers who came back within the window after their last touch, by message kind, reason and outreach, beside customers touched.')
      .addOption(new Option('--format <format>', 'how to print it').choices(['text', 'csv', 'json']).default('text'))
      .option('--out <path>', 'write to this file instead of standard output'),
  ).action((options: DbOptions & { format: 'text' | 'csv' | 'json'; out?: string }) =>
    withBackend(options, async (backend) => {
      const report = await attributionReport(backend.db);
      if (options.format === 'csv') return writeOutput(attributionCsv(report), options.out);
      if (options.format === 'json') return writeOutput(`${JSON.stringify(report)}\n`, options.out);
      const lines = [`Returns within ${report.windowDays} days of the last touch: ${report.totals.returns} of ${report.totals.touched} customers touched, ${report.totals.revenueBack.toFixed(2)} a month back.`];
      const table = (title: string, rows: typeof report.byKind, blank: string) => {
        lines.push('', title);
        for (const r of rows) lines.push(`  ${r.label || blank}\ttouched ${r.touched}\tcame back ${r.returns}\t${r.revenueBack.toFixed(2)} a month`);
      };
      table('By message kind', report.byKind, '');
      table('By reason', report.byReason, 'No reason recorded');
      table('By outreach', report.byOutreach, 'Calls outside an outreach');
      return writeOutput(`${lines.join('\n')}\n`, options.out);
    }),
  );
}
