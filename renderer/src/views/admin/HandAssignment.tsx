import { said } from '../../../../shared/i18n/said';
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AssignmentPreview } from '../../../../shared/api/assignmentPreview';
import type { QueueItem } from '../../../../shared/api/queue';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { formatCount, formatMoney } from '../../lib/format';
import { Field } from '../../components/Field';

/** As many as one assignment takes (the contract's limit). */
const MAX_SHOWN = 500;

export interface HandAssignmentProps {
  cycleId: string;
  people: { personId: string; name: string }[];
  /** After an assignment: the per-person counts above change. */
  onAssigned: () => void;
}

function takenWords(t: TFunction, p: AssignmentPreview['takenFrom'][number]): string {
  const left = p.cap === null ? t('admin.hand.left', { after: formatCount(p.after) }) : t('admin.hand.leaving', { after: formatCount(p.after), cap: formatCount(p.cap) });
  return t('admin.hand.taken', { count: formatCount(p.count), name: p.name, left });
}

/**
 * Assignment by hand: search and filter the cycle's queue, select customers (or every one that
 * matches), and assign them to a person or back to the shared queue. Customers already someone's
 * are not taken silently: the confirmation names how many from whom.
 */
export function HandAssignment({ cycleId, people, onAssigned }: HandAssignmentProps) {
  const { t } = useTranslation();
  const id = useId();
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const [search, setSearch] = useState('');
  const [assignee, setAssignee] = useState('');
  const [items, setItems] = useState<QueueItem[]>([]);
  const [total, setTotal] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [target, setTarget] = useState('');
  const [confirm, setConfirm] = useState<AssignmentPreview | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api()
      .call('queue.list', { cycleId, search: search || undefined, assignee: assignee || undefined, limit: MAX_SHOWN })
      .then((r) => {
        setItems(r.items);
        setTotal(r.total);
        setSelected((s) => new Set([...s].filter((x) => r.items.some((i) => i.id === x))));
      })
      .catch(reportError);
  }, [cycleId, search, assignee, reportError]);
  useEffect(load, [load]);

  const targetName = target === '' ? t('admin.hand.sharedQueue') : (people.find((p) => p.personId === target)?.name ?? t('admin.hand.them'));
  const assign = () => {
    const customerIds = [...selected];
    setBusy(true);
    api()
      .call('assignment.assign', { customerIds, personId: target || null })
      .then((r) => {
        notify('info', said('admin.hand.assigned', { count: r.assigned, total: r.assigned, target: targetName }), 'assignment');
        setSelected(new Set());
        setConfirm(null);
        load();
        onAssigned();
      })
      .catch((error: unknown) => reportError(error, 'assignment'))
      .finally(() => setBusy(false));
  };
  const ask = () => {
    setBusy(true);
    api()
      .call('assignment.preview', { customerIds: [...selected], personId: target || null })
      .then((preview) => {
        setBusy(false);
        if (preview.takenFrom.length > 0) setConfirm(preview);
        else assign();
      })
      .catch((error: unknown) => {
        setBusy(false);
        reportError(error, 'assignment');
      });
  };

  const allShown = items.length > 0 && items.every((i) => selected.has(i.id));
  return (
    <div className="hand-assignment">
      <h3 id={`${id}-title`}>{t('admin.hand.title')}</h3>
      <div className="row" role="search" aria-label={t('admin.hand.find')}>
        <Field label={t('admin.hand.search')}>
          {(fid) => <input id={fid} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
        </Field>
        <Field label={t('admin.hand.assignedTo')}>
          {(fid) => (
            <select id={fid} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              <option value="">{t('admin.hand.anyone')}</option>
              <option value="unassigned">{t('admin.hand.nobody')}</option>
              {people.map((p) => (
                <option key={p.personId} value={p.personId}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p className="muted" aria-live="polite">
        {total > items.length ? t('admin.hand.matchingFirst', { total: formatCount(total), listed: formatCount(items.length) }) : t('admin.hand.matching', { total: formatCount(total) })}
      </p>
      <div className="row">
        <label className="radio">
          <input
            type="checkbox"
            checked={allShown}
            onChange={(e) => setSelected(e.target.checked ? new Set(items.map((i) => i.id)) : new Set())}
          />
          {t('admin.hand.selectAll', { count: items.length, total: formatCount(items.length) })}
        </label>
        <Field label={t('admin.hand.assignTo')}>
          {(fid) => (
            <select id={fid} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">{t('admin.hand.sharedQueue')}</option>
              {people.map((p) => (
                <option key={p.personId} value={p.personId}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" className="primary" disabled={busy || selected.size === 0} onClick={ask}>
          {t('admin.hand.assign', { count: selected.size, total: formatCount(selected.size) })}
        </button>
      </div>
      {confirm && (
        <div role="alertdialog" aria-labelledby={`${id}-confirm`} className="confirm-box">
          <p id={`${id}-confirm`}>
            {t('admin.hand.confirm', {
              taken: confirm.takenFrom.map((p) => takenWords(t, p)).join(', '),
              count: confirm.moving,
              total: formatCount(confirm.moving),
              target: targetName,
            })}
          </p>
          <div className="row">
            <button type="button" className="primary" disabled={busy} onClick={assign}>
              {t('admin.hand.anyway')}
            </button>
            <button type="button" onClick={() => setConfirm(null)}>
              {t('admin.cancel')}
            </button>
          </div>
        </div>
      )}
      <div className="table-scroll">
        <table aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">{t('admin.hand.selected')}</span>
              </th>
              <th scope="col">{t('admin.hand.customer')}</th>
              <th scope="col">{t('admin.monthlyRevenue')}</th>
              <th scope="col">{t('admin.hand.assignedTo')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('admin.hand.select', { name: c.name ?? c.externalId, id: c.externalId })}
                    checked={selected.has(c.id)}
                    onChange={(e) =>
                      setSelected((s) => {
                        const next = new Set(s);
                        if (e.target.checked) next.add(c.id);
                        else next.delete(c.id);
                        return next;
                      })
                    }
                  />
                </td>
                <td>
                  {c.name ?? c.externalId} <span className="muted">{c.externalId}</span>
                </td>
                <td>{formatMoney(c.monthlyRevenue)}</td>
                <td>{c.assignedTo ?? t('admin.hand.shared')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
