import { parse } from 'csv-parse/sync';
import type { ReturnsImportResult } from '../../../shared/api/effect';
import type { ServiceDeps } from '../types';
import { clearReturn, prepareReturnWrite } from '../../../db/repos/effect';
import { audit } from '../../../db/repos/audit';
import { prepareEnqueueEvent } from '../../../db/repos/outbox';
import { detectSeparator } from '../import/separator';
import { parseDate, parseDecimal } from '../import/values';
import { appError } from '../i18n/errors';

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');
const ID_HEADERS = ['customerid', 'externalid', 'id', 'customer', 'customerno', 'customernumber', 'accountid', 'account'];
const RETURNED_HEADERS = ['returned', 'activeagain', 'active', 'isactive', 'current', 'status'];
const DATE_HEADERS = ['returnedon', 'returndate', 'returneddate', 'returnedat', 'activeagainon', 'activesince', 'since', 'reactivatedon'];
const REVENUE_HEADERS = ['monthlyrevenue', 'revenue', 'monthlycharges', 'mrr', 'monthlyamount', 'revenueafterreturn'];
const YES = new Set(['yes', 'y', 'true', '1', 'active', 'returned', 'active again', 'ja', 'oui', 'si', 'sí']);
const NO = new Set(['no', 'n', 'false', '0', 'inactive', 'churned', 'departed', 'not returned', 'nein', 'non']);

const find = (headers: string[], names: string[]) => {
  for (const n of names) {
    const i = headers.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
};

/**
 * Reads who came back: a file of current customers (every listed customer has returned) or a file
 * with a "returned" / "active again" column, matched by customer id, for called and held-out
 * customers alike. A return date and the monthly revenue they pay now are read when the file has
 * them; without a date the return is dated today. A "no" clears an earlier return.
 */
export function importReturns(deps: ServiceDeps, input: { fileName: string; text: string }, actorId: string): ReturnsImportResult {
  const text = input.text.replace(/^\uFEFF/, '');
  const separator = detectSeparator(text);
  let records: string[][];
  try {
    const parsed: unknown = parse(text, { delimiter: separator, relax_column_count: true, skip_empty_lines: true, trim: true });
    records = parsed as string[][];
  } catch (error) {
    throw appError('invalid_input', 'effect.returns.unreadable', { file: input.fileName, detail: error instanceof Error ? error.message : String(error) });
  }
  const [header, ...rows] = records;
  if (!header) throw appError('invalid_input', 'effect.returns.empty', { file: input.fileName });
  const headers = header.map(norm);
  const idCol = find(headers, ID_HEADERS);
  if (idCol < 0) throw appError('invalid_input', 'effect.returns.noIdColumn', { file: input.fileName });
  const returnedCol = find(headers, RETURNED_HEADERS);
  const dateCol = find(headers, DATE_HEADERS);
  const revenueCol = find(headers, REVENUE_HEADERS);
  const today = deps.now().toISOString().slice(0, 10);
  const now = deps.now().toISOString();
  const result: ReturnsImportResult = { rows: rows.length, returned: 0, notReturned: 0, unknown: 0, unknownExamples: [], invalid: [] };
  const decimalComma = separator === ';';

  deps.db.transaction(() => {
    const write = prepareReturnWrite(deps.db);
    const enqueue = prepareEnqueueEvent(deps.db);
    rows.forEach((cells, i) => {
      const line = i + 2;
      const externalId = cells[idCol]?.trim() ?? '';
      if (externalId === '') {
        result.invalid.push({ line, problem: 'No customer id.' });
        return;
      }
      if (returnedCol >= 0) {
        const v = (cells[returnedCol] ?? '').trim().toLowerCase();
        if (NO.has(v) || v === '') {
          result.notReturned += 1;
          if (clearReturn(deps.db, externalId)) enqueue('customer.returned', { externalId, returnedOn: null, monthlyRevenue: null }, now);
          return;
        }
        if (!YES.has(v)) {
          result.invalid.push({ line, problem: `"${cells[returnedCol] ?? ''}" is neither yes nor no.` });
          return;
        }
      }
      const date = dateCol >= 0 ? parseDate(cells[dateCol] ?? '') : ({ ok: true, value: null } as const);
      if (!date.ok) {
        result.invalid.push({ line, problem: date.message });
        return;
      }
      const revenue = revenueCol >= 0 ? parseDecimal(cells[revenueCol] ?? '', decimalComma) : ({ ok: true, value: null } as const);
      if (!revenue.ok || (revenue.value !== null && revenue.value < 0)) {
        result.invalid.push({ line, problem: revenue.ok ? 'A negative revenue.' : revenue.message });
        return;
      }
      if (write(externalId, date.value ?? today, revenue.value) === 'unknown') {
        result.unknown += 1;
        if (result.unknownExamples.length < 5) result.unknownExamples.push(externalId);
        return;
      }
      result.returned += 1;
      const stored = deps.db.prepare('SELECT returned_on, returned_revenue FROM customers WHERE external_id = ?').get(externalId) as {
        returned_on: string;
        returned_revenue: number | null;
      };
      enqueue('customer.returned', { externalId, returnedOn: stored.returned_on, monthlyRevenue: stored.returned_revenue }, now);
    });
    audit(deps.db, {
      at: now,
      actorId,
      action: 'effect.importReturns',
      entity: 'customers',
      detail: { fileName: input.fileName, rows: result.rows, returned: result.returned, notReturned: result.notReturned, unknown: result.unknown, invalid: result.invalid.length },
    });
  })();
  return result;
}
