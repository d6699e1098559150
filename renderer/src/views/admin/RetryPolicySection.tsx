import { useEffect, useId, useState } from 'react';
import { describeWait, parseCadence, type ContactPolicy } from '../../../../shared/domain/contactPolicy';
import { api } from '../../api/client';
import { useAppStore } from '../../store';

export interface RetryPolicyFormProps {
  policy: ContactPolicy;
  busy: boolean;
  onSave: (p: ContactPolicy) => void;
}

/** The retry cadence after No answer, and whether a call may start outside calling hours with a reason. */
export function RetryPolicyForm({ policy, busy, onSave }: RetryPolicyFormProps) {
  const id = useId();
  const [cadence, setCadence] = useState(policy.retryCadenceMinutes.map(describeWait).join(', '));
  const [override, setOverride] = useState(policy.outsideHoursOverride);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = parseCadence(cadence);
        if (!parsed.ok) {
          setProblem(parsed.why);
          document.getElementById(`${id}-cadence`)?.focus();
          return;
        }
        onSave({ retryCadenceMinutes: parsed.minutes, outsideHoursOverride: override });
      }}
    >
      <h3 id={`${id}-title`}>Retries and calls outside hours</h3>
      <label htmlFor={`${id}-cadence`}>Wait after each unanswered call</label>
      <input
        id={`${id}-cadence`}
        type="text"
        value={cadence}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-cadence-hint${problem ? ` ${id}-cadence-problem` : ''}`}
        onChange={(e) => {
          setCadence(e.target.value);
          setProblem(null);
        }}
      />
      <p id={`${id}-cadence-hint`} className="hint">
        For example &quot;2 h, 1 day, 3 days&quot;: the first wait after the first No answer, the next after the second, the last
        for every one after. The queue shows when each customer may be tried again.
      </p>
      {problem && (
        <p id={`${id}-cadence-problem`} className="field-error">
          {problem}
        </p>
      )}
      <label className="radio">
        <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />
        Callers may start a call outside calling hours, saying why (the reason is recorded with the call)
      </label>
      <button type="submit" className="primary" disabled={busy}>
        Save retries and calls outside hours
      </button>
    </form>
  );
}

export function RetryPolicySection() {
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const loadQueue = useAppStore((s) => s.loadQueue);
  const [policy, setPolicy] = useState<ContactPolicy | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api().call('contactPolicy.get', {}).then(setPolicy).catch(reportError);
  }, [reportError]);
  if (!policy) return <p aria-busy="true">Loading…</p>;
  return (
    <RetryPolicyForm
      key={JSON.stringify(policy)}
      policy={policy}
      busy={busy}
      onSave={(next) => {
        setBusy(true);
        api()
          .call('contactPolicy.save', next)
          .then((saved) => {
            setPolicy(saved);
            notify('info', 'Retries and calls outside hours saved.', 'contactPolicy');
            void loadQueue();
          })
          .catch((error: unknown) => reportError(error, 'contactPolicy'))
          .finally(() => setBusy(false));
      }}
    />
  );
}
