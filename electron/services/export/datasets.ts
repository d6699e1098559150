import type { CsvColumn } from '../../../shared/csv/write';
import { EXPORT_QUERIES, type ExportQuery } from '../../../db/repos/exports';
import type { ExportDataset } from '../../../shared/api/exports';
import { OUTCOME_LABELS, type Outcome } from '../../../shared/domain/outcomes';
import { ISSUE_STATUS_LABELS, type IssueStatus } from '../../../shared/api/issues';

/**
 * What each export contains: its query (iterated row by row, never loaded whole) and the columns
 * written from each row. Names and contact details are included: an export is the
 * manager's own data leaving the console on purpose, unlike logs and hub events.
 */
export interface Dataset<T> {
  query: ExportQuery;
  columns: CsvColumn<T>[];
}

type Row = Record<string, string | number | null>;
const text = (key: string) => (r: Row) => r[key] as string | null;
const num = (key: string) => (r: Row) => r[key] as number | null;
const outcome = (r: Row) => (r.outcome ? (OUTCOME_LABELS[r.outcome as Outcome] ?? String(r.outcome)) : null);

const customers: Dataset<Row> = {
  query: EXPORT_QUERIES.customers,
  columns: [
    { header: 'Customer ID', value: text('external_id') },
    { header: 'Name', value: text('name') },
    { header: 'Company', value: text('company') },
    { header: 'Phone', value: text('phone') },
    { header: 'Email', value: text('email') },
    { header: 'Segment', value: text('segment') },
    { header: 'Product', value: text('product') },
    { header: 'Monthly revenue', value: num('monthly_revenue') },
    { header: 'Tenure (months)', value: num('tenure_months') },
    { header: 'Departed on', value: text('departed_at') },
    { header: 'Cycle', value: text('cycle') },
    { header: 'Stated reason (as written)', value: text('stated_reason_text') },
    { header: 'Stated reason', value: text('stated_reason') },
    { header: 'Stated category', value: text('stated_category') },
    { header: 'Frontline team', value: text('frontline_team') },
    { header: 'Frontline rep', value: text('frontline_rep') },
    { header: 'Assigned to', value: text('assigned_to') },
    { header: 'Attempts', value: num('attempts') },
    { header: 'Last outcome', value: outcome },
    { header: 'Do not contact', value: (r) => (r.do_not_contact === 1 ? 'yes' : 'no') },
  ],
};

const calls: Dataset<Row> = {
  query: EXPORT_QUERIES.calls,
  columns: [
    { header: 'Call ID', value: text('id') },
    { header: 'Completed at', value: text('completed_at') },
    { header: 'Cycle', value: text('cycle') },
    { header: 'Caller', value: text('caller') },
    { header: 'Caller role', value: text('caller_role') },
    { header: 'Customer ID', value: text('external_id') },
    { header: 'Customer', value: text('name') },
    { header: 'Segment', value: text('segment') },
    { header: 'Product', value: text('product') },
    { header: 'Monthly revenue', value: num('monthly_revenue') },
    { header: 'Stated reason', value: text('stated_reason') },
    { header: 'Diagnosed reason', value: text('diagnosed_reason') },
    { header: 'Diagnosed category', value: text('diagnosed_category') },
    { header: 'Reason confirmed', value: (r) => (r.reason_confirmed === 1 ? 'yes' : 'no') },
    { header: 'Outcome', value: outcome },
    { header: 'Offers', value: text('offers') },
    { header: 'Callback at', value: text('callback_at') },
    { header: "Customer's words", value: text('customer_words') },
  ],
};

const feedback: Dataset<Row> = {
  query: EXPORT_QUERIES.feedback,
  columns: [
    { header: 'Feedback ID', value: text('id') },
    { header: 'Recorded at', value: text('created_at') },
    { header: 'Status', value: text('status') },
    { header: 'Status changed at', value: text('status_changed_at') },
    { header: 'Frontline team', value: text('frontline_team') },
    { header: 'Frontline rep', value: text('frontline_rep') },
    { header: 'Feedback', value: text('text') },
    { header: 'Call ID', value: text('call_id') },
    { header: 'Caller', value: text('caller') },
    { header: 'Customer ID', value: text('external_id') },
    { header: 'Customer', value: text('name') },
    { header: 'Monthly revenue', value: num('monthly_revenue') },
    { header: 'Diagnosed reason', value: text('diagnosed_reason') },
  ],
};

const issues: Dataset<Row> = {
  query: EXPORT_QUERIES.issues,
  columns: [
    { header: 'Issue ID', value: text('id') },
    { header: 'Title', value: text('title') },
    { header: 'Owner', value: text('owner') },
    { header: 'Status', value: (r) => ISSUE_STATUS_LABELS[r.status as IssueStatus] ?? String(r.status) },
    { header: 'Created at', value: text('created_at') },
    { header: 'Updated at', value: text('updated_at') },
    { header: 'Fixed at', value: text('fixed_at') },
    { header: 'Reasons', value: text('reasons') },
    { header: 'Linked calls', value: num('calls') },
    { header: 'Customers', value: num('customers') },
    { header: 'Still lost', value: num('still_lost') },
    { header: 'Revenue at stake (monthly)', value: num('revenue_at_stake') },
    { header: 'Description', value: text('description') },
  ],
};

export const DATASETS: Record<ExportDataset, Dataset<Row>> = { customers, calls, feedback, issues };
export type DatasetRow = Row;
