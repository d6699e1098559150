import type { Db } from '../open';
import { ISSUE_IMPACT_SQL } from './issues';

/**
 * An export's rows cut into ranges of its order, so several connections can read and format the
 * ranges side by side. The order's key must be unique and never null: a range is the rows whose key
 * is at least the first key of the range and below the first key of the next one.
 */
export interface ExportSplit {
  /** The table whose rows are exported, one export row each, read here without the joins. */
  table: string;
  /** The columns of the export's order in that table, read from the index on them. */
  key: string;
  /** The export's statement for one range: `(key) >= (?…)` when `from`, `(key) < (?…)` when `to`. */
  range: (from: boolean, to: boolean) => string;
}

/** One export: how many rows it will have, and the statement that yields them in order. */
export interface ExportQuery {
  count: string;
  select: string;
  /** How the export splits into ranges; without one, an export is read whole by one connection. */
  split?: ExportSplit;
}

/** A range condition on a row value: SQLite reads it as a range of the index on those columns. */
function keyRange(key: string, from: boolean, to: boolean): string {
  const width = key.split(',').length;
  const params = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  const parts = [from ? `(${key}) >= ${params}` : '', to ? `(${key}) < ${params}` : ''].filter((p) => p !== '');
  return parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '';
}

const CUSTOMERS_SELECT = (where: string) => `SELECT c.external_id, c.name, c.company, c.phone, c.email, c.segment, c.product, c.monthly_revenue,
      c.tenure_months, c.departed_at, cy.name AS cycle, c.stated_reason_text, r.name AS stated_reason,
      rc.name AS stated_category, c.frontline_team, c.frontline_rep, p.name AS assigned_to, c.attempts,
      c.last_outcome AS outcome, c.do_not_contact, c.call_blocked,
      (SELECT answer || ' ' || substr(asked_at, 1, 10) FROM consents WHERE customer_id = c.id AND channel = 'phone' ORDER BY asked_at DESC, id DESC LIMIT 1) AS consent_phone,
      (SELECT answer || ' ' || substr(asked_at, 1, 10) FROM consents WHERE customer_id = c.id AND channel = 'email' ORDER BY asked_at DESC, id DESC LIMIT 1) AS consent_email,
      (SELECT answer || ' ' || substr(asked_at, 1, 10) FROM consents WHERE customer_id = c.id AND channel = 'post' ORDER BY asked_at DESC, id DESC LIMIT 1) AS consent_post
    FROM customers c
    LEFT JOIN reasons r ON r.id = c.stated_reason_id
    LEFT JOIN reason_categories rc ON rc.id = r.category_id
    LEFT JOIN cycles cy ON cy.id = c.cycle_id
    LEFT JOIN people p ON p.id = c.assigned_to
    ${where}
    ORDER BY c.id`;

// In the order of the calls_completed_id index, without a sort step. The small reference
// tables (people, cycles, reasons and their categories, offers) are not joined: their names
// are read once (readExportNames) instead of looked up on each of a million rows. A call's
// offers with their answers and its primary reason are kept on the call
// (db/migrations/010_call_export_columns.ts).
const CALLS_SELECT = (where: string) => `SELECT k.id, k.completed_at, coalesce(k.cycle_id, c.cycle_id) AS cycle_id, k.caller_id, k.caller_role,
      c.external_id, c.name, c.segment, c.product, c.monthly_revenue, c.stated_reason_id,
      k.primary_reason_id AS diagnosed_reason_id, k.reason_confirmed, k.outcome, k.customer_words, k.callback_at,
      k.offer_answers AS offers
    FROM calls k
    JOIN customers c ON c.id = k.customer_id
    ${where}
    ORDER BY k.completed_at, k.id`;

