import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/api';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { Field } from '../../components/Field';
import { HandAssignment } from './HandAssignment';

type Load = ChannelOutput<'assignment.overview'>;

/** Manager: who has which customers this cycle, by rule or by hand. Executives' handfuls are capped. */
export function AssignmentSection() {
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const [cycles, setCycles] = useState<{ id: string; name: string }[]>([]);
  const [cycleId, setCycleId] = useState('');
  const [load, setLoad] = useState<Load>([]);
  const [count, setCount] = useState(10);
  const [role, setRole] = useState<'executive' | 'agent'>('executive');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api()
      .call('queue.filters', {})
      .then((f) => {
        setCycles(f.cycles);
        setCycleId((c) => c || f.cycles[0]?.id || '');
      })
      .catch(reportError);
  }, [reportError]);

  const refresh = useCallback(() => {
    if (!cycleId) return;
    api().call('assignment.overview', { cycleId }).then(setLoad).catch(reportError);
  }, [cycleId, reportError]);
  useEffect(refresh, [refresh]);

  const run = (p: Promise<string>) => {
    setBusy(true);
    p.then((message) => notify('info', message, 'assignment'))
      .then(refresh)
      .catch(reportError)
      .finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby="assignment-title" className="admin-section">
      <h2 id="assignment-title">Assignment</h2>
      {cycles.length === 0 ? (
        <p>No cycles yet: import departed customers first.</p>
      ) : (
        <>
          <Field label="Cycle">
            {(id) => (
              <select id={id} value={cycleId} onChange={(e) => setCycleId(e.target.value)}>
                {cycles.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <table>
            <caption>Assigned this cycle</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                <th scope="col">Customers</th>
              </tr>
            </thead>
            <tbody>
              {load.map((p) => (
                <tr key={p.personId}>
                  <td>{p.name}</td>
                  <td>{p.role === 'executive' ? 'Executive' : 'Recovery agent'}</td>
                  <td>{p.cap === null ? p.assigned : `${p.assigned} of ${p.cap}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form
            className="row"
            aria-label="Assign by rule"
            onSubmit={(e) => {
              e.preventDefault();
              run(
                api()
                  .call('assignment.byRule', { cycleId, role, count })
                  .then((r) => `Assigned ${r.assigned} customers.${r.shortBecause ? ` ${r.shortBecause}` : ''}`),
              );
            }}
          >
            <Field label="Assign the highest-value unassigned customers">
              {(id) => (
                <input
                  id={id}
                  type="number"
                  min={1}
                  max={5000}
                  value={count}
                  onChange={(e) => setCount(Math.max(1, Number(e.target.value) || 1))}
                />
              )}
            </Field>
            <Field label="to the">
              {(id) => (
                <select id={id} value={role} onChange={(e) => setRole(e.target.value as 'executive' | 'agent')}>
                  <option value="executive">executives</option>
                  <option value="agent">recovery agents</option>
                </select>
              )}
            </Field>
            <button type="submit" className="primary" disabled={busy}>
              Assign by rule
            </button>
          </form>
          <HandAssignment cycleId={cycleId} people={load} onAssigned={refresh} />
        </>
      )}
    </section>
  );
}
