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

export type ReasonBasis = 'stated' | 'diagnosed';

export interface ReportsSlice {
  trendsFilters: ReportFilters;
  trendsBy: ReasonBasis;
  trendsOptions: ReportOptions | null;
  trendsData: TrendsData | null;
  trendsLoading: boolean;
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
  trendsData: null,
  trendsLoading: false,
  loadTrends: async (withOptions = true) => {
    const seq = ++loadSeq;
    set({ trendsLoading: true });
    const filters = cleanFilters(get().trendsFilters);
    const by = get().trendsBy;
    try {
      const client = api();
      const known = get().trendsOptions;
      const [options, reasons, byCycle, recovery, matrix, agreement] = await Promise.all([
        withOptions || known === null ? client.call('reports.options', {}) : known,
        client.call('reports.reasons', { ...filters, by }),
        client.call('reports.reasons', { ...filters, cycle: undefined, by, group: 'cycle' }),
        client.call('reports.recovery', filters),
        client.call('reports.offerMatrix', filters),
        client.call('reports.agreement', filters),
      ]);
      // A slower answer to an older filter must not overwrite a newer one.
      if (seq === loadSeq) set({ trendsOptions: options, trendsData: { reasons, byCycle, recovery, matrix, agreement } });
    } catch (error) {
      get().reportError(error);
    } finally {
      if (seq === loadSeq) set({ trendsLoading: false });
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
