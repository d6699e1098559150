import type { Generated } from 'kysely';
import type { Role } from '../../shared/domain/roles';

/**
 * The hub's tables, identical in SQLite and PostgreSQL. Times are ISO-8601 text in both, so
 * comparisons and substrings behave the same in either store.
 */
export interface HubDatabase {
  tokens: TokensTable;
  events: EventsTable;
  departures: DeparturesTable;
  calls: CallsTable;
  assignments: AssignmentsTable;
  board_presence: BoardPresenceTable;
  board_request_counts: BoardRequestCountsTable;
  board_pause_reasons: BoardPauseReasonsTable;
  trust_owners: TrustOwnersTable;
  cells_stated: CellsStatedTable;
  cells_stated_month: CellsStatedMonthTable;
  cells_diagnosed: CellsDiagnosedTable;
}

export interface TokensTable {
  id: string;
  name: string;
  role: Role;
  /** SHA-256 of the token, hex. The token itself is shown once and never stored. */
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Every event ever accepted, exactly once. `rid` is the hub's receive order. */
export interface EventsTable {
  rid: Generated<number>;
  id: string;
  kind: string;
  console_id: string;
  seq: number;
  occurred_at: string;
  /** The call id for call events, the external id for customer events: what projections look up. */
  subject: string;
  payload: string;
  /** SHA-256 of the canonical envelope: a resend must match it to count as a duplicate. */
  content_hash: string;
  sent_by: string;
  received_at: string;
}

/** One row per departed customer (by external id), however many consoles imported them. */
export interface DeparturesTable {
  external_id: string;
  cycle: string | null;
  departed_at: string | null;
  stated_reason_text: string | null;
  stated_reason_id: string | null;
  stated_category_id: string | null;
  monthly_revenue: number | null;
  segment: string | null;
  product: string | null;
  frontline_team: string | null;
  event_rid: number;
}

/** One row per completed call, with its latest amendment applied. */
export interface CallsTable {
  call_id: string;
  external_id: string;
  cycle: string | null;
  completed_at: string;
  caller_role: Role;
  outcome: string;
  monthly_revenue: number | null;
  segment: string | null;
  product: string | null;
  frontline_team: string | null;
  stated_reason_id: string | null;
  primary_reason_id: string | null;
  primary_category_id: string | null;
  amendments: number;
  event_rid: number;
}

export interface AssignmentsTable {
  external_id: string;
  person: string;
  /** The AssignedCustomer as JSON: contact details travel only to the person assigned. */
  customer: string;
  assigned_by: string;
  assigned_at: string;
}

/** One desk's latest presence report, per person (token name) and console. Times on the hub's clock. */
export interface BoardPresenceTable {
  person: string;
  console_id: string;
  seq: number;
  state: string;
  stage: string | null;
  customer_id: string | null;
  pause_reason: string | null;
  since: string;
  heard_at: string;
  day: string;
  utc_offset_minutes: number;
  calls: number;
  recovered: number;
  revenue_back: number;
}

/** A fixed-window counter (`window_start` in ms since the epoch) under a key such as `t:<token hash>`. */
export interface BoardRequestCountsTable {
  key: string;
  window_start: number;
  count: number;
}

/** The floor's pause reasons, as a manager last published them. */
export interface BoardPauseReasonsTable {
  id: string;
  label: string;
  position: number;
  updated_at: string;
  updated_by: string;
}

/** Who may change each record: the first token (by name) other than a manager's that sent an event about it (hub/store/trust.ts). */
export interface TrustOwnersTable {
  family: string;
  subject: string;
  owner: string;
  console_id: string;
  owned_at: string;
}

/** The reasons report by stated reason, summed per cell (hub/store/cells.ts). Money in millionths. */
export interface CellsStatedTable {
  cell: string;
  side: 'd' | 'c';
  cycle: string | null;
  day: string | null;
  segment: string | null;
  product: string | null;
  team: string | null;
  reason_id: string | null;
  category_id: string | null;
  reason_text: string | null;
  departed: number;
  revenue: number;
  calls: number;
  recovered: number;
  recovered_revenue: number;
}

/** The same sums per month (hub/store/cells.ts StatedMonthCell): a year's report reads these. */
export type CellsStatedMonthTable = Omit<CellsStatedTable, 'day'> & { month: string | null };

/** The reasons report by diagnosed reason, summed per cell and scope (hub/store/cells.ts). Money in millionths. */
export interface CellsDiagnosedTable {
  cell: string;
  cycle: string | null;
  month: string;
  segment: string | null;
  product: string | null;
  team: string | null;
  reason_id: string;
  category_id: string | null;
  firsts: number;
  customers: number;
  revenue: number;
  calls: number;
  recovered: number;
  recovered_revenue: number;
}
