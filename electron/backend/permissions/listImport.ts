import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Db } from '../../../db/open';
import { AppError } from '../../../shared/api/result';
import { audit } from '../../../db/repos/audit';
import { enqueuePermissionChange, insertList, insertListValues } from '../../../db/repos/permissions';
import { emailKey, type PermissionScope } from '../../../shared/domain/permissions';
import { toE164 } from '../../../shared/domain/phoneE164';
import { MAX_LIST_VALUES_PER_CHANGE } from '../../../shared/sync/permissionsHubApi';
import { CsvParser } from '../import/csvParser';
import { inImportTransaction } from '../import/commit';
import { sniffFile } from '../import/encoding';
import { detectSeparator } from '../import/separator';
import { applyLedger, deskCountry } from './ledger';
import { appError } from '../i18n/errors';

/** A line the list cannot take, named by its line in the file (the header is line 1 when there is one). */
export interface ListLineError {
  line: number;
  message: string;
}

export interface ParsedList {
  values: string[];
  /** Lines read, blank ones aside. */
  lines: number;
  duplicates: number;
  errors: ListLineError[];
  /** Every bad line, though only the first are listed. */
  invalid: number;
}

const MAX_ERRORS_LISTED = 50;
const COLUMN_NAMES = /^(phone|phone ?number|number|telephone|tel|mobile|msisdn|e-?mail|email address)$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** One value of the list and the line it is on. */
interface ListLine {
  line: number;
  raw: string;
}

/**
 * The values of the file with their lines. A file of one value a line (no separator, no quote on
 * its first line) is split on line breaks, at a tenth of the cost of reading it as CSV; anything
 * else is CSV, one column of which holds the values.
 */
