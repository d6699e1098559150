import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallState } from '../../../../shared/domain/callMachine';
import type { ChangeCall } from './types';

/** What the rep or team who served the customer should hear; recorded at any stage. */
export function FrontlineFeedback({ state, onChange }: { state: CallState; onChange: ChangeCall }) {
  const { t } = useTranslation();
  const id = useId();
  const f = state.feedback;
  const who = [f.rep.trim(), f.team.trim()].filter(Boolean).join(', ');
  const set = (patch: Partial<CallState['feedback']>) => onChange((s) => ({ ...s, feedback: { ...s.feedback, ...patch } }));
  return (
    <section aria-labelledby={`${id}-h`} className="feedback">
      <h2 id={`${id}-h`}>{t('call.feedback.title')}</h2>
      <p className="muted">{who ? t('call.feedback.forWho', { who }) : t('call.feedback.nobody')}</p>
      <label htmlFor={`${id}-text`} className="sr-only">
        {t('call.feedback.title')}
      </label>
      <textarea id={`${id}-text`} rows={3} value={f.text} onChange={(e) => set({ text: e.target.value })} placeholder={t('call.feedback.placeholder')} />
      <div className="field-row">
        <div>
          <label htmlFor={`${id}-rep`}>{t('call.feedback.rep')}</label>
          <input id={`${id}-rep`} type="text" value={f.rep} maxLength={200} onChange={(e) => set({ rep: e.target.value })} />
        </div>
        <div>
          <label htmlFor={`${id}-team`}>{t('call.feedback.team')}</label>
          <input id={`${id}-team`} type="text" value={f.team} maxLength={200} onChange={(e) => set({ team: e.target.value })} />
        </div>
      </div>
    </section>
  );
}
