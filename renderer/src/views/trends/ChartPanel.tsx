import type { ReactNode } from 'react';

export interface ChartPanelProps {
  id: string;
  title: string;
  /** One sentence saying what the chart shows, for people who cannot see it; the table has the numbers. */
  summary: string;
  chart: ReactNode;
  table: ReactNode;
  note?: ReactNode;
}

/** A chart first, with its numbers as a table next to it. */
export function ChartPanel({ id, title, summary, chart, table, note }: ChartPanelProps) {
  return (
    <section className="chart-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {note}
      <div className="chart-and-table">
        <figure className="chart" role="img" aria-label={summary}>
          {chart}
        </figure>
        {table}
      </div>
    </section>
  );
}
