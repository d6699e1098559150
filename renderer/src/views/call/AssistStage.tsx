import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSIST_ACTIONS, toggleAssistAction, type CallState } from '../../../../shared/domain/callMachine';
import type { ChangeCall } from './types';

export function AssistStage({ state, guidance, onChange }: { state: CallState; guidance: string; onChange: ChangeCall }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <p className="guidance">{guidance}</p>
      <fieldset className="checks">
        <legend>{t('call.assist.done')}</legend>
        {ASSIST_ACTIONS.map((a) => (
          <label key={a} className="checkbox">
            <input type="checkbox" checked={state.assist.actions.includes(a)} onChange={() => onChange((s) => toggleAssistAction(s, a))} />
            {t(`call.assistActions.${a}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={id}>{t('call.assist.note')}</label>
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
