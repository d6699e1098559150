import { parse } from 'csv-parse/sync';
import type { IndicatorRowError, Indicators } from '../../../shared/api/care';

/** The columns an indicator file may carry, by the header names exports use for them. */
type Field = 'externalId' | keyof Indicators;

const HEADER_NAMES: Record<Field, readonly string[]> = {
  externalId: ['customerid', 'customer', 'customerno', 'customernumber', 'externalid', 'id'],
  serviceContacts: ['servicecontacts', 'customerservicecontacts', 'cscontacts', 'contacts'],
  purchases: ['purchases', 'purchasecount', 'orders'],
  spend: ['spend', 'totalspend', 'amountspent', 'spendsincelastreview'],
  supportTickets: ['supporttickets', 'tickets', 'ticketcount'],
  satisfaction: ['satisfaction', 'csat', 'satisfactionscore'],
};

export const FIELD_LABELS: Record<Field, string> = {
  externalId: 'customer id',
  serviceContacts: 'service contacts',
  purchases: 'purchases',
  spend: 'spend',
  supportTickets: 'support tickets',
  satisfaction: 'satisfaction',
};

/** Far more than a review cycle has customers; a bigger file is a wrong file. */
export const MAX_INDICATOR_ROWS = 200_000;

export interface IndicatorRow {
  line: number;
  externalId: string;
  values: Indicators;
}

export interface ReadIndicators {
  rows: IndicatorRow[];
  errors: IndicatorRowError[];
  ignoredColumns: string[];
}

/** Who a row may name: the console answers these while the file is read. */
export interface IndicatorLookup {
  isFollowed: (externalId: string) => boolean;
  exists: (externalId: string) => boolean;
}

const normalizeHeader = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The separator the header line uses: `,`, `;` or a tab. */
function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

class FileProblem extends Error {}

function mapHeader(header: string[]): { columns: Map<number, Field>; ignored: string[] } {
  const columns = new Map<number, Field>();
  const seen = new Map<Field, string>();
  const ignored: string[] = [];
  header.forEach((raw, i) => {
    const name = normalizeHeader(raw);
    const field = (Object.keys(HEADER_NAMES) as Field[]).find((f) => HEADER_NAMES[f].includes(name));
    if (!field) {
      if (raw.trim() !== '') ignored.push(raw.trim());
      return;
    }
    const earlier = seen.get(field);
    if (earlier !== undefined) throw new FileProblem(`The columns "${earlier}" and "${raw.trim()}" both give the ${FIELD_LABELS[field]}; keep one.`);
    seen.set(field, raw.trim());
    columns.set(i, field);
  });
  if (!seen.has('externalId')) {
    throw new FileProblem(`There is no customer id column. Name one "customer_id"; the header has: ${header.map((h) => `"${h.trim()}"`).join(', ')}.`);
  }
  if (seen.size === 1) {
    throw new FileProblem('There is no indicator column: give at least one of service_contacts, purchases, spend, support_tickets, satisfaction.');
  }
  return { columns, ignored };
}

type Cell = { ok: true; value: number | null } | { ok: false; message: string };

function count(raw: string, label: string): Cell {
  if (raw === '') return { ok: true, value: null };
  if (!/^\d+$/.test(raw)) return { ok: false, message: `The ${label} must be a whole number of 0 or more, not "${raw}".` };
  const n = Number(raw);
  if (n > 1_000_000) return { ok: false, message: `The ${label} is at most 1,000,000, not ${raw}.` };
  return { ok: true, value: n };
}

function amount(raw: string, decimalComma: boolean): Cell {
  if (raw === '') return { ok: true, value: null };
  const text = decimalComma ? raw.replace(',', '.') : raw;
  if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, message: `The spend must be an amount of 0 or more such as 120.50, not "${raw}".` };
  const n = Number(text);
  if (n > 1e9) return { ok: false, message: `The spend is at most 1,000,000,000, not ${raw}.` };
  return { ok: true, value: n };
}

