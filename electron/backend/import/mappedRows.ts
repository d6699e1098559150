import { said, type Said } from '../../../shared/i18n/said';
import type { ImportMapping } from '../../../shared/domain/importMapping';
import type { CsvRecord } from './csvParser';
import type { RowError } from './errors';
import { createRowMapper, type RowCustomer, type RowMapper } from './rows';
import { parseDecimal } from './values';

/**
 * A row of the file as its mapping reads it, before it meets the database: what the plan and the
 * write need of it, and nothing that depends on the console's data. It is computed on the parse
 * worker (parseWorker.ts) or, for a preview, on the calling thread; both go through RecordMapper.
 */
export type MappedRow =
  /** `earlier`: the line of an earlier row with the same customer id, which makes this one invalid. */
  | { kind: 'departed'; line: number; customer: RowCustomer; earlier: number | null }
  | { kind: 'skipped'; line: number }
  /** Left out: the status column says the customer is still active. */
  | { kind: 'active'; line: number }
  /** `id` is the customer id the row names ('' when none can be trusted). */
  | { kind: 'invalid'; line: number; id: string; errors: RowError[]; earlier: number | null };

/**
 * Claims a customer id for a line: null the first time, else the line that claimed it first.
 * Every row that names an id claims it, valid or not, so each customer appears once per file.
 */
export type ClaimId = (externalId: string, line: number) => number | null;

export interface MapOptions {
  mapping: ImportMapping;
  decimalComma: boolean;
  today: string;
}

/** "1.234" and "1,234": a number with three decimals, or one with a thousands separator. */
const AMBIGUOUS_THOUSANDS = /^[-+]?\d{1,3}[.,]\d{3}$/;
const CURRENCY_AND_SPACES = /[$€£¥\s\u00a0]|USD|EUR|GBP|CHF/gi;

/** Maps a file's records batch by batch: the first record is the header, which sets up the mapper. */
export class RecordMapper {
  private mapper: RowMapper | null = null;
  private revenueColumn = -1;
  private ambiguous: { count: number; line: number; value: string } | null = null;

  constructor(
    private readonly options: MapOptions,
    private readonly claim: ClaimId,
  ) {}

  get sawHeader(): boolean {
    return this.mapper !== null;
  }

  map(batch: readonly CsvRecord[]): MappedRow[] {
    const out: MappedRow[] = [];
    let first = 0;
    if (this.mapper === null) {
      const header = batch[0];
      if (header === undefined) return out;
      this.mapper = createRowMapper(header.fields, this.options.mapping, {
        decimalComma: this.options.decimalComma,
        today: this.options.today,
      });
      first = 1;
      const revenue = this.options.mapping.columns.monthlyRevenue;
      this.revenueColumn = revenue === undefined ? -1 : this.mapper.headers.indexOf(revenue);
    }
    const mapper = this.mapper;
    for (let i = first; i < batch.length; i += 1) {
      const record = batch[i] as CsvRecord;
      if (this.revenueColumn !== -1) this.noteAmbiguous(record.fields[this.revenueColumn], record.line);
      const outcome = mapper.map(record.fields, record.line);
      if (outcome.kind === 'skipped' || outcome.kind === 'active') {
        out.push({ kind: outcome.kind, line: record.line });
        continue;
      }
      // A row with the wrong number of values has no trustworthy id to compare.
      const id =
        outcome.kind === 'departed'
          ? outcome.customer.externalId
          : record.fields.length === mapper.headers.length
            ? idOf(record.fields, mapper.headers, this.options.mapping)
            : '';
      const earlier = id ? this.claim(id, record.line) : null;
      if (outcome.kind === 'departed') out.push({ kind: 'departed', line: record.line, customer: outcome.customer, earlier });
      else out.push({ kind: 'invalid', line: record.line, id, errors: outcome.errors, earlier });
    }
    return out;
  }

  private noteAmbiguous(cell: string | undefined, line: number): void {
    if (cell === undefined || cell.length > 20) return;
    const bare = cell.replace(CURRENCY_AND_SPACES, '');
    if (!AMBIGUOUS_THOUSANDS.test(bare)) return;
    if (this.ambiguous) this.ambiguous.count += 1;
    else this.ambiguous = { count: 1, line, value: cell.trim() };
  }

