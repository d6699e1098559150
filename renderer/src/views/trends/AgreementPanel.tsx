import { Cell, Legend, Pie, PieChart, Tooltip } from 'recharts';
import type { AgreementReport } from '../../../../shared/api/reports';
import { ChartPanel } from './ChartPanel';
import { DataTable, type Column } from './DataTable';
import { seriesColor, useChartTheme } from './chartTheme';
import { formatCount, formatPercent } from './format';

type Mismatch = AgreementReport['mismatches'][number];
const columns: Column<Mismatch>[] = [
  { header: 'Stated at departure', csv: (m) => m.stated },
  { header: 'Diagnosed on the call', csv: (m) => m.diagnosed },
  { header: 'Calls', csv: (m) => m.calls, cell: (m) => formatCount(m.calls), numeric: true },
];

/** How often the reason verified on the call is the one stated when the customer left. */
export function AgreementPanel({ agreement }: { agreement: AgreementReport }) {
  const theme = useChartTheme();
  const parts = [
    { name: 'Same reason', value: agreement.agreed },
    { name: 'Same category, other reason', value: agreement.categoryAgreed - agreement.agreed },
    { name: 'Different category', value: agreement.compared - agreement.categoryAgreed },
  ];
  const words =
    agreement.compared === 0
      ? 'No diagnosed call can be compared with a stated reason yet.'
      : `On ${formatCount(agreement.compared)} calls the diagnosed reason matched the stated one ${formatPercent(agreement.rate)} of the time (${formatPercent(agreement.categoryRate)} within the same category).`;
  return (
    <ChartPanel
      id="agreement"
      title="Stated versus diagnosed reasons"
      summary={`Donut chart. ${words}`}
      note={
        <p>
          {words}
          {agreement.notComparable > 0 && ` ${formatCount(agreement.notComparable)} diagnosed calls had no mapped stated reason.`}
        </p>
      }
      chart={
        <PieChart width={360} height={240} accessibilityLayer={false}>
          <Pie data={parts} dataKey="value" nameKey="name" innerRadius={55} outerRadius={90} isAnimationActive={false} stroke={theme.surface}>
            {parts.map((p, i) => (
              <Cell key={p.name} fill={seriesColor(theme, [2, 1, 3][i] ?? i)} />
            ))}
          </Pie>
          <Tooltip contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }} />
          <Legend wrapperStyle={{ color: theme.text, fontSize: 12 }} />
        </PieChart>
      }
      table={<DataTable caption="Where the diagnosed reason differs from the stated one" columns={columns} rows={agreement.mismatches} rowKey={(m) => `${m.statedReasonId}|${m.diagnosedReasonId}`} empty="No differences yet." />}
    />
  );
}
