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

/** Reads one column of the query's rows; its position is found once, when the export opens. */
type Field = (row: ExportRow) => ExportValue;

/** What a dataset's columns are made from once its query is open. */
export interface ColumnSource {
  /** The named column of the query (an error names a column the query does not return). */
  field: (name: string) => Field;
  /** Names of the small reference tables by id, read once for the whole export. */
  names: ExportNames;
  /** A header in the language of the person exporting (`csvExport.<dataset>.<key>`). */
  header: (key: string) => string;
  /** An amount column's header, naming the organisation's currency: "Monthly revenue (EUR)". */
  amount: (key: string) => string;
  yes: string;
  no: string;
  labels: ExportLabels;
}

/**
 * The words for stored codes (an outcome, a consent answer, a status), in the language of the person
 * exporting; a code without a word (one a newer console wrote) is written as stored.
 */
export interface ExportLabels {
  outcome: Record<string, string>;
  consent: Record<string, string>;
  issueStatus: Record<string, string>;
}

/**
 * The file's words, already in the language of the person exporting (exports/words.ts): headers by
 * `<dataset>.<key>`, amount headers naming the organisation's currency, and yes/no. Made once on the
 * coordinating thread and handed to the workers as plain strings, so a worker loads no catalogue.
 * Cells stay machine-readable (plain numbers with a dot, ISO dates) in every language.
 */
