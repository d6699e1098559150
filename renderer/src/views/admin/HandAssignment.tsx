import { useCallback, useEffect, useId, useState } from 'react';
import type { AssignmentPreview } from '../../../../shared/api/assignmentPreview';
import type { QueueItem } from '../../../../shared/api/queue';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { formatMoney } from '../../lib/format';
import { Field } from '../../components/Field';

/** As many as one assignment takes (the contract's limit). */
const MAX_SHOWN = 500;

export interface HandAssignmentProps {
  cycleId: string;
  people: { personId: string; name: string }[];
  /** After an assignment: the per-person counts above change. */
  onAssigned: () => void;
}

function takenWords(p: AssignmentPreview['takenFrom'][number]): string {
  const left = p.cap === null ? `${p.after} left` : `leaving ${p.after} of ${p.cap}`;
  return `${p.count} from ${p.name} (${left})`;
}

/**
 * Assignment by hand: search and filter the cycle's queue, select customers (or every one that
 * matches), and assign them to a person or back to the shared queue. Customers already someone's
 * are not taken silently: the confirmation names how many from whom.
 */
export function HandAssignment({ cycleId, people, onAssigned }: HandAssignmentProps) {
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

  const targetName = target === '' ? 'the shared queue' : (people.find((p) => p.personId === target)?.name ?? 'them');
  const assign = () => {
    const customerIds = [...selected];
    setBusy(true);
    api()
      .call('assignment.assign', { customerIds, personId: target || null })
      .then((r) => {
        notify('info', `${r.assigned} customer${r.assigned === 1 ? '' : 's'} assigned to ${targetName}.`, 'assignment');
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
      <h3 id={`${id}-title`}>By hand</h3>
      <div className="row" role="search" aria-label="Find customers to assign">
        <Field label="Search by name, phone or id">
          {(fid) => <input id={fid} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
        </Field>
        <Field label="Assigned to">
          {(fid) => (
            <select id={fid} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              <option value="">Anyone</option>
              <option value="unassigned">Nobody (shared queue)</option>
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
        {total.toLocaleString()} matching{total > items.length ? `; the first ${items.length.toLocaleString()} are listed` : ''}.
      </p>
      <div className="row">
        <label className="radio">
          <input
            type="checkbox"
            checked={allShown}
            onChange={(e) => setSelected(e.target.checked ? new Set(items.map((i) => i.id)) : new Set())}
          />
          Select all {items.length.toLocaleString()} listed
        </label>
        <Field label="Assign the selected to">
          {(fid) => (
            <select id={fid} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">the shared queue</option>
              {people.map((p) => (
                <option key={p.personId} value={p.personId}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" className="primary" disabled={busy || selected.size === 0} onClick={ask}>
          Assign {selected.size.toLocaleString()} selected
        </button>
      </div>
      {confirm && (
        <div role="alertdialog" aria-labelledby={`${id}-confirm`} className="confirm-box">
          <p id={`${id}-confirm`}>
            This takes {confirm.takenFrom.map(takenWords).join(', ')} and gives {confirm.moving} customer
            {confirm.moving === 1 ? '' : 's'} to {targetName}.
          </p>
          <div className="row">
            <button type="button" className="primary" disabled={busy} onClick={assign}>
              Assign anyway
            </button>
            <button type="button" onClick={() => setConfirm(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <div className="table-scroll">
        <table aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Selected</span>
              </th>
              <th scope="col">Customer</th>
              <th scope="col">Monthly revenue</th>
              <th scope="col">Assigned to</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${c.name ?? c.externalId} (${c.externalId})`}
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
                <td>{c.assignedTo ?? 'shared queue'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
