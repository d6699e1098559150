import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CareItem } from '../../../../shared/api/care';
import { Day } from './Day';

export interface DepartedFormProps {
  item: CareItem;
  today: string;
  busy: boolean;
  onConfirm: (departedOn: string, note: string) => void;
  onCancel: () => void;
}

/** The manager's "Mark as departed again": when they left, and why if known. */
export function DepartedForm({ item, today, busy, onConfirm, onCancel }: DepartedFormProps) {
  const id = useId();
  const [day, setDay] = useState(today);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const who = item.name ?? item.externalId;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return setError('Give the day they departed.');
    if (day < item.recoveredOn) return setError(`${who} was recovered on ${item.recoveredOn}; they cannot have departed again before.`);
    if (day > today) return setError('That day has not come yet.');
    setError(null);
    onConfirm(day, note);
  };

  return (
    <form className="departed-form" aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
      <h2 id={`${id}-title`}>Mark {who} as departed again</h2>
      <p>
        Recovered <Day day={item.recoveredOn} />. They leave intensive care and count as re-lost, linked to that recovery, its reason and offer.
      </p>
      <div className="field-row">
        <div>
          <label htmlFor={`${id}-day`}>Departed on</label>
          <input ref={first} id={`${id}-day`} type="date" value={day} min={item.recoveredOn} max={today} onChange={(e) => setDay(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${id}-note`}>What happened (optional)</label>
          <input id={`${id}-note`} type="text" value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="care-buttons">
        <button type="submit" className="primary" disabled={busy}>
          Confirm departure
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