export interface ExportWords {
  headers: Record<string, string>;
  yes: string;
  no: string;
  labels: ExportLabels;
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

const labelled = (field: Field, labels: Record<string, string>) => shown(field, (v) => (v === null || v === '' ? null : (labels[String(v)] ?? String(v))));
const yesNo = (field: Field, yes: string, no: string) => shown(field, (v) => (v === 1 ? yes : no));
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

/** The latest consent answer in words and its day, kept ISO ("no (2026-11-16)"); empty when never asked. */
const consent = (field: Field, labels: Record<string, string>): ColumnBody => ({
  value: (r) => {
    const v = field(r);
    if (v === null) return null;
    const [answer = '', day = ''] = String(v).split(' ');
    return `${labels[answer] ?? answer} (${day})`;
  },
});

/** A text column with few distinct values (a segment, a team): each one's cell is made once per export. */
const repeating = (field: Field): ColumnBody => ({ value: field, repeats: true });

const customers: Dataset = {
  query: EXPORT_QUERIES.customers,
  columns: ({ field: f, header, amount, yes, no, labels }) => [
    { header: header('customerId'), value: f('external_id') },
    { header: header('name'), value: f('name') },
    { header: header('company'), value: f('company') },
    { header: header('phone'), value: f('phone') },
    { header: header('email'), value: f('email') },
    { header: header('segment'), ...repeating(f('segment')) },
    { header: header('product'), ...repeating(f('product')) },
    { header: amount('monthlyRevenue'), value: f('monthly_revenue') },
    { header: header('tenure'), value: f('tenure_months') },
    { header: header('departedOn'), value: f('departed_at') },
    { header: header('cycle'), ...repeating(f('cycle')) },
    { header: header('statedReasonText'), value: f('stated_reason_text') },
    { header: header('statedReason'), ...repeating(f('stated_reason')) },
    { header: header('statedCategory'), ...repeating(f('stated_category')) },
    { header: header('frontlineTeam'), ...repeating(f('frontline_team')) },
    { header: header('frontlineRep'), ...repeating(f('frontline_rep')) },
    { header: header('assignedTo'), ...repeating(f('assigned_to')) },
    { header: header('attempts'), value: f('attempts') },
    { header: header('lastOutcome'), ...labelled(f('outcome'), labels.outcome) },
    { header: header('doNotContact'), ...yesNo(f('do_not_contact'), yes, no) },
    { header: header('callBlocked'), ...yesNo(f('call_blocked'), yes, no) },
    { header: header('consentPhone'), ...consent(f('consent_phone'), labels.consent) },
    { header: header('consentEmail'), ...consent(f('consent_email'), labels.consent) },
    { header: header('consentPost'), ...consent(f('consent_post'), labels.consent) },
  ],
};

const calls: Dataset = {
  query: EXPORT_QUERIES.calls,
  columns: ({ field: f, names, header, amount, yes, no, labels }) => [
    { header: header('callId'), value: f('id') },
    { header: header('completedAt'), value: f('completed_at') },
    { header: header('cycle'), ...named(f('cycle_id'), names.cycles) },
    { header: header('caller'), ...named(f('caller_id'), names.people) },
    { header: header('callerRole'), ...repeating(f('caller_role')) },
    { header: header('customerId'), value: f('external_id') },
    { header: header('customer'), value: f('name') },
    { header: header('segment'), ...repeating(f('segment')) },
    { header: header('product'), ...repeating(f('product')) },
    { header: amount('monthlyRevenue'), value: f('monthly_revenue') },
    { header: header('statedReason'), ...named(f('stated_reason_id'), names.reasons) },
    { header: header('diagnosedReason'), ...named(f('diagnosed_reason_id'), names.reasons) },
    { header: header('diagnosedCategory'), ...named(f('diagnosed_reason_id'), names.reasonCategories) },
    { header: header('reasonConfirmed'), ...yesNo(f('reason_confirmed'), yes, no) },
    { header: header('outcome'), ...labelled(f('outcome'), labels.outcome) },
    { header: header('offers'), ...offerList(f('offers'), names.offers) },
    { header: header('callbackAt'), value: f('callback_at') },
    { header: header('customerWords'), value: f('customer_words') },
  ],
};

const feedback: Dataset = {
  query: EXPORT_QUERIES.feedback,
  columns: ({ field: f, header, amount }) => [
    { header: header('feedbackId'), value: f('id') },
    { header: header('recordedAt'), value: f('created_at') },
    // The status stays its stored code (new, shared, coached, closed), machine-readable as the file has always written it.
    { header: header('status'), ...repeating(f('status')) },
    { header: header('statusChangedAt'), value: f('status_changed_at') },
    { header: header('frontlineTeam'), ...repeating(f('frontline_team')) },
    { header: header('frontlineRep'), ...repeating(f('frontline_rep')) },
    { header: header('feedback'), value: f('text') },
    { header: header('callId'), value: f('call_id') },
    { header: header('caller'), ...repeating(f('caller')) },
    { header: header('customerId'), value: f('external_id') },
    { header: header('customer'), value: f('name') },
    { header: amount('monthlyRevenue'), value: f('monthly_revenue') },
    { header: header('diagnosedReason'), ...repeating(f('diagnosed_reason')) },
  ],
};

const issues: Dataset = {
  query: EXPORT_QUERIES.issues,
  columns: ({ field: f, header, amount, labels }) => [
    { header: header('issueId'), value: f('id') },
    { header: header('title'), value: f('title') },
    { header: header('owner'), value: f('owner') },
    { header: header('status'), ...labelled(f('status'), labels.issueStatus) },
    { header: header('createdAt'), value: f('created_at') },
    { header: header('updatedAt'), value: f('updated_at') },
    { header: header('fixedAt'), value: f('fixed_at') },
    { header: header('reasons'), value: f('reasons') },
    { header: header('linkedCalls'), value: f('calls') },
    { header: header('customers'), value: f('customers') },
    { header: header('stillLost'), value: f('still_lost') },
    { header: amount('revenueAtStake'), value: f('revenue_at_stake') },
    { header: header('description'), value: f('description') },
  ],
};

export const DATASETS: Record<ExportDataset, Dataset> = { customers, calls, feedback, issues };

/**
 * A dataset's columns over the fields its statement returns (every range of a split export returns
 * the same fields), with the names read from the export's snapshot.
 */
export function exportColumns(dataset: ExportDataset, fields: readonly string[], names: ExportNames, words: ExportWords): CsvColumn<ExportRow>[] {
  const field = (name: string): Field => {
    const i = fields.indexOf(name);
    if (i < 0) throw new Error(`The ${dataset} export query has no column ${name}.`);
    return (r) => r[i] ?? null;
  };
  const header = (key: string) => {
    const text = words.headers[`${dataset}.${key}`];
    if (text === undefined) throw new Error(`The ${dataset} export has no header ${key}.`);
    return text;
  };
  return DATASETS[dataset].columns({ field, names, header, amount: header, yes: words.yes, no: words.no, labels: words.labels });
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
export function openExport(db: Db, dataset: ExportDataset, words: ExportWords, options: { count?: boolean } = {}): OpenExport {
  const { query } = DATASETS[dataset];
  prepareExportConnection(db);
  const total = options.count ? countExport(db, query) : null;
  const names = readExportNames(db);
  const { fields, rows } = iterateExport(db, query);
  try {
    return { total, columns: exportColumns(dataset, fields, names, words), rows };
  } catch (error) {
    rows.return?.();
    throw error;
  }
}
