import type { AgreementReport, OfferMatrix, RecoveryReport, ReportFilters, ReportOptions } from '../../../shared/api/reports';
import type { ReasonsReport } from '../../../shared/reports/reasons';
import { api } from '../api/client';
import type { Slice } from './types';

export interface TrendsData {
  reasons: ReasonsReport;
  /** The same reasons per cycle, across every cycle: the trend lines. */
  byCycle: ReasonsReport;
  recovery: RecoveryReport;
  matrix: OfferMatrix;
  agreement: AgreementReport;
}

/** What the first screen of Trends shows: the totals and the Pareto chart. */
export type TrendsHeadline = Pick<TrendsData, 'reasons' | 'recovery'>;

export type ReasonBasis = 'stated' | 'diagnosed';

export interface ReportsSlice {
  trendsFilters: ReportFilters;
  trendsBy: ReasonBasis;
  trendsOptions: ReportOptions | null;
  /** The totals and the Pareto chart's figures, which arrive first. */
  trendsHeadline: TrendsHeadline | null;
  trendsData: TrendsData | null;
  /** Until the headline figures for the current filters have arrived. */
  trendsLoading: boolean;
  /** Until every other figure for the current filters has arrived. */
  trendsBelowLoading: boolean;
  /**
   * Asks for every report of the view. What the filters offer (cycles, segments…) is asked too when
   * the view opens (`withOptions`, the default), not on each change of a filter.
   */
  loadTrends: (withOptions?: boolean) => Promise<void>;
  setTrendsFilters: (patch: Partial<ReportFilters>) => void;
  setTrendsBy: (by: ReasonBasis) => void;
}

/** Empty strings from a select mean "all": they are left out of the request. */
export function cleanFilters(f: ReportFilters): ReportFilters {
  const kept: ReportFilters = {};
  for (const key of ['cycle', 'from', 'to', 'segment', 'product', 'team'] as const) {
    const value = f[key];
    if (value !== undefined && value !== '') kept[key] = value;
  }
  return kept;
}

let loadSeq = 0;

export const createReportsSlice: Slice<ReportsSlice> = (set, get) => ({
  trendsFilters: {},
  trendsBy: 'stated',
  trendsOptions: null,
  trendsHeadline: null,
  trendsData: null,
  trendsLoading: false,
  trendsBelowLoading: false,
  loadTrends: async (withOptions = true) => {
    const seq = ++loadSeq;
    set({ trendsLoading: true, trendsBelowLoading: true });
    const filters = cleanFilters(get().trendsFilters);
    const by = get().trendsBy;
    // A slower answer to an older filter must not overwrite a newer one.
    const current = () => seq === loadSeq;
    try {
      const client = api();
      const known = get().trendsOptions;
      // The headline's reports are asked first: the core answers reports one after another, and
      // the totals and the Pareto chart are drawn as soon as theirs arrive, the panels below after.
      const headline = Promise.all([
        withOptions || known === null ? client.call('reports.options', {}) : known,
        client.call('reports.reasons', { ...filters, by }),
        client.call('reports.recovery', filters),
      ]);
      const rest = Promise.all([
        client.call('reports.reasons', { ...filters, cycle: undefined, by, group: 'cycle' }),
        client.call('reports.offerMatrix', filters),
        client.call('reports.agreement', filters),
      ]);
      // Both are awaited below; a failure of either is reported once.
      rest.catch(() => undefined);
      const [options, reasons, recovery] = await headline;
      if (current()) set({ trendsOptions: options, trendsHeadline: { reasons, recovery }, trendsLoading: false });
      const [byCycle, matrix, agreement] = await rest;
      if (current()) set({ trendsData: { reasons, byCycle, recovery, matrix, agreement } });
    } catch (error) {
      get().reportError(error);
    } finally {
      if (current()) set({ trendsLoading: false, trendsBelowLoading: false });
    }
  },
  setTrendsFilters: (patch) => {
    set((s) => ({ trendsFilters: { ...s.trendsFilters, ...patch } }));
    void get().loadTrends(false);
  },
  setTrendsBy: (by) => {
    set({ trendsBy: by });
    void get().loadTrends(false);
  },
});