  /** Revenue cells that read two ways ("1.234", "1,234"), for the preview's warning; null when none. */
  ambiguousRevenue(): AmbiguousNumbers | null {
    const a = this.ambiguous;
    const column = this.options.mapping.columns.monthlyRevenue;
    if (!a || column === undefined) return null;
    const parsed = parseDecimal(a.value, this.options.decimalComma);
    if (!parsed.ok || parsed.value === null) return null;
    const digits = a.value.replace(/[^\d]/g, '');
    const readAs = parsed.value;
    const otherwise = Number.isInteger(readAs) ? Number(`${digits.slice(0, -3)}.${digits.slice(-3)}`) : Number(digits);
    return { column, ...a, readAs, otherwise };
  }
}

/** The preview's words for revenue that reads two ways. */
export function ambiguousNumbersWarning(a: AmbiguousNumbers, decimalComma: boolean): Said {
  const params = { column: a.column, value: a.value, line: String(a.line), otherwise: { decimal: a.otherwise }, readAs: { decimal: a.readAs } };
  const key = decimalComma ? 'why.importWarning.ambiguousComma' : 'why.importWarning.ambiguousPoint';
  return a.count > 1 ? said(`${key}More`, { ...params, count: a.count - 1 }) : said(key, params);
}

export interface AmbiguousNumbers {
  column: string;
  count: number;
  line: number;
  value: string;
  /** How the import reads it, and how it could have been meant. */
  readAs: number;
  otherwise: number;
}

function idOf(fields: string[], headers: string[], mapping: ImportMapping): string {
  const i = headers.indexOf(mapping.columns.externalId);
  return i === -1 ? '' : (fields[i] ?? '').trim();
}

/*
 * Rows cross from the parse worker to the main thread as one flat array of plain values per batch:
 * the structured clone of an object per row, each with its sixteen keys, cost the main thread about
 * four times as much to receive as the same values in an array (measured on 100,000 rows).
 */
const DEPARTED = 0;
const SKIPPED = 1;
const INVALID = 2;
const ACTIVE = 3;

export function encodeRows(rows: readonly MappedRow[]): unknown[] {
  const out: unknown[] = [];
  for (const r of rows) {
    if (r.kind === 'departed') {
      const c = r.customer;
      out.push(
        DEPARTED,
        r.line,
        r.earlier,
        c.externalId,
        c.name,
        c.company,
        c.phone,
        c.email,
        c.timezone,
        c.zones,
        c.zoneSource,
        c.segment,
        c.product,
        c.monthlyRevenue,
        c.tenureMonths,
        c.departedAt,
        c.lastActivityAt,
        c.statedReason,
        c.frontlineRep,
        c.frontlineTeam,
        c.notes,
      );
    } else if (r.kind === 'skipped') out.push(SKIPPED, r.line);
    else if (r.kind === 'active') out.push(ACTIVE, r.line);
    else out.push(INVALID, r.line, r.earlier, r.id, r.errors);
  }
  return out;
}

export function decodeRows(flat: readonly unknown[]): MappedRow[] {
  const rows: MappedRow[] = [];
  let i = 0;
  const next = () => flat[i++];
  while (i < flat.length) {
    const tag = next();
    const line = next() as number;
    if (tag === SKIPPED || tag === ACTIVE) {
      rows.push({ kind: tag === SKIPPED ? 'skipped' : 'active', line });
      continue;
    }
    const earlier = next() as number | null;
    if (tag === DEPARTED) {
      rows.push({
        kind: 'departed',
        line,
        earlier,
        customer: {
          externalId: next() as string,
          name: next() as string | null,
          company: next() as string | null,
          phone: next() as string | null,
          email: next() as string | null,
          timezone: next() as string | null,
          zones: next() as string[] | null,
          zoneSource: next() as RowCustomer['zoneSource'],
          segment: next() as string | null,
          product: next() as string | null,
          monthlyRevenue: next() as number | null,
          tenureMonths: next() as number | null,
          departedAt: next() as string | null,
          lastActivityAt: next() as string | null,
          statedReason: next() as string | null,
          frontlineRep: next() as string | null,
          frontlineTeam: next() as string | null,
          notes: next() as string | null,
        },
      });
    } else if (tag === INVALID) rows.push({ kind: 'invalid', line, earlier, id: next() as string, errors: next() as RowError[] });
    else throw new Error(`A batch of import rows is malformed (tag ${String(tag)}).`);
  }
  return rows;
}