function satisfaction(raw: string): Cell {
  if (raw === '') return { ok: true, value: null };
  if (!/^-?\d+(\.0+)?$/.test(raw)) return { ok: false, message: `The satisfaction must be a whole number from 1 to 5, not "${raw}".` };
  const n = Number(raw);
  if (n < 1 || n > 5) return { ok: false, message: `The satisfaction must be from 1 to 5, not ${raw}.` };
  return { ok: true, value: n };
}

/**
 * Reads an indicator file (CSV keyed by customer id, `,` `;` or tab separated, a byte-order mark
 * allowed, decimal commas with `;`) and checks every row. Nothing is written here: the caller
 * writes the rows only when there is not one error.
 */
export function readIndicatorFile(content: string, lookup: IndicatorLookup): ReadIndicators {
  const delimiter = detectDelimiter(content);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { rows: [], errors: [{ line: null, column: null, message: `The file is not readable as CSV: ${why}` }], ignoredColumns: [] };
  }
  const [head, ...body] = records;
  if (!head) return { rows: [], errors: [{ line: null, column: null, message: 'The file is empty: it has no header and no rows.' }], ignoredColumns: [] };
  if (body.length > MAX_INDICATOR_ROWS) {
    return { rows: [], errors: [{ line: null, column: null, message: `The file has ${body.length.toLocaleString('en-US')} rows; at most ${MAX_INDICATOR_ROWS.toLocaleString('en-US')} are read at once.` }], ignoredColumns: [] };
  }
  let mapped: ReturnType<typeof mapHeader>;
  try {
    mapped = mapHeader(head.record);
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    return { rows: [], errors: [{ line: head.info.lines, column: null, message: error.message }], ignoredColumns: [] };
  }
  if (body.length === 0) return { rows: [], errors: [{ line: null, column: null, message: 'The file has a header but no rows.' }], ignoredColumns: mapped.ignored };

  const decimalComma = delimiter !== ',';
  const rows: IndicatorRow[] = [];
  const errors: IndicatorRowError[] = [];
  const firstLine = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== head.record.length) {
      errors.push({ line, column: null, message: `This row has ${record.length} fields; the header has ${head.record.length}.` });
      continue;
    }
    const values: Indicators = { serviceContacts: null, purchases: null, spend: null, supportTickets: null, satisfaction: null };
    let externalId = '';
    let rowOk = true;
    for (const [i, field] of mapped.columns) {
      const raw = record[i] ?? '';
      if (field === 'externalId') {
        externalId = raw;
        continue;
      }
      const cell =
        field === 'spend' ? amount(raw, decimalComma) : field === 'satisfaction' ? satisfaction(raw) : count(raw, FIELD_LABELS[field]);
      if (cell.ok) values[field] = cell.value;
      else {
        errors.push({ line, column: FIELD_LABELS[field], message: cell.message });
        rowOk = false;
      }
    }
    const idProblem =
      externalId === ''
        ? 'The customer id is missing.'
        : externalId.length > 100 || /[\u0000-\u001f]/.test(externalId)
          ? `"${externalId.slice(0, 40)}${externalId.length > 40 ? '…' : ''}" is not a customer id.`
          : !lookup.exists(externalId)
            ? `There is no customer with id ${externalId} on this console.`
            : !lookup.isFollowed(externalId)
              ? `Customer ${externalId} is not in intensive care (never recovered, or departed again).`
              : firstLine.has(externalId)
                ? `Customer ${externalId} appears twice (first on line ${firstLine.get(externalId)}).`
                : null;
    if (idProblem) {
      errors.push({ line, column: FIELD_LABELS.externalId, message: idProblem });
      continue;
    }
    firstLine.set(externalId, line);
    if (rowOk) rows.push({ line, externalId, values });
  }
  return { rows, errors, ignoredColumns: mapped.ignored };
}
