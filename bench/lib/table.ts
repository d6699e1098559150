import type { BenchResult } from '../types';

const fmt = (n: number | null, digits = 3): string => {
  if (n === null || Number.isNaN(n)) return '—';
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toPrecision(digits);
};

/** The results as a plain-text table, one line per figure, widths fitted to the content. */
export function formatTable(results: BenchResult[]): string {
  const rows = [
    ['figure', 'value', 'target', 'baseline', 'ratio', 'result'],
    ...results.map((r) => [
      r.name,
      `${fmt(r.value)} ${r.unit}`,
      r.target === null ? '—' : `${fmt(r.target)} ${r.unit}${r.ratioTarget !== null ? ` (x${fmt(r.ratioTarget, 2)})` : ''}`,
      r.baseline === null ? '—' : `${fmt(r.baseline)} ${r.unit}`,
      r.ratio === null ? '—' : `x${fmt(r.ratio, 2)}`,
      r.pass ? (r.target === null && r.ratioTarget === null ? 'reference' : 'pass') : 'MISSED',
    ]),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length))) ?? [];
  const line = (row: string[]) => row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const notes = results.filter((r) => r.note).map((r) => `  ${r.name}: ${r.note}`);
  return [line(rows[0] ?? []), rule, ...rows.slice(1).map(line), '', ...notes].join('\n');
}
