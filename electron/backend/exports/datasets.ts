import type { CsvColumn, CsvValue } from '../../../shared/csv/write';
import {
  countExport,
  EXPORT_QUERIES,
  iterateExport,
  prepareExportConnection,
  readExportNames,
  type ExportNames,
  type ExportQuery,
  type ExportRow,
  type ExportValue,
} from '../../../db/repos/exports';
import type { Db } from '../../../db/open';
import type { ExportDataset } from '../../../shared/api/exports';
import { OUTCOME_LABELS, type Outcome } from '../../../shared/domain/outcomes';
import { CONSENT_ANSWER_LABELS, type ConsentAnswer } from '../../../shared/domain/consent';
import { ISSUE_STATUS_LABELS, type IssueStatus } from '../../../shared/domain/issueStatus';

/** Reads one column of the query's rows; its position is found once, when the export opens. */
type Field = (row: ExportRow) => ExportValue;

/** What a dataset's columns are made from once its query is open. */
export interface ColumnSource {
  /** The named column of the query (an error names a column the query does not return). */
  field: (name: string) => Field;
  /** Names of the small reference tables by id, read once for the whole export. */
  names: ExportNames;
}

/**
 * What each export contains: its query (iterated row by row, never loaded whole) and the columns
 * written from each row. Names and contact details are included: an export is the
 * manager's own data leaving the console on purpose, unlike logs and hub events.
 */
export interface Dataset {
  query: ExportQuery;
  columns: (source: ColumnSource) => CsvColumn<ExportRow>[];
}

/** The parts of a column after its header. */
type ColumnBody = Omit<CsvColumn<ExportRow>, 'header'>;

/**
 * A column shown through a mapping of its stored value (a label for a code, a name for an id).
 * Such columns have few distinct stored values, so each one's cell is made once per export.
 */
const shown = (field: Field, show: (stored: ExportValue) => CsvValue): ColumnBody => ({
  value: (r) => show(field(r)),
  key: field,
  repeats: true,
});

const outcome = (field: Field) => shown(field, (v) => (v ? (OUTCOME_LABELS[v as Outcome] ?? String(v)) : null));
const yesNo = (field: Field) => shown(field, (v) => (v === 1 ? 'yes' : 'no'));
/** An id shown as its name: empty when there is no id or nothing by that id, as a LEFT JOIN leaves it. */
const named = (field: Field, names: ReadonlyMap<string, string>) =>
  shown(field, (id) => (id === null ? null : (names.get(id as string) ?? null)));

/**
 * A call's offers as one cell, "Offer name: answer; Offer name: answer", from the list kept on the
 * call (calls.offer_answers, db/migrations/010_call_export_columns.ts). An offer no longer in the
 * offers table is left out and a call without offers has an empty cell, as the join and
 * group_concat the export used before gave.
 */
const offerList = (field: Field, offers: ReadonlyMap<string, string>) =>
  shown(field, (encoded) => {
    if (encoded === null) return null;
    const parts: string[] = [];
    for (const offer of (encoded as string).split('\u001e')) {
      const cut = offer.indexOf('\u001f');
      const name = offers.get(offer.slice(0, cut));
      if (name !== undefined) parts.push(`${name}: ${offer.slice(cut + 1).replaceAll('_', ' ')}`);
    }
    return parts.length > 0 ? parts.join('; ') : null;
  });

/** The latest consent answer and its day ("no 2026-11-16"), in words; empty when never asked. */
const consent = (field: Field): ColumnBody => ({
  value: (r) => {
    const v = field(r);
    if (v === null) return null;
    const [answer = '', day = ''] = String(v).split(' ');
    return `${CONSENT_ANSWER_LABELS[answer as ConsentAnswer] ?? answer} (${day})`;
  },
});

/** A text column with few distinct values (a segment, a team): each one's cell is made once per export. */
const repeating = (field: Field): ColumnBody => ({ value: field, repeats: true });

const customers: Dataset = {
  query: EXPORT_QUERIES.customers,
  columns: ({ field: f }) => [
    { header: 'Customer ID', value: f('external_id') },
    { header: 'Name', value: f('name') },
    { header: 'Company', value: f('company') },
    { header: 'Phone', value: f('phone') },
    { header: 'Email', value: f('email') },
    { header: 'Segment', ...repeating(f('segment')) },
    { header: 'Product', ...repeating(f('product')) },
    { header: 'Monthly revenue', value: f('monthly_revenue') },
    { header: 'Tenure (months)', value: f('tenure_months') },
    { header: 'Departed on', value: f('departed_at') },
    { header: 'Cycle', ...repeating(f('cycle')) },
    { header: 'Stated reason (as written)', value: f('stated_reason_text') },
    { header: 'Stated reason', ...repeating(f('stated_reason')) },
    { header: 'Stated category', ...repeating(f('stated_category')) },
    { header: 'Frontline team', ...repeating(f('frontline_team')) },
    { header: 'Frontline rep', ...repeating(f('frontline_rep')) },
    { header: 'Assigned to', ...repeating(f('assigned_to')) },
    { header: 'Attempts', value: f('attempts') },
    { header: 'Last outcome', ...outcome(f('outcome')) },
    { header: 'Do not contact', ...yesNo(f('do_not_contact')) },
    { header: 'On the do-not-call ledger', ...yesNo(f('call_blocked')) },
    { header: 'Consent to calls', ...consent(f('consent_phone')) },
    { header: 'Consent to emails', ...consent(f('consent_email')) },
    { header: 'Consent to letters', ...consent(f('consent_post')) },
  ],
};

