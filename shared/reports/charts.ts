import type { ReasonsReportRow } from './reasons';

/**
 * The shapes the Trends charts draw, computed once for the screen and the printed report alike.
 */
export interface ParetoPoint {
  key: string;
  reason: string;
  category: string;
  departed: number;
  revenue: number;
  /** This reason's share of all lost revenue, 0..1. */
  share: number;
  /** Running share from the largest reason down, 0..1: where the curve crosses 0.8 is the "vital few". */
  cumulativeShare: number;
}

const rowKey = (r: ReasonsReportRow) => r.reasonId ?? `unmapped:${r.reason.toLowerCase()}`;

/** Reasons by lost revenue, largest first, with each one's running share (periods merged). */
export function paretoByRevenue(rows: readonly ReasonsReportRow[]): ParetoPoint[] {
  const merged = new Map<string, { reason: string; category: string; departed: number; revenue: number }>();
  for (const r of rows) {
    const key = rowKey(r);
    const m = merged.get(key) ?? { reason: r.reason, category: r.category, departed: 0, revenue: 0 };
    m.departed += r.departed;
    m.revenue += r.revenue;
    merged.set(key, m);
  }
  const sorted = [...merged.entries()].sort((a, b) => b[1].revenue - a[1].revenue || a[1].reason.localeCompare(b[1].reason));
  const total = sorted.reduce((sum, [, m]) => sum + m.revenue, 0);
  let running = 0;
  return sorted.map(([key, m]) => {
    running += m.revenue;
    return {
      key,
      reason: m.reason,
      category: m.category,
      departed: m.departed,
      revenue: Math.round(m.revenue * 100) / 100,
      share: total > 0 ? m.revenue / total : 0,
      cumulativeShare: total > 0 ? running / total : 0,
    };
  });
}

export interface TrendSeries {
  /** Periods in order (cycle ids or YYYY-MM). */
  periods: string[];
  /** Categories, largest total first. */
  categories: string[];
  /** value[periodIndex][category] = lost monthly revenue (or departed count). */
  points: { period: string; values: Record<string, number> }[];
}

/** Lost revenue (or departed customers) per category across periods, for trend lines. */
export function trendByCategory(
  rows: readonly ReasonsReportRow[],
  measure: 'revenue' | 'departed' = 'revenue',
  periodOrder?: readonly string[],
): TrendSeries {
  const periods = new Set<string>();
  const totals = new Map<string, number>();
  const cells = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const period = r.period ?? 'none';
    periods.add(period);
    const value = r[measure];
    totals.set(r.category, (totals.get(r.category) ?? 0) + value);
    const byCategory = cells.get(period) ?? new Map<string, number>();
    byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + value);
    cells.set(period, byCategory);
  }
  const order = periodOrder ?? [];
  const rank = (p: string) => {
    const i = order.indexOf(p);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const sortedPeriods = [...periods].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const categories = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
  return {
    periods: sortedPeriods,
    categories,
    points: sortedPeriods.map((period) => {
      const values: Record<string, number> = {};
      for (const c of categories) values[c] = Math.round((cells.get(period)?.get(c) ?? 0) * 100) / 100;
      return { period, values };
    }),
  };
}

export const percent = (share: number, digits = 1): string => `${(share * 100).toFixed(digits)}%`;

/**
 * A value axis of round ticks from 0: the step is 1, 2, 2.5 or 5 times a power of ten, chosen so
 * that `count` steps cover `max` (873 gives 0, 250, 500, 750, 1,000, not 0, 218, 437, 655, 873).
 */
export function niceScale(max: number, count = 4): { max: number; step: number; ticks: number[] } {
  const top = max > 0 && Number.isFinite(max) ? max : 1;
  const rough = top / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s * count >= top - 1e-9) ?? 10 * power);
  const ticks = Array.from({ length: count + 1 }, (_, i) => Math.round(i * step * 1e9) / 1e9);
  return { max: ticks[count] ?? top, step, ticks };
}
