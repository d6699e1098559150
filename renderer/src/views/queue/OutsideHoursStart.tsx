import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A call outside the customer's calling hours, where the manager's policy allows one: it asks why,
 * and the reason is recorded with the call (who, when, why).
 */
export function OutsideHoursStart({ onStart }: { onStart: (reason: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" id="card-primary" onClick={() => setOpen(true)}>
        {t('queue.outsideHours.open')}
      </button>
    );
  }
  return (
    <form
      className="outside-hours"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim().length < 3) {
          setProblem(t('queue.outsideHours.reasonMissing'));
          return;
        }
        onStart(reason.trim());
      }}
    >
      <label htmlFor={`${id}-reason`}>{t('queue.outsideHours.reason')}</label>
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
          {t('queue.outsideHours.start')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('queue.outsideHours.cancel')}
        </button>
      </div>
    </form>
  );
}
