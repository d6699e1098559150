import { formatMoney } from '../../lib/format';

export const formatPercent = (share: number): string => `${(share * 100).toFixed(1)}%`;
export const formatCount = (n: number): string => n.toLocaleString();
export const formatRevenue = (value: number): string => formatMoney(value);
/** Axis ticks: $1.2k rather than $1,234.56. */
export const formatCompactMoney = (value: number): string =>
  value >= 1000 ? `$${(value / 1000).toFixed(value >= 10_000 ? 0 : 1)}k` : `$${Math.round(value)}`;
