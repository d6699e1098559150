/**
 * The states of an issue to fix and how they are shown. Kept apart from the issues API contract so
 * the export worker, which writes the labels into CSV, loads them without the schema library.
 */
export const ISSUE_STATUSES = ['open', 'in_progress', 'fixed'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export const ISSUE_STATUS_LABELS: Record<IssueStatus, string> = { open: 'Open', in_progress: 'In progress', fixed: 'Fixed' };
