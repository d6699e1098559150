import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/api';
import type { CycleSummary } from '../../../../shared/api/queue';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { formatMoney } from '../../lib/format';
import { Field } from '../../components/Field';

type CycleList = ChannelOutput<'cycles.list'>;

function GroupTable({ caption, rows, labelHead }: { caption: string; labelHead: string; rows: CycleSummary['bySegment'] }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{labelHead}</th>
          <th scope="col">Customers</th>
          <th scope="col">Monthly revenue</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <td>{r.label || '—'}</td>
            <td>{r.customers.toLocaleString()}</td>
            <td>{formatMoney(r.revenue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One recovery cycle: what departed, by segment and stated reason, and how the recovery is going. */
export function CycleSummaryView({ summary }: { summary: CycleSummary }) {
  const facts: [string, string][] = [
    ['Departed customers', summary.departed.toLocaleString()],
    ['Monthly revenue lost', formatMoney(summary.revenue)],
    ['In the queue', summary.queued.toLocaleString()],
    ['Called', summary.called.toLocaleString()],
    ['Recovered', summary.recovered.toLocaleString()],
    ['No contact details', summary.noContact.toLocaleString()],
    ['Unmapped stated reasons', summary.unmapped.toLocaleString()],
  ];
  return (
    <div className="cycle-summary">
      <dl className="counts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <GroupTable caption="By segment" labelHead="Segment" rows={summary.bySegment} />
      {summary.byValueBand.some((g) => g.label !== '') && (
        <GroupTable caption="By value band" labelHead="Value band" rows={summary.byValueBand} />
      )}
      <table>
        <caption>By stated reason</caption>
        <thead>
          <tr>
            <th scope="col">Stated reason</th>
            <th scope="col">Category</th>
            <th scope="col">Customers</th>
            <th scope="col">Monthly revenue</th>
          </tr>
        </thead>
        <tbody>
          {summary.byReason.map((r) => (
            <tr key={`${r.mapped ? 'm' : 'u'}:${r.label}`}>
              <td>{r.label || '—'}</td>
              <td>{r.mapped ? r.category : 'unmapped'}</td>
              <td>{r.customers.toLocaleString()}</td>
              <td>{formatMoney(r.revenue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CyclesSection() {
  const reportError = useAppStore((s) => s.reportError);
  const [cycles, setCycles] = useState<CycleList | null>(null);
  const [cycleId, setCycleId] = useState('');
  const [summary, setSummary] = useState<CycleSummary | null>(null);
  useEffect(() => {
    api()
      .call('cycles.list', {})
      .then((list) => {
        setCycles(list);
        setCycleId((current) => current || list[0]?.id || '');
      })
      .catch(reportError);
  }, [reportError]);
  useEffect(() => {
    if (!cycleId) return;
    setSummary(null);
    api().call('cycles.summary', { cycleId }).then(setSummary).catch(reportError);
  }, [cycleId, reportError]);
  return (
    <section aria-labelledby="cycles-title" className="admin-section">
      <h2 id="cycles-title">Recovery cycles</h2>
      {cycles && cycles.length === 0 && <p>No cycles yet: import departed customers first.</p>}
      {cycles && cycles.length > 0 && (
        <Field label="Cycle">
          {(id) => (
            <select id={id} value={cycleId} onChange={(e) => setCycleId(e.target.value)}>
              {cycles.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.departed.toLocaleString()} departed)
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {summary && <CycleSummaryView summary={summary} />}
    </section>
  );
}
