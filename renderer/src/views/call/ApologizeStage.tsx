import { useId } from 'react';
import type { CallState } from '../../../../shared/domain/callMachine';
import type { ChangeCall } from './types';
import { WhatChangedNote } from '../outreach/WhatChangedNote';

export function ApologizeStage({ state, guidance, onChange }: { state: CallState; guidance: string; onChange: ChangeCall }) {
  const id = useId();
  return (
    <>
      <WhatChangedNote customerId={state.customerId} />
      <p className="guidance">
        <span className="guidance-label">Suggested wording: </span>
        {guidance}
      </p>
      <label htmlFor={id}>Apology note</label>
      <textarea
        id={id}
        rows={2}
        value={state.apologize.note}
        onChange={(e) => {
          const note = e.target.value;
          onChange((s) => ({ ...s, apologize: { note } }));
        }}
      />
    </>
  );
}
