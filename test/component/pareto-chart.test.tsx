import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ParetoPanel } from '../../renderer/src/views/trends/ParetoPanel';
import { labelLines, PARETO_WIDTH } from '../../renderer/src/views/trends/ParetoChart';
import type { ReasonsReportRow } from '../../shared/reports/reasons';

/*
 * The Pareto chart is drawn as plain SVG (no recharts): each bar, dot and tick is placed from the
 * figures alone. These check that what it draws is exactly the table beside it.
 */

const row = (i: number, revenue: number): ReasonsReportRow => ({
  categoryId: 'price',
  category: 'Price / value for money',
  reasonId: `price.r${i}`,
  reason: `Reason number ${i}`,
  departed: 1,
  revenue,
  calls: 0,
  recovered: 0,
  recoveryRate: 0,
  recoveredRevenue: 0,
});

// 14 reasons, 873 the largest: the axis runs to 1,000 in steps of 250; the chart shows the first 12.
const REVENUES = [873, 610, 402.5, 300, 250, 120, 99.99, 80, 50, 40, 30, 20, 10, 5];
const rows = REVENUES.map((r, i) => row(i + 1, r)).reverse();

const plot = { left: 8 + 180, right: PARETO_WIDTH - 24 };

describe('the Pareto chart', () => {
  it('draws the twelve largest reasons, largest first, each bar as long as its revenue on a round axis', () => {
    const { container } = render(<ParetoPanel rows={rows} by="stated" />);
    const bars = [...container.querySelectorAll<SVGRectElement>('figure .pareto-bar')];
    expect(bars.map((b) => Number(b.getAttribute('data-value')))).toEqual(REVENUES.slice(0, 12));
    const width = plot.right - plot.left;
    for (const [i, bar] of bars.entries()) {
      expect(Number(bar.getAttribute('x'))).toBe(plot.left);
      expect(Number(bar.getAttribute('width'))).toBeCloseTo((width * (REVENUES[i] ?? 0)) / 1000, 6);
      expect(bar.querySelector('title')?.textContent).toContain(`Reason number ${i + 1}:`);
    }
    // Each bar on its own row, top to bottom.
    const ys = bars.map((b) => Number(b.getAttribute('y')));
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(new Set(ys).size).toBe(12);
    const ticks = [...container.querySelectorAll('.pareto-axis-revenue text')].map((t) => t.textContent);
    expect(ticks).toEqual(['$0', '$250', '$500', '$750', '$1K']);
    const shares = [...container.querySelectorAll('.pareto-axis-share text')].map((t) => t.textContent);
    expect(shares).toEqual(['0.0%', '25.0%', '50.0%', '75.0%', '100.0%']);
  });

  it('puts the running share of the same figures as the table on its line', () => {
    const { container } = render(<ParetoPanel rows={rows} by="stated" />);
    const total = REVENUES.reduce((a, b) => a + b, 0);
    const dots = [...container.querySelectorAll('.pareto-dots circle')].map((c) => Number(c.getAttribute('cx')));
    let running = 0;
    const expected = REVENUES.slice(0, 12).map((r) => {
      running += r;
      return plot.left + ((plot.right - plot.left) * running) / total;
    });
    expect(dots).toHaveLength(12);
    dots.forEach((cx, i) => expect(cx).toBeCloseTo(expected[i] ?? 0, 6));
    // The table beside it lists every reason with the same running share.
    const table = screen.getByRole('table', { name: 'Reasons by lost monthly revenue' });
    const cumulative = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((tr) => within(tr).getAllByRole('cell')[5]?.textContent);
    expect(cumulative).toHaveLength(14);
    expect(cumulative[11]).toBe(`${(((REVENUES.slice(0, 12).reduce((a, b) => a + b, 0)) / total) * 100).toFixed(1)}%`);
  });

  it('draws nothing but its axes when no customer departed', () => {
    const { container } = render(<ParetoPanel rows={[]} by="stated" />);
    expect(container.querySelectorAll('.pareto-bar')).toHaveLength(0);
    expect(screen.getByRole('img', { name: 'Pareto chart: no departed customers for these filters.' })).toBeInTheDocument();
  });

  it('writes a long reason on two lines, broken between words', () => {
    expect(labelLines('Too expensive')).toEqual(['Too expensive']);
    expect(labelLines('Competitor offered higher speeds at the same price')).toEqual(['Competitor offered higher', 'speeds at the same price']);
    expect(labelLines('Competitor offered higher speeds at the same price and a free router for a year')).toEqual([
      'Competitor offered higher',
      'speeds at the same price…',
    ]);
  });
});
