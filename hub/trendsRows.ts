import type { ReasonsReportFilters } from '../shared/reports/reasons';
import type { HubStore } from './store/connect';

/**
 * What the reasons report's two sources answer (hub/trendsProjections.ts from the departures and
 * calls, hub/trendsCells.ts from the cells): rows before they are named, merged and rounded by
 * hub/trends.ts. Revenue is in money units in both.
 */
export type ParsedFilters = ReturnType<typeof ReasonsReportFilters.parse>;

export interface KeyRow {
  period: string | null;
  reason_id: string | null;
  category_id: string | null;
  reason_text: string | null;
}
export interface DepartedRow extends KeyRow {
  departed: number | string;
  revenue: number | string | null;
}
export interface CallRow extends KeyRow {
  calls: number | string;
  recovered: number | string | null;
  recovered_revenue: number | string | null;
}
export interface DiagnosedTotals {
  departed: number | string | null;
  revenue: number | string | null;
  calls: number | string | null;
  recovered: number | string | null;
  recovered_revenue: number | string | null;
}

export interface ReasonsSource {
  /** Departed customers by the reason stated at departure. */
  departed: (store: HubStore, f: ParsedFilters) => Promise<DepartedRow[]>;
  /** Calls under their customer's stated reason. */
  calls: (store: HubStore, f: ParsedFilters) => Promise<CallRow[]>;
  /** Customers and calls by diagnosed reason, customers once per row. */
  diagnosed: (store: HubStore, f: ParsedFilters) => Promise<(DepartedRow & CallRow)[]>;
  /** The diagnosed report's totals: each customer once. */
  diagnosedTotals: (store: HubStore, f: ParsedFilters) => Promise<DiagnosedTotals>;
}
