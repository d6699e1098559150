import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/api';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { formatMoney } from '../../lib/format';

type Unmapped = ChannelOutput<'reasons.unmapped'>;

export interface UnmappedReasonsTableProps {
  data: Unmapped;
  onMap: (text: string, reasonId: string) => void;
  busy: boolean;
}

/** Stated reasons as the exports wrote them that map to no reason yet, each with a reason to choose. */
export function UnmappedReasonsTable({ data, onMap, busy }: UnmappedReasonsTableProps) {
  const [choice, setChoice] = useState<Record<string, string>>({});
  if (data.texts.length === 0) return <p>Every stated reason maps to a reason of the taxonomy.</p>;
  const categories = [...new Set(data.reasons.map((r) => r.categoryName))];
  return (
    <table>
      <caption>Unmapped stated reasons</caption>
      <thead>
        <tr>
          <th scope="col">Stated reason</th>
          <th scope="col">Customers</th>
          <th scope="col">Monthly revenue</th>
          <th scope="col">Means</th>
          <th scope="col">
            <span className="sr-only">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {data.texts.map((t) => (
          <tr key={t.text}>
            <td>{t.text}</td>
            <td>{t.customers.toLocaleString()}</td>
            <td>{formatMoney(t.revenue)}</td>
            <td>
              <select
                aria-label={`Reason for “${t.text}”`}
                value={choice[t.text] ?? ''}
                onChange={(e) => setChoice({ ...choice, [t.text]: e.target.value })}
              >
                <option value="">— choose a reason —</option>
                {categories.map((c) => (
                  <optgroup key={c} label={c}>
                    {data.reasons
                      .filter((r) => r.categoryName === c)
                      .map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.name}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </td>
            <td>
              <button
                type="button"
                disabled={busy || !choice[t.text]}
                aria-label={`Map “${t.text}”`}
                onClick={() => {
                  const reasonId = choice[t.text];
                  if (reasonId) onMap(t.text, reasonId);
                }}
              >
                Map
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function UnmappedReasonsSection() {
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const [data, setData] = useState<Unmapped | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    api().call('reasons.unmapped', {}).then(setData).catch(reportError);
  }, [reportError]);
  useEffect(load, [load]);
  return (
    <section aria-labelledby="unmapped-title" className="admin-section">
      <h2 id="unmapped-title">Unmapped reasons</h2>
      <p className="muted">
        Mapping a text updates every customer who left with it, the reports and later imports. Customers whose reason is not
        recoverable leave the queue.
      </p>
      {data ? (
        <UnmappedReasonsTable
          data={data}
          busy={busy}
          onMap={(text, reasonId) => {
            setBusy(true);
            api()
              .call('reasons.mapText', { text, reasonId })
              .then((r) => {
                notify('info', `“${text}” mapped for ${r.customers} customers.`);
                load();
              })
              .catch(reportError)
              .finally(() => setBusy(false));
          }}
        />
      ) : (
        <p aria-busy="true">Loading…</p>
      )}
    </section>
  );
}
