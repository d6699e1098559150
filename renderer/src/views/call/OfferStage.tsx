import { useId } from 'react';
import type { Offer } from '../../../../shared/api/call';
import { answerFor, offerClosedBecause, OFFER_ANSWER_LABELS, setOfferAnswer, type CallState, type OfferAnswer } from '../../../../shared/domain/callMachine';
import { offerTerms, type OfferOnCall } from './model';
import type { ChangeCall } from './types';
import { WhatChangedNote } from '../outreach/WhatChangedNote';

/** While the Offer stage is closed: why, and where to record a reason to skip straight to it. */
export function OfferGate({ state, onChange }: { state: CallState; onChange: ChangeCall }) {
  const id = useId();
  const closed = offerClosedBecause(state);
  const skipping = state.offer.skippedBecause !== '';
  if (!closed && !skipping) return null;
  return (
    <div className="offer-gate">
      {closed && <p className="muted">{closed}</p>}
      <label htmlFor={id}>Reason for skipping to the offer</label>
      <input
        id={id}
        type="text"
        value={state.offer.skippedBecause}
        placeholder="For example: the customer asked straight away what we could offer"
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
  const id = useId();
  const more = playbook.filter((o) => !o.retired && !offers.some((l) => l.offer.id === o.id));
  return (
    <>
      <WhatChangedNote customerId={state.customerId} />
      <p className="guidance way-back">{guidance}</p>
      {offers.length === 0 ? (
        <p className="muted">The playbook proposes no offer for this reason and customer. Listen for what would bring them back.</p>
      ) : (
        <ol aria-label="Proposed offers, best first" className="offers">
          {offers.map(({ offer, why }) => (
            <li key={offer.id} className="offer">
              <h3>{offer.name}</h3>
              <p className="offer-terms">
                {offerTerms(offer)}
                {offer.generatesCode ? ' · a single-use code is issued when accepted or considered' : ''}
                {offer.retired ? ' · retired' : ''}
              </p>
              {offer.talkingPoints && <p>{offer.talkingPoints}</p>}
              <p className="why">{why}</p>
              <fieldset className="answers">
                <legend>Answer to {offer.name}</legend>
                {ANSWER_ORDER.map((a) => (
                  <label key={a} className="radio">
                    <input
                      type="radio"
                      name={`${id}-${offer.id}`}
                      checked={answerFor(state, offer.id) === a}
                      onChange={() => onChange((s) => setOfferAnswer(s, offer.id, a))}
                    />
                    {OFFER_ANSWER_LABELS[a]}
                  </label>
                ))}
              </fieldset>
            </li>
          ))}
        </ol>
      )}
      {more.length > 0 && (
        <div>
          <label htmlFor={`${id}-more`}>Another offer from the playbook</label>
          <select
            id={`${id}-more`}
            value=""
            onChange={(e) => {
              const offerId = e.target.value;
              if (offerId) onChange((s) => setOfferAnswer(s, offerId, 'not_offered'));
            }}
          >
            <option value="">Add an offer…</option>
            {more.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <label htmlFor={`${id}-note`}>Offer note</label>
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
