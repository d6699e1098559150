import { useId } from 'react';
import { ASSIST_ACTIONS, ASSIST_ACTION_LABELS, toggleAssistAction, type CallState } from '../../../../shared/domain/callMachine';
import type { ChangeCall } from './types';

export function AssistStage({ state, guidance, onChange }: { state: CallState; guidance: string; onChange: ChangeCall }) {
  const id = useId();
  return (
    <>
      <p className="guidance">{guidance}</p>
      <fieldset className="checks">
        <legend>What was done</legend>
        {ASSIST_ACTIONS.map((a) => (
          <label key={a} className="checkbox">
            <input type="checkbox" checked={state.assist.actions.includes(a)} onChange={() => onChange((s) => toggleAssistAction(s, a))} />
            {ASSIST_ACTION_LABELS[a]}
          </label>
        ))}
      </fieldset>
      <label htmlFor={id}>Assist note</label>
      <textarea
        id={id}
        rows={2}
        value={state.assist.note}
        onChange={(e) => {
          const note = e.target.value;
          onChange((s) => ({ ...s, assist: { ...s.assist, note } }));
        }}
      />
    </>
  );
}
