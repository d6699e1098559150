import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentLatest } from '../../../../shared/api/consent';
import { CONSENT_ANSWERS, CONSENT_CHANNELS, type ConsentAnswer, type ConsentChannel } from '../../../../shared/domain/consent';
import { api } from '../../api/client';
import { formatDate } from '../../lib/format';
import { useAppStore } from '../../store';

export interface ConsentQuestionsProps {
  customerId: number;
  callId: string;
  /** The answers given before this call (the latest per channel). */
  latest: ConsentLatest;
  /** Told of every answer saved, with the latest answers it left. */
  onRecorded?: (latest: ConsentLatest) => void;
}

/**
 * Whether the customer agrees to hear from the company again, per channel: the agent reads the
 * question as written and records the answer, which is saved at once with the words, the time and
 * the agent. A "no" goes on the contact-permission ledger straight away.
 */
export function ConsentQuestions({ customerId, callId, latest: initial, onRecorded }: ConsentQuestionsProps) {
  const { t } = useTranslation();
  const id = useId();
  const reportError = useAppStore((s) => s.reportError);
  const [latest, setLatest] = useState(initial);
  const [busy, setBusy] = useState<ConsentChannel | null>(null);
  const record = (channel: ConsentChannel, answer: ConsentAnswer) => {
    setBusy(channel);
    api()
      // The question as the agent read it aloud, in their language: the words the answer is kept with.
      .call('consent.record', { customerId, callId, channel, answer, wording: t(`content.consent.${channel}`) })
      .then((saved) => {
        setLatest(saved);
        onRecorded?.(saved);
      })
      .catch((error: unknown) => reportError(error, 'consent'))
      .finally(() => setBusy(null));
  };
  return (
    <section aria-labelledby={`${id}-title`} className="consent">
      <h2 id={`${id}-title`}>{t('call.consent.title')}</h2>
      {CONSENT_CHANNELS.map((channel) => {
        const now = latest[channel];
        return (
          <fieldset key={channel} disabled={busy === channel}>
            <legend>
              {t('call.consent.question', { channel: t(`call.consent.channels.${channel}`), wording: t(`content.consent.${channel}`) })}
            </legend>
            {CONSENT_ANSWERS.map((answer) => (
              <label key={answer} className="radio">
                <input
                  type="radio"
                  name={`${id}-${channel}`}
                  checked={now?.callId === callId && now.answer === answer}
                  onChange={() => record(channel, answer)}
                />
                {t(`call.consent.answers.${answer}`)}
              </label>
            ))}
            {now && now.callId !== callId && (
              <p className="muted">
                {t('call.consent.last', { answer: t(`call.consent.answersInline.${now.answer}`), date: formatDate(now.at), by: now.by })}
              </p>
            )}
            {now?.callId === callId && now.answer === 'no' && (
              <p className="muted">{t(`call.consent.refused.${channel}`)}</p>
            )}
          </fieldset>
        );
      })}
    </section>
  );
}
