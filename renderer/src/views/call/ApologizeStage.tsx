import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallState } from '../../../../shared/domain/callMachine';
import type { ChangeCall } from './types';
import { WhatChangedNote } from '../outreach/WhatChangedNote';

export function ApologizeStage({ state, guidance, onChange }: { state: CallState; guidance: string; onChange: ChangeCall }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <WhatChangedNote customerId={state.customerId} />
      <p className="guidance">
        <span className="guidance-label">{t('call.apologize.suggested')}</span>
        {guidance}
      </p>
      <label htmlFor={id}>{t('call.apologize.note')}</label>
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
