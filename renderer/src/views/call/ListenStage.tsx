import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallState } from '../../../../shared/domain/callMachine';
import type { ChangeCall } from './types';

export function ListenStage({ state, guidance, onChange, rows = 10 }: { state: CallState; guidance: string; onChange: ChangeCall; rows?: number }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <p className="guidance">{guidance}</p>
      <label htmlFor={id}>{t('call.listen.words')}</label>
      <textarea
        id={id}
        className="words"
        rows={rows}
        value={state.listen.words}
        spellCheck
        onChange={(e) => {
          const words = e.target.value;
          onChange((s) => ({ ...s, listen: { words } }));
        }}
      />
    </>
  );
}
