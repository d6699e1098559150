import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Offer } from '../../../../shared/api/call';
import { answerFor, offerClosedProblem, setOfferAnswer, type CallState, type OfferAnswer } from '../../../../shared/domain/callMachine';
import type { OfferOnCall } from './model';
import { offerTermsText } from '../playbook/playbookWords';
import { problemInWords } from './words';
import type { ChangeCall } from './types';
import { WhatChangedNote } from '../outreach/WhatChangedNote';

/** While the Offer stage is closed: why, and where to record a reason to skip straight to it. */
export function OfferGate({ state, onChange }: { state: CallState; onChange: ChangeCall }) {
  const { t } = useTranslation();
  const id = useId();
  const closed = offerClosedProblem(state);
  const skipping = state.offer.skippedBecause !== '';
  if (!closed && !skipping) return null;
  return (
    <div className="offer-gate">
      {closed && <p className="muted">{problemInWords(t, closed)}</p>}
      <label htmlFor={id}>{t('call.offer.skipReason')}</label>
      <input
        id={id}
        type="text"
        value={state.offer.skippedBecause}
        placeholder={t('call.offer.skipPlaceholder')}
        onChange={(e) => {
          const skippedBecause = e.target.value;
          onChange((s) => ({ ...s, offer: { ...s.offer, skippedBecause } }));
        }}
      />
    </div>
  );
}

/** "Not offered" first: it is where every offer starts, and arrow keys move on from it. */
const ANSWER_ORDER: readonly OfferAnswer[] = ['not_offered', 'accepted', 'considering', 'declined'];

export interface OfferStageProps {
  state: CallState;
  guidance: string;
  offers: OfferOnCall[];
  playbook: Offer[];
  onChange: ChangeCall;
}

export function OfferStage({ state, guidance, offers, playbook, onChange }: OfferStageProps) {
  const { t } = useTranslation();
  const id = useId();
  const more = playbook.filter((o) => !o.retired && !offers.some((l) => l.offer.id === o.id));
  return (
    <>
      <WhatChangedNote customerId={state.customerId} />
      <p className="guidance way-back">{guidance}</p>
      {offers.length === 0 ? (
        <p className="muted">{t('call.offer.none')}</p>
      ) : (
        <ol aria-label={t('call.offer.list')} className="offers">
          {offers.map(({ offer, why }) => (
            <li key={offer.id} className="offer">
              <h3>{offer.name}</h3>
              <p className="offer-terms">
                {offerTermsText(t, offer)}
                {offer.generatesCode ? t('call.offer.code') : ''}
                {offer.retired ? t('call.offer.retired') : ''}
              </p>
              {offer.talkingPoints && <p>{offer.talkingPoints}</p>}
              <p className="why">{why}</p>
              <fieldset className="answers">
                <legend>{t('call.offer.answerTo', { name: offer.name })}</legend>
                {ANSWER_ORDER.map((a) => (
                  <label key={a} className="radio">
                    <input
                      type="radio"
                      name={`${id}-${offer.id}`}
                      checked={answerFor(state, offer.id) === a}
                      onChange={() => onChange((s) => setOfferAnswer(s, offer.id, a))}
                    />
                    {t(`call.offerAnswers.${a}`)}
                  </label>
                ))}
              </fieldset>
            </li>
          ))}
        </ol>
      )}
      {more.length > 0 && (
        <div>
          <label htmlFor={`${id}-more`}>{t('call.offer.another')}</label>
          <select
            id={`${id}-more`}
            value=""
            onChange={(e) => {
              const offerId = e.target.value;
              if (offerId) onChange((s) => setOfferAnswer(s, offerId, 'not_offered'));
            }}
          >
            <option value="">{t('call.offer.add')}</option>
            {more.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <label htmlFor={`${id}-note`}>{t('call.offer.note')}</label>
      <textarea
        id={`${id}-note`}
        rows={2}
        value={state.offer.note}
        onChange={(e) => {
          const note = e.target.value;
          onChange((s) => ({ ...s, offer: { ...s.offer, note } }));
        }}
      />
    </>
  );
}