function listLines(text: string, column: string | null): ListLine[] {
  const firstBreak = text.indexOf('\n');
  const firstLine = (firstBreak < 0 ? text : text.slice(0, firstBreak)).replace(/\r$/, '');
  if (column === null && !/[,;"]/.test(firstLine)) {
    const raw = text.split('\n');
    const out: ListLine[] = [];
    // A first line without a digit is a header ("Phone").
    const start = /\d/.test(firstLine) || firstLine.includes('@') ? 0 : 1;
    for (let i = start; i < raw.length; i += 1) {
      const value = (raw[i] ?? '').trim();
      if (value !== '') out.push({ line: i + 1, raw: value });
    }
    return out;
  }
  const parser = new CsvParser(detectSeparator(text));
  const records = parser.push(text);
  parser.end(records);
  const first = records.find((r) => r.fields.some((f) => f.trim() !== ''));
  if (!first) return [];
  const names = first.fields.map((f) => f.trim());
  const index = column !== null ? names.findIndex((n) => n.toLowerCase() === column.trim().toLowerCase()) : names.findIndex((n) => COLUMN_NAMES.test(n));
  if (index < 0) {
    throw (column !== null
      ? appError('invalid_file', 'permissions.list.noSuchColumn', { column, columns: names.join(', ') })
      : appError('invalid_file', 'permissions.list.whichColumn', { columns: names.join(', ') }));
  }
  const out: ListLine[] = [];
  for (let i = records.indexOf(first) + 1; i < records.length; i += 1) {
    const r = records[i];
    if (!r || r.fields.every((f) => f.trim() === '')) continue;
    out.push({ line: r.line, raw: (r.fields[index] ?? '').trim() });
  }
  return out;
}

/**
 * Reads a suppression list: one number (or email address) a line, or a column of a CSV file named
 * by `column` (or found by its header: Phone, Number, Email ...). Numbers are read into E.164 with
 * the desk's country; emails are kept in lower case. Duplicates count once; the values come back
 * sorted, the order their b-tree is written fastest in.
 *
 * Numbers are kept as numbers until the end (E.164 is at most 15 digits, below 2^53, and never
 * starts with 0): sorting a million of them in a Float64Array takes a twentieth of sorting strings.
 */
export function parseSuppressionList(text: string, o: { column: string | null; country: string | null }): ParsedList {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = listLines(body, o.column);
  if (lines.length === 0) throw appError('invalid_file', 'permissions.list.empty');
  const errors: ListLineError[] = [];
  let invalid = 0;
  const fail = (line: number, message: string) => {
    invalid += 1;
    if (errors.length < MAX_ERRORS_LISTED) errors.push({ line, message });
  };
  const phones = new Float64Array(lines.length);
  let phoneCount = 0;
  const emails = new Set<string>();
  for (const { line, raw } of lines) {
    if (raw === '') {
      fail(line, 'No number on this line.');
      continue;
    }
    if (raw.includes('@')) {
      if (!EMAIL.test(raw) || raw.length > 320) fail(line, 'This is not an email address.');
      else emails.add(emailKey(raw));
      continue;
    }
    const e = toE164(raw, o.country);
    if (!e.ok) fail(line, e.reason);
    else phones[phoneCount++] = Number(e.e164.slice(1));
  }
  const sorted = phones.subarray(0, phoneCount).sort();
  const values: string[] = [];
  let previous = -1;
  for (const n of sorted) {
    if (n !== previous) values.push(`+${n}`);
    previous = n;
  }
  values.push(...[...emails].sort());
  return { values, lines: lines.length, duplicates: lines.length - invalid - values.length, errors, invalid };
}

export interface ImportListInput {
  name: string;
  scope: PermissionScope;
  /** A do-not-call registry extract, as opposed to the company's own list. */
  registry: boolean;
  column: string | null;
  /** Overrides the desk's country for this file's national numbers. */
  country: string | null;
  expiresAt: string | null;
}

export interface ImportListResult {
  listId: string;
  numbers: number;
  duplicates: number;
  /** Customers of this console the list now keeps from being called. */
  customersBlocked: number;
}

/** Why the list was refused: every bad line, by number. Nothing was written. */
export class ListRefused extends AppError {
  constructor(readonly parsed: ParsedList) {
    const shown = parsed.errors
      .slice(0, 10)
      .map((e) => `line ${e.line}: ${e.message}`)
      .join('; ');
    super('invalid_file', `${parsed.invalid} line${parsed.invalid === 1 ? '' : 's'} cannot be read, so nothing was imported. ${shown}${parsed.invalid > 10 ? '; …' : ''}`);
  }
}

/**
 * Imports a suppression list, all or nothing: any bad line refuses the whole file, naming the
 * lines. Written in one transaction: the list, its values, its changes for the hub (the values
 * in chunks) and the audit line, then every customer's block.
 */
export function importSuppressionList(db: Db, actor: { id: string; name: string }, text: string, input: ImportListInput, now: Date): ImportListResult {
  const parsed = parseSuppressionList(text, { column: input.column, country: input.country ?? deskCountry(db) });
  if (parsed.invalid > 0) throw new ListRefused(parsed);
  if (parsed.values.length === 0) throw appError('invalid_file', 'permissions.list.empty');
  const iso = now.toISOString();
  if (input.expiresAt !== null && input.expiresAt <= iso) throw appError('invalid_input', 'permissions.expiryPast');
  const uid = randomUUID();
  // The customer import's page cache and checkpoint on a worker: a million values are 30 MB of b-tree.
  return inImportTransaction(db, () => {
    const before = db.prepare('SELECT count(*) FROM customers WHERE call_blocked = 1').pluck().get() as number;
    const listId = insertList(db, {
      uid,
      name: input.name,
      scope: input.scope,
      registry: input.registry ? 1 : 0,
      size: parsed.values.length,
      added_at: iso,
      added_by: actor.name,
      expires_at: input.expiresAt,
    });
    if (listId === null) throw new Error('a new list id was already taken');
    insertListValues(db, listId, parsed.values);
    enqueuePermissionChange(db, {
      type: 'list',
      uid,
      name: input.name,
      scope: input.scope,
      registry: input.registry,
      size: parsed.values.length,
      addedAt: iso,
      addedBy: actor.name,
      expiresAt: input.expiresAt,
    });
    for (let i = 0; i < parsed.values.length; i += MAX_LIST_VALUES_PER_CHANGE) {
      enqueuePermissionChange(db, { type: 'list.values', uid: randomUUID(), listUid: uid, values: parsed.values.slice(i, i + MAX_LIST_VALUES_PER_CHANGE) });
    }
    audit(db, { at: iso, actorId: actor.id, action: 'permissions.importList', entity: 'permission_lists', entityId: uid, detail: { scope: input.scope, registry: input.registry, count: parsed.values.length } });
    applyLedger(db, now);
    const after = db.prepare('SELECT count(*) FROM customers WHERE call_blocked = 1').pluck().get() as number;
    return { listId: uid, numbers: parsed.values.length, duplicates: parsed.duplicates, customersBlocked: Math.max(0, after - before) };
  });
}

/** A list file as text: UTF-8 (with or without a byte-order mark) or Windows-1252, as the customer import reads them. */
export async function readListFile(path: string): Promise<string> {
  let sniffed;
  try {
    sniffed = await sniffFile(path);
  } catch {
    throw appError('invalid_file', 'common.cannotReadFile', { path });
  }
  return iconv.decode(readFileSync(path), sniffed.encoding);
}
