import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { outcomeAllowed, type CallState } from '../../../../shared/domain/callMachine';
import { OUTCOMES, type Outcome } from '../../../../shared/domain/outcomes';
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
  const { t } = useTranslation();
  const id = useId();
  const locked = OUTCOMES.filter((o) => !outcomeAllowed(state, o).ok);
  return (
    <fieldset className="outcome">
      <legend>{t('call.outcome.legend')}</legend>
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
            {t(`call.outcomes.${o}`)}
            <kbd aria-hidden="true">{t('call.shortcuts.altKeys', { key: String(i + 1) })}</kbd>
          </label>
        );
      })}
      {locked.length > 0 && (
        <p id={`${id}-locked`} className="hint">
          {t('call.outcome.locked', { outcomes: locked.map((o) => t(`call.outcomes.${o}`)).join(', ') })}
        </p>
      )}
      {state.outcome === 'considering' && (
        <div>
          <label htmlFor={`${id}-until`}>{t('call.outcome.until')}</label>
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
          <label htmlFor={`${id}-callback`}>{t('call.outcome.callback')}</label>
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
            {t('call.outcome.timeZone', { zone: timeZone })}
          </span>
        </div>
      )}
    </fieldset>
  );
}
