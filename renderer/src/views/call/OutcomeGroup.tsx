import { useId } from 'react';
import { outcomeAllowed, type CallState } from '../../../../shared/domain/callMachine';
import { OUTCOMES, OUTCOME_LABELS, type Outcome } from '../../../../shared/domain/outcomes';
import type { ChangeCall } from './types';

export interface OutcomeGroupProps {
  state: CallState;
  timeZone: string;
  today: string;
  onOutcome: (o: Outcome) => void;
  onChange: ChangeCall;
}

/** How the call ended. No answer and Wrong number are always there; the answers to an offer open with it. */
export function OutcomeGroup({ state, timeZone, today, onOutcome, onChange }: OutcomeGroupProps) {
  const id = useId();
  const locked = OUTCOMES.filter((o) => !outcomeAllowed(state, o).ok);
  return (
    <fieldset className="outcome">
      <legend>Outcome</legend>
      {OUTCOMES.map((o, i) => {
        const allowed = outcomeAllowed(state, o).ok;
        return (
          <label key={o} className={`radio ${allowed ? '' : 'disabled'}`}>
            <input
              type="radio"
              name={`${id}-outcome`}
              value={o}
              checked={state.outcome === o}
              disabled={!allowed}
              aria-keyshortcuts={`Alt+${i + 1}`}
              aria-describedby={allowed ? undefined : `${id}-locked`}
              onChange={() => onOutcome(o)}
            />
            {OUTCOME_LABELS[o]}
            <kbd aria-hidden="true">Alt+{i + 1}</kbd>
          </label>
        );
      })}
      {locked.length > 0 && (
        <p id={`${id}-locked`} className="hint">
          {locked.map((o) => OUTCOME_LABELS[o]).join(', ')} open with the Offer stage.
        </p>
      )}
      {state.outcome === 'considering' && (
        <div>
          <label htmlFor={`${id}-until`}>End of reactivation period</label>
          <input
            id={`${id}-until`}
            type="date"
            min={today}
            value={state.reactivationUntil ?? ''}
            onChange={(e) => {
              const reactivationUntil = e.target.value || null;
              onChange((s) => ({ ...s, reactivationUntil }));
            }}
          />
        </div>
      )}
      {state.outcome === 'callback' && (
        <div>
          <label htmlFor={`${id}-callback`}>Callback date and time (customer&apos;s local time)</label>
          <input
            id={`${id}-callback`}
            type="datetime-local"
            min={`${today}T00:00`}
            value={state.callbackLocal ?? ''}
            aria-describedby={`${id}-tz`}
            onChange={(e) => {
              const callbackLocal = e.target.value.slice(0, 16) || null;
              onChange((s) => ({ ...s, callbackLocal }));
            }}
          />
          <span id={`${id}-tz`} className="hint">
            In {timeZone}, as agreed with the customer.
          </span>
        </div>
      )}
    </fieldset>
  );
}
