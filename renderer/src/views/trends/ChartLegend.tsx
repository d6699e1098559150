import type { LegendPayload } from 'recharts';

/**
 * A chart's legend: a colour swatch beside each series' name. Recharts' own legend labels each swatch
 * "<name> legend icon", in English whatever the person's language, and a screen reader then says
 * every name twice; here the swatch is decoration and the name, already translated, is said once.
 * Used as `<Legend content={ChartLegend} />`.
 */
export function ChartLegend({ payload }: { payload?: readonly LegendPayload[] }) {
  return (
    <ul className="chart-legend">
      {(payload ?? []).map((entry, i) => (
        <li key={`${entry.value ?? ''}-${i}`} style={{ color: entry.inactive ? undefined : entry.color }}>
          <svg width={12} height={12} viewBox="0 0 12 12" aria-hidden="true" focusable="false">
            <rect width={12} height={12} rx={2} fill={entry.color} />
          </svg>
          <span>{entry.value}</span>
        </li>
      ))}
    </ul>
  );
}
