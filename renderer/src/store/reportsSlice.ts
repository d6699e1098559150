import type { AgreementReport, OfferMatrix, RecoveryReport, ReportFilters, ReportOptions } from '../../../shared/api/reports';
import type { ReasonsReport } from '../../../shared/reports/reasons';
import { api } from '../api/client';
import type { Slice } from './types';

export type ReasonBasis = 'stated' | 'diagnosed';

/** What a set of figures was asked for: figures are labelled by these, not by the filters on screen. */
export interface TrendsAsked {
  filters: ReportFilters;
  by: ReasonBasis;
}

export interface TrendsData {
  reasons: ReasonsReport;
  /** The same reasons per cycle, across every cycle: the trend lines. */
  byCycle: ReasonsReport;
  recovery: RecoveryReport;
  matrix: OfferMatrix;
  agreement: AgreementReport;
  asked: TrendsAsked;
}

/** What the first screen of Trends shows: the totals and the Pareto chart. */
export type TrendsHeadline = Pick<TrendsData, 'reasons' | 'recovery' | 'asked'>;

export interface ReportsSlice {
  trendsFilters: ReportFilters;
  trendsBy: ReasonBasis;
  trendsOptions: ReportOptions | null;
  /**
   * The totals and the Pareto chart's figures, which arrive first. While `trendsLoading`, these are
   * the previous filters' figures, still on screen and marked as being updated.
   */
  trendsHeadline: TrendsHeadline | null;
  trendsData: TrendsData | null;
  /** Until the headline figures for the current filters have arrived. */
  trendsLoading: boolean;
  /** Until every other figure for the current filters has arrived. */
  trendsBelowLoading: boolean;
  /** The newest load that asked for the options too, for openTrends to join instead of asking again. */
  trendsOpened: { key: string; at: number; done: Promise<void> } | null;
  /**
   * Asks for every report of the view. What the filters offer (cycles, segments…) is asked too when
   * the view opens (`withOptions`, the default), not on each change of a filter.
   */
  loadTrends: (withOptions?: boolean) => Promise<void>;
  /**
   * Opening Trends: asks for every report, unless the same reports were asked for a moment ago (the
   * pointer resting on, or the focus reaching, the Trends button asks ahead; so does the click,
   * before the view is drawn), in which case that answer is the one awaited.
   */
  openTrends: () => Promise<void>;
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

/** How long an answer asked ahead (hover, focus, the click) still counts as asked on opening. */
export const TRENDS_ASKED_AHEAD_MS = 2000;

let loadSeq = 0;

/** The longest the panels below wait for the headline's frame: a hidden window draws no frames. */
export const HEADLINE_FRAME_WAIT_MS = 250;

/**
 * Resolves once the browser has painted the frame after now (or after HEADLINE_FRAME_WAIT_MS where
 * no frame comes). The panels below are handed to React only then: with every report answered at
 * once, their nine charts' render began before the headline's frame, and Chromium held that frame
 * back for 100 to 200 ms while it ran (a profile of a filter change over 100,000 customers).
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, HEADLINE_FRAME_WAIT_MS);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

const askedKey = (asked: TrendsAsked) => JSON.stringify([asked.by, asked.filters]);

export const createReportsSlice: Slice<ReportsSlice> = (set, get) => ({
  trendsFilters: {},
  trendsBy: 'stated',
  trendsOptions: null,
  trendsHeadline: null,
  trendsData: null,
  trendsLoading: false,
  trendsBelowLoading: false,
  trendsOpened: null,
  loadTrends: (withOptions = true) => {
    const seq = ++loadSeq;
    set({ trendsLoading: true, trendsBelowLoading: true });
    const asked: TrendsAsked = { filters: cleanFilters(get().trendsFilters), by: get().trendsBy };
    const { filters, by } = asked;
    // A slower answer to an older filter must not overwrite a newer one.
    const current = () => seq === loadSeq;
    const done = (async () => {
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
        if (current()) {
          // The same offers keep the same object, so what draws from them is not drawn again.
          const same = known !== null && (options === known || JSON.stringify(options) === JSON.stringify(known));
          set({ trendsOptions: same ? known : options, trendsHeadline: { reasons, recovery, asked }, trendsLoading: false });
        }
        const [byCycle, matrix, agreement] = await rest;
        // The headline's frame first, then the panels below (see afterNextPaint).
        if (current()) await afterNextPaint();
        if (current()) set({ trendsData: { reasons, byCycle, recovery, matrix, agreement, asked } });
      } catch (error) {
        get().reportError(error);
      } finally {
        if (current()) set({ trendsLoading: false, trendsBelowLoading: false });
      }
    })();
    if (withOptions) set({ trendsOpened: { key: askedKey(asked), at: Date.now(), done } });
    return done;
  },
  openTrends: () => {
    const key = askedKey({ filters: cleanFilters(get().trendsFilters), by: get().trendsBy });
    const opened = get().trendsOpened;
    if (opened && opened.key === key && Date.now() - opened.at < TRENDS_ASKED_AHEAD_MS) return opened.done;
    return get().loadTrends(true);
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