const calls: Dataset = {
  query: EXPORT_QUERIES.calls,
  columns: ({ field: f, names }) => [
    { header: 'Call ID', value: f('id') },
    { header: 'Completed at', value: f('completed_at') },
    { header: 'Cycle', ...named(f('cycle_id'), names.cycles) },
    { header: 'Caller', ...named(f('caller_id'), names.people) },
    { header: 'Caller role', ...repeating(f('caller_role')) },
    { header: 'Customer ID', value: f('external_id') },
    { header: 'Customer', value: f('name') },
    { header: 'Segment', ...repeating(f('segment')) },
    { header: 'Product', ...repeating(f('product')) },
    { header: 'Monthly revenue', value: f('monthly_revenue') },
    { header: 'Stated reason', ...named(f('stated_reason_id'), names.reasons) },
    { header: 'Diagnosed reason', ...named(f('diagnosed_reason_id'), names.reasons) },
    { header: 'Diagnosed category', ...named(f('diagnosed_reason_id'), names.reasonCategories) },
    { header: 'Reason confirmed', ...yesNo(f('reason_confirmed')) },
    { header: 'Outcome', ...outcome(f('outcome')) },
    { header: 'Offers', ...offerList(f('offers'), names.offers) },
    { header: 'Callback at', value: f('callback_at') },
    { header: "Customer's words", value: f('customer_words') },
  ],
};

const feedback: Dataset = {
  query: EXPORT_QUERIES.feedback,
  columns: ({ field: f }) => [
    { header: 'Feedback ID', value: f('id') },
    { header: 'Recorded at', value: f('created_at') },
    { header: 'Status', ...repeating(f('status')) },
    { header: 'Status changed at', value: f('status_changed_at') },
    { header: 'Frontline team', ...repeating(f('frontline_team')) },
    { header: 'Frontline rep', ...repeating(f('frontline_rep')) },
    { header: 'Feedback', value: f('text') },
    { header: 'Call ID', value: f('call_id') },
    { header: 'Caller', ...repeating(f('caller')) },
    { header: 'Customer ID', value: f('external_id') },
    { header: 'Customer', value: f('name') },
    { header: 'Monthly revenue', value: f('monthly_revenue') },
    { header: 'Diagnosed reason', ...repeating(f('diagnosed_reason')) },
  ],
};

const issues: Dataset = {
  query: EXPORT_QUERIES.issues,
  columns: ({ field: f }) => [
    { header: 'Issue ID', value: f('id') },
    { header: 'Title', value: f('title') },
    { header: 'Owner', value: f('owner') },
    { header: 'Status', ...shown(f('status'), (v) => ISSUE_STATUS_LABELS[v as IssueStatus] ?? String(v)) },
    { header: 'Created at', value: f('created_at') },
    { header: 'Updated at', value: f('updated_at') },
    { header: 'Fixed at', value: f('fixed_at') },
    { header: 'Reasons', value: f('reasons') },
    { header: 'Linked calls', value: f('calls') },
    { header: 'Customers', value: f('customers') },
    { header: 'Still lost', value: f('still_lost') },
    { header: 'Revenue at stake (monthly)', value: f('revenue_at_stake') },
    { header: 'Description', value: f('description') },
  ],
};

export const DATASETS: Record<ExportDataset, Dataset> = { customers, calls, feedback, issues };

/**
 * A dataset's columns over the fields its statement returns (every range of a split export returns
 * the same fields), with the names read from the export's snapshot.
 */
export function exportColumns(dataset: ExportDataset, fields: readonly string[], names: ExportNames): CsvColumn<ExportRow>[] {
  const field = (name: string): Field => {
    const i = fields.indexOf(name);
    if (i < 0) throw new Error(`The ${dataset} export query has no column ${name}.`);
    return (r) => r[i] ?? null;
  };
  return DATASETS[dataset].columns({ field, names });
}

/** An export ready to stream: its row count (when asked for), its columns and its rows, from one snapshot. */
export interface OpenExport {
  total: number | null;
  columns: CsvColumn<ExportRow>[];
  rows: IterableIterator<ExportRow>;
}

/**
 * Opens a dataset on a connection of the export's own (its read transaction lasts until that
 * connection is closed, and better-sqlite3 allows nothing else on it while the rows are read).
 * This reads the whole export on the calling thread; exportInWorkers reads it on worker threads.
 */
export function openExport(db: Db, dataset: ExportDataset, options: { count?: boolean } = {}): OpenExport {
  const { query } = DATASETS[dataset];
  prepareExportConnection(db);
  const total = options.count ? countExport(db, query) : null;
  const names = readExportNames(db);
  const { fields, rows } = iterateExport(db, query);
  try {
    return { total, columns: exportColumns(dataset, fields, names), rows };
  } catch (error) {
    rows.return?.();
    throw error;
  }
}
