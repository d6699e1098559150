import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Cell, Legend, Pie, PieChart, Tooltip } from 'recharts';
import { ChartLegend } from './ChartLegend';
import type { AgreementReport } from '../../../../shared/api/reports';
import { ChartPanel } from './ChartPanel';
import { DataTable, type Column } from './DataTable';
import { seriesColor, useChartTheme } from './chartTheme';
import { formatCount, formatPercent } from './format';

type Mismatch = AgreementReport['mismatches'][number];
const columnsFor = (t: TFunction): Column<Mismatch>[] => [
  { header: t('trends.columns.statedAtDeparture'), csv: (m) => m.stated },
  { header: t('trends.columns.diagnosedOnCall'), csv: (m) => m.diagnosed },
  { header: t('trends.columns.calls'), csv: (m) => m.calls, cell: (m) => formatCount(m.calls), numeric: true },
];

/** How often the reason verified on the call is the one stated when the customer left. */
export function AgreementPanel({ agreement }: { agreement: AgreementReport }) {
  const { t } = useTranslation();
  const theme = useChartTheme();
  const parts = [
    { name: t('trends.agreement.same'), value: agreement.agreed },
    { name: t('trends.agreement.sameCategory'), value: agreement.categoryAgreed - agreement.agreed },
    { name: t('trends.agreement.otherCategory'), value: agreement.compared - agreement.categoryAgreed },
  ];
  const words =
    agreement.compared === 0
      ? t('trends.agreement.none')
      : t('trends.agreement.words', { calls: formatCount(agreement.compared), rate: formatPercent(agreement.rate), categoryRate: formatPercent(agreement.categoryRate) });
  return (
    <ChartPanel
      id="agreement"
      title={t('trends.agreement.title')}
      summary={t('trends.agreement.summary', { words })}
      note={
        <p>
          {words}
          {agreement.notComparable > 0 && ` ${t('trends.agreement.notComparable', { count: agreement.notComparable })}`}
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
          <Legend wrapperStyle={{ color: theme.text, fontSize: 12 }} content={ChartLegend} />
        </PieChart>
      }
      table={<DataTable caption={t('trends.agreement.caption')} columns={columnsFor(t)} rows={agreement.mismatches} rowKey={(m) => `${m.statedReasonId}|${m.diagnosedReasonId}`} empty={t('trends.agreement.empty')} />}
    />
  );
}
