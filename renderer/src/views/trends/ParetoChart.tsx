import { scaleBand, scaleLinear } from 'd3-scale';
import { line as lineThrough } from 'd3-shape';
import { niceScale } from '../../../../shared/reports/charts';
import { seriesColor, type ChartTheme } from './chartTheme';

/*
 * The Pareto chart drawn from d3's scales and line generator, with React writing the SVG, rather than
 * through recharts. It is the chart on the first screen of Trends, drawn on every click and every
 * filter: recharts measured each tick label in the document, ran its own store and effects, and drew
 * three or four elements per bar, which made it most of the time from the figures' arrival to the
 * frame (a CPU profile of the page over 100,000 customers). Here d3 places every bar, dot and tick
 * from the figures: nothing is measured, and the chart is one element per bar, dot and tick.
 */

export interface ParetoBar {
  key: string;
  reason: string;
  revenue: number;
  /** Running share from the largest reason down, 0..1. */
  cumulativeShare: number;
}

export interface ParetoChartProps {
  bars: readonly ParetoBar[];
  theme: ChartTheme;
  formatMoneyTick: (value: number) => string;
  formatMoney: (value: number) => string;
  formatShare: (share: number) => string;
  revenueName: string;
  cumulativeName: string;
}

export const PARETO_WIDTH = 500;
const MARGIN = { top: 24, right: 24, bottom: 8, left: 8 };
const LABEL_WIDTH = 180;
const AXIS_HEIGHT = 30;
const ROW = 28;
const FONT = 12;
/** About as many characters as fit in the label column at 12px; longer reasons go on two lines. */
const LINE_CHARS = 26;

/** The height the chart takes for this many bars (as tall as the recharts one it replaced). */
export const paretoHeight = (bars: number): number => Math.max(160, bars * ROW + 60);

/** A reason's label in at most two lines, broken between words; a second line too long ends in "…". */
export function labelLines(text: string, perLine = LINE_CHARS): string[] {
  if (text.length <= perLine) return [text];
  const words = text.split(/\s+/);
  let first = '';
  let i = 0;
  for (; i < words.length; i += 1) {
    const next = first === '' ? (words[i] ?? '') : `${first} ${words[i] ?? ''}`;
    if (next.length > perLine && first !== '') break;
    first = next;
  }
  const rest = words.slice(i).join(' ');
  if (rest === '') return [first];
  return [first, rest.length > perLine ? `${rest.slice(0, perLine - 1).trimEnd()}…` : rest];
}

/** Lost revenue per reason as bars, largest first, and the running share as a line of dots over them. */
export function ParetoChart({ bars, theme, formatMoneyTick, formatMoney, formatShare, revenueName, cumulativeName }: ParetoChartProps) {
  const height = paretoHeight(bars.length);
  const left = MARGIN.left + LABEL_WIDTH;
  const right = PARETO_WIDTH - MARGIN.right;
  const top = MARGIN.top + AXIS_HEIGHT;
  const bottom = height - MARGIN.bottom - AXIS_HEIGHT;
  // Round ticks from 0 (1, 2, 2.5 or 5 times a power of ten), as the printed report draws them.
  const scale = niceScale(Math.max(0, ...bars.map((b) => b.revenue)));
  const x = scaleLinear().domain([0, scale.max]).range([left, right]).clamp(true);
  const xShare = scaleLinear().domain([0, 1]).range([left, right]).clamp(true);
  const rows = scaleBand<number>()
    .domain(bars.map((_, i) => i))
    .range([top, bottom])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const yMid = (i: number) => (rows(i) ?? top) + rows.bandwidth() / 2;
  const barHeight = Math.max(1, rows.bandwidth());
  const line =
    lineThrough<ParetoBar>()
      .x((b) => xShare(b.cumulativeShare))
      .y((_, i) => yMid(i))(bars) ?? '';
  const barColor = seriesColor(theme, 0);
  const lineColor = seriesColor(theme, 3);
  const shares = [0, 0.25, 0.5, 0.75, 1];
  return (
    <svg className="pareto-chart" width={PARETO_WIDTH} height={height} viewBox={`0 0 ${PARETO_WIDTH} ${height}`} fontSize={FONT} aria-hidden="true">
      <g className="pareto-grid" stroke={theme.grid}>
        {scale.ticks.map((t) => (
          <line key={t} x1={x(t)} x2={x(t)} y1={top} y2={bottom} />
        ))}
      </g>
      <g className="pareto-axis-share" fill={theme.muted} textAnchor="middle">
        <line x1={left} x2={right} y1={top} y2={top} stroke={theme.muted} />
        {shares.map((s) => (
          <text key={s} x={xShare(s)} y={top - 8}>
            {formatShare(s)}
          </text>
        ))}
      </g>
      <g className="pareto-axis-revenue" fill={theme.muted} textAnchor="middle">
        <line x1={left} x2={right} y1={bottom} y2={bottom} stroke={theme.muted} />
        {scale.ticks.map((t) => (
          <text key={t} x={x(t)} y={bottom + 18}>
            {formatMoneyTick(t)}
          </text>
        ))}
      </g>
      <g className="pareto-reasons" fill={theme.text} textAnchor="end">
        <line x1={left} x2={left} y1={top} y2={bottom} stroke={theme.muted} />
        {bars.map((b, i) => {
          const lines = labelLines(b.reason);
          return (
            <text key={b.key} x={left - 6} y={yMid(i) - (lines.length - 1) * 7 + 4}>
              {lines.map((l, n) => (
                <tspan key={n} x={left - 6} dy={n === 0 ? 0 : 14}>
                  {l}
                </tspan>
              ))}
            </text>
          );
        })}
      </g>
      <g className="pareto-bars">
        {bars.map((b, i) => (
          <rect key={b.key} className="pareto-bar" fill={barColor} x={left} y={yMid(i) - barHeight / 2} width={x(b.revenue) - left} height={barHeight} data-value={b.revenue}>
            <title>{`${b.reason}: ${revenueName} ${formatMoney(b.revenue)}, ${cumulativeName} ${formatShare(b.cumulativeShare)}`}</title>
          </rect>
        ))}
      </g>
      <path className="pareto-line" d={line} fill="none" stroke={lineColor} strokeWidth={2} />
      <g className="pareto-dots" fill={theme.surface} stroke={lineColor} strokeWidth={2}>
        {bars.map((b, i) => (
          <circle key={b.key} cx={xShare(b.cumulativeShare)} cy={yMid(i)} r={3} />
        ))}
      </g>
    </svg>
  );
}
