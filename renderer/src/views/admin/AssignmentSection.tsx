import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/api';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { Field } from '../../components/Field';
import { HandAssignment } from './HandAssignment';
import { formatCount } from '../../lib/format';

type Load = ChannelOutput<'assignment.overview'>;

/** Manager: who has which customers this cycle, by rule or by hand. Executives' handfuls are capped. */
export function AssignmentSection() {
  const { t } = useTranslation();
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
      <h2 id="assignment-title">{t('admin.sections.assignment')}</h2>
      {cycles.length === 0 ? (
        <p>{t('admin.noCycles')}</p>
      ) : (
        <>
          <Field label={t('admin.cycle')}>
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
            <caption>{t('admin.assignment.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.assignment.person')}</th>
                <th scope="col">{t('admin.people.role')}</th>
                <th scope="col">{t('admin.customers')}</th>
              </tr>
            </thead>
            <tbody>
              {load.map((p) => (
                <tr key={p.personId}>
                  <td>{p.name}</td>
                  <td>{t(`role.${p.role === 'executive' ? 'executive' : 'agent'}`)}</td>
                  <td>{p.cap === null ? formatCount(p.assigned) : t('admin.assignment.ofCap', { assigned: formatCount(p.assigned), cap: formatCount(p.cap) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form
            className="row"
            aria-label={t('admin.assignment.byRule')}
            onSubmit={(e) => {
              e.preventDefault();
              run(
                api()
                  .call('assignment.byRule', { cycleId, role, count })
                  .then((r) => `${t('admin.assignment.assigned', { count: r.assigned, total: formatCount(r.assigned) })}${r.shortBecause ? ` ${r.shortBecause}` : ''}`),
              );
            }}
          >
            <Field label={t('admin.assignment.highest')}>
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
            <Field label={t('admin.assignment.toThe')}>
              {(id) => (
                <select id={id} value={role} onChange={(e) => setRole(e.target.value as 'executive' | 'agent')}>
                  <option value="executive">{t('admin.assignment.executives')}</option>
                  <option value="agent">{t('admin.assignment.agents')}</option>
                </select>
              )}
            </Field>
            <button type="submit" className="primary" disabled={busy}>
              {t('admin.assignment.byRule')}
            </button>
          </form>
          <HandAssignment cycleId={cycleId} people={load} onAssigned={refresh} />
        </>
      )}
    </section>
  );
}
