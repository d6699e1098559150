import { useId, useState } from 'react';

/**
 * A call outside the customer's calling hours, where the manager's policy allows one: it asks why,
 * and the reason is recorded with the call (who, when, why).
 */
export function OutsideHoursStart({ onStart }: { onStart: (reason: string) => void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" id="card-primary" onClick={() => setOpen(true)}>
        Call outside hours…
      </button>
    );
  }
  return (
    <form
      className="outside-hours"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim().length < 3) {
          setProblem('Say why this customer is called outside their calling hours.');
          return;
        }
        onStart(reason.trim());
      }}
    >
      <label htmlFor={`${id}-reason`}>Why call outside their calling hours?</label>
      <input
        id={`${id}-reason`}
        type="text"
        maxLength={500}
        autoFocus
        value={reason}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setProblem(null);
        }}
      />
      {problem && (
        <p id={`${id}-problem`} className="field-error">
          {problem}
        </p>
      )}
      <div className="card-actions">
        <button type="submit" className="primary">
          Start call outside hours
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
