import type { Db } from '../open';
import { ISSUE_IMPACT_SQL } from './issues';

/** One export: how many rows it will have, and the statement that yields them in order. */
export interface ExportQuery {
  count: string;
  select: string;
  /**
   * Set when `select` is ordered by the `group` column alone: rows sharing a value there are put
   * in order of the `by` column, as `ORDER BY group, by` would, without SQLite passing every row
   * through a sort step for the rare tie.
   */
  ties?: { group: string; by: string };
}

export const EXPORT_QUERIES = {
  customers: {
    count: 'SELECT count(*) FROM customers',
    select: `SELECT c.external_id, c.name, c.company, c.phone, c.email, c.segment, c.product, c.monthly_revenue,
      c.tenure_months, c.departed_at, cy.name AS cycle, c.stated_reason_text, r.name AS stated_reason,
      rc.name AS stated_category, c.frontline_team, c.frontline_rep, p.name AS assigned_to, c.attempts,
      c.last_outcome AS outcome, c.do_not_contact
    FROM customers c
    LEFT JOIN reasons r ON r.id = c.stated_reason_id
    LEFT JOIN reason_categories rc ON rc.id = r.category_id
    LEFT JOIN cycles cy ON cy.id = c.cycle_id
    LEFT JOIN people p ON p.id = c.assigned_to
    ORDER BY c.id`,
  },
  calls: {
    count: 'SELECT count(*) FROM calls',
    // The small reference tables (people, cycles, reasons and their categories, offers) are not
    // joined here: their names are read once (readExportNames) instead of looked up on each of a
    // million rows. A call's offers with their answers and its primary reason are kept on the call
    // (db/migrations/010_call_export_columns.ts). Ordered by completion time alone, an index scan
    // without a sort step; calls completed in the same millisecond are put in id order as they
    // arrive (`ties`).
    select: `SELECT k.id, k.completed_at, coalesce(k.cycle_id, c.cycle_id) AS cycle_id, k.caller_id, k.caller_role,
      c.external_id, c.name, c.segment, c.product, c.monthly_revenue, c.stated_reason_id,
      k.primary_reason_id AS diagnosed_reason_id, k.reason_confirmed, k.outcome, k.customer_words, k.callback_at,
      k.offer_answers AS offers
    FROM calls k
    JOIN customers c ON c.id = k.customer_id
    ORDER BY k.completed_at`,
    ties: { group: 'completed_at', by: 'id' },
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
  const fields = statement.columns().map((c) => c.name);
  const position = (name: string) => {
    const i = fields.indexOf(name);
    if (i < 0) throw new Error(`The export query has no column ${name}.`);
    return i;
  };
  // Positions first: once iterate() is called the connection is busy until the rows are closed.
  const ties = query.ties ? { group: position(query.ties.group), by: position(query.ties.by) } : null;
  const rows = statement.iterate() as IterableIterator<ExportRow>;
  return { fields, rows: ties ? new TiesInOrder(rows, ties.group, ties.by) : rows };
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
 * SQLite's order of two values of one column (BINARY collation): NULL, then numbers, then text by
 * its UTF-8 bytes. JavaScript compares UTF-16 units instead, which puts characters beyond U+FFFF
 * (surrogate pairs) before U+E000 to U+FFFF; UTF-8 puts them after.
 */
export function compareSqlValues(a: ExportValue, b: ExportValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xSurrogate = x >= 0xd800 && x <= 0xdfff;
      const ySurrogate = y >= 0xd800 && y <= 0xdfff;
      if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

/**
 * Passes rows through in their order, except that a run of rows with the same `group` value is
 * held back and put in order of `by` (a stable sort, as SQLite leaves equal rows). One row of
 * look-ahead; a run is as long as the calls completed in one millisecond.
 */
class TiesInOrder implements IterableIterator<ExportRow> {
  private ahead: ExportRow | undefined;
  private run: ExportRow[] = [];
  private nextInRun = 0;
  private started = false;

  constructor(
    private readonly source: IterableIterator<ExportRow>,
    private readonly group: number,
    private readonly by: number,
  ) {}

  [Symbol.iterator](): IterableIterator<ExportRow> {
    return this;
  }

  next(): IteratorResult<ExportRow> {
    if (this.nextInRun < this.run.length) return { done: false, value: this.run[this.nextInRun++] as ExportRow };
    if (!this.started) {
      this.started = true;
      this.ahead = this.pull();
    }
    const row = this.ahead;
    if (row === undefined) return { done: true, value: undefined };
    this.ahead = this.pull();
    if (this.ahead === undefined || this.ahead[this.group] !== row[this.group]) return { done: false, value: row };
    // A tie: gather the run, then hand it out in order.
    const run = [row];
    const key = row[this.group];
    while (this.ahead !== undefined && this.ahead[this.group] === key) {
      run.push(this.ahead);
      this.ahead = this.pull();
    }
    const by = this.by;
    run.sort((a, b) => compareSqlValues(a[by] ?? null, b[by] ?? null));
    this.run = run;
    this.nextInRun = 1;
    return { done: false, value: run[0] as ExportRow };
  }

  /** Stopping early (a failed write, `break`) closes the statement. */
  return(): IteratorResult<ExportRow> {
    this.run = [];
    this.ahead = undefined;
    this.source.return?.();
    return { done: true, value: undefined };
  }

  private pull(): ExportRow | undefined {
    const r = this.source.next();
    return r.done ? undefined : r.value;
  }
}
