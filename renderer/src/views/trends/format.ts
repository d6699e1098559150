/**
 * The Trends view's figures in the person's locale and the organisation's currency: the console's
 * formatters (renderer/src/lib/format.ts), under the names the panels have always used.
 */
export { formatCompactMoney, formatCount, formatPercent, formatSignedPoints, formatMoney as formatRevenue } from '../../lib/format';