export const EXPORT_QUERIES = {
  customers: {
    count: 'SELECT count(*) FROM customers',
    select: CUSTOMERS_SELECT(''),
    split: {
      table: 'customers',
      key: 'id',
      range: (from, to) => CUSTOMERS_SELECT(keyRange('c.id', from, to)),
    },
  },
  calls: {
    count: 'SELECT count(*) FROM calls',
    select: CALLS_SELECT(''),
    split: {
      table: 'calls',
      key: 'completed_at, id',
      range: (from, to) => CALLS_SELECT(keyRange('k.completed_at, k.id', from, to)),
    },
  },
  feedback: {
    count: 'SELECT count(*) FROM feedback',
    select: `SELECT f.id, f.created_at, f.status, f.status_changed_at, f.frontline_team, f.frontline_rep, f.text,
      k.id AS call_id, p.name AS caller, c.external_id, c.name, c.monthly_revenue, r.name AS diagnosed_reason
    FROM feedback f
    JOIN calls k ON k.id = f.call_id
    JOIN people p ON p.id = k.caller_id
    JOIN customers c ON c.id = f.customer_id
    LEFT JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1
    LEFT JOIN reasons r ON r.id = cr.reason_id
    ORDER BY f.frontline_team, f.frontline_rep, f.created_at, f.id`,
  },
  issues: {
    count: 'SELECT count(*) FROM issues',
    select: `SELECT i.id, i.title, i.owner, i.status, i.created_at, i.updated_at, i.fixed_at, i.description,
      (SELECT group_concat(r.name, '; ') FROM issue_reasons ir JOIN reasons r ON r.id = ir.reason_id WHERE ir.issue_id = i.id) AS reasons,
      (SELECT count(*) FROM issue_calls ic WHERE ic.issue_id = i.id) AS calls,
      coalesce(im.customers, 0) AS customers, coalesce(im.still_lost, 0) AS still_lost,
      round(coalesce(im.revenue_at_stake, 0), 2) AS revenue_at_stake
    FROM issues i
    LEFT JOIN (${ISSUE_IMPACT_SQL} GROUP BY a.issue_id) im ON im.issue_id = i.id
    ORDER BY i.created_at, i.id`,
  },
} satisfies Record<string, ExportQuery>;

export type ExportValue = string | number | null;
/** A row as an array in the statement's column order: no object with named keys per row. */
export type ExportRow = ExportValue[];

/** An open export: the names of its columns, and its rows in order. */
export interface OpenedExport {
  fields: string[];
  rows: IterableIterator<ExportRow>;
}

/** SQLite's page cache on an export's connection, in KiB (the default is 16 MiB). */
const EXPORT_CACHE_KIB = 2048;

/**
 * Readies an export's own connection. A small page cache: an export reads each page of its tables
 * about once, so a larger cache only makes the process bigger. And one consistent snapshot: the
 * count, the names and every row come from the same state of the database however long the file
 * takes to write; the read transaction ends when the caller closes the connection.
 */
export function prepareExportConnection(db: Db): void {
  db.pragma(`cache_size = -${EXPORT_CACHE_KIB}`);
  if (!db.inTransaction) db.exec('BEGIN');
}

/**
 * The rows of an export as a lazy iterator of arrays. The statement stays open while it is
 * consumed, so the caller uses a connection of its own when it awaits between rows.
 */
export function iterateExport(db: Db, query: ExportQuery): OpenedExport {
  const statement = db.prepare(query.select).raw();
  return { fields: statement.columns().map((c) => c.name), rows: statement.iterate() as IterableIterator<ExportRow> };
}

/** How many rows an export will have (a scan of its table's smallest index: asked for only when shown). */
export function countExport(db: Db, query: ExportQuery): number {
  return db.prepare(query.count).pluck().get() as number;
}

/** The names of the small reference tables, by id, for exports that show names instead of ids. */
export interface ExportNames {
  people: ReadonlyMap<string, string>;
  cycles: ReadonlyMap<string, string>;
  reasons: ReadonlyMap<string, string>;
  /** The category name of each reason, by reason id. */
  reasonCategories: ReadonlyMap<string, string>;
  offers: ReadonlyMap<string, string>;
}

export function readExportNames(db: Db): ExportNames {
  const byId = (sql: string) => new Map(db.prepare(sql).raw().all() as [string, string][]);
  return {
    people: byId('SELECT id, name FROM people'),
    cycles: byId('SELECT id, name FROM cycles'),
    reasons: byId('SELECT id, name FROM reasons'),
    reasonCategories: byId('SELECT r.id, rc.name FROM reasons r JOIN reason_categories rc ON rc.id = r.category_id'),
    offers: byId('SELECT id, name FROM offers'),
  };
}

/**
 * Where the range starting at `from` (null: at the first row) ends: the key of the row `rows` rows
 * further on, or null when the export ends first. A walk of the index on the export's order, in the
 * connection's snapshot; every connection reading the ranges must be on that same snapshot.
 */
export function findRangeEnd(db: Db, split: ExportSplit, from: ExportValue[] | null, rows: number): ExportValue[] | null {
  const where = from ? keyRange(split.key, true, false) : '';
  const end = db
    .prepare(`SELECT ${split.key} FROM ${split.table} ${where} ORDER BY ${split.key} LIMIT 1 OFFSET ?`)
    .raw()
    .get(...(from ?? []), rows) as ExportValue[] | undefined;
  return end ?? null;
}

/** The rows of one range of an export, keys from `from` (when given) to before `to` (when given). */
export function iterateExportRange(db: Db, split: ExportSplit, from: ExportValue[] | null, to: ExportValue[] | null): OpenedExport {
  const statement = db.prepare(split.range(from !== null, to !== null)).raw();
  const rows = statement.iterate(...(from ?? []), ...(to ?? [])) as IterableIterator<ExportRow>;
  return { fields: statement.columns().map((c) => c.name), rows };
}
