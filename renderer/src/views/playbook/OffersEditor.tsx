import { useId, useState } from 'react';
import type { Offer } from '../../../../shared/api/call';
import type { SaveOfferInput } from '../../../../shared/api/playbook';
import { OFFER_TYPES, type OfferType } from '../../../../shared/domain/offers';
import { api } from '../../api/client';
import { offerTerms } from '../call/model';
import type { PlaybookData } from './usePlaybookData';
import { FormActions, RetireToggle } from './EditorButtons';

export const OFFER_TYPE_LABELS: Record<OfferType, string> = {
  discount: 'Discount',
  plan_change: 'Plan change',
  alternative_product: 'Alternative product',
  pause: 'Pause',
  reactivation_period: 'Reactivation period',
  walkthrough: 'Walkthrough',
  custom: 'Custom',
};

const numberOrNull = (v: string) => (v.trim() === '' ? null : Number(v));

export function OfferForm({ offer, busy, onSave, onCancel }: { offer: Offer | null; busy: boolean; onSave: (input: SaveOfferInput) => void; onCancel?: () => void }) {
  const id = useId();
  const [name, setName] = useState(offer?.name ?? '');
  const [type, setType] = useState<OfferType>(offer?.type ?? 'discount');
  const [percent, setPercent] = useState(offer?.percent?.toString() ?? '');
  const [months, setMonths] = useState(offer?.durationMonths?.toString() ?? '');
  const [product, setProduct] = useState(offer?.product ?? '');
  const [talkingPoints, setTalkingPoints] = useState(offer?.talkingPoints ?? '');
  const [generatesCode, setGeneratesCode] = useState(offer?.generatesCode ?? false);
  return (
    <form
      className="stack-form"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave({
          ...(offer ? { id: offer.id } : {}),
          name,
          type,
          talkingPoints,
          percent: type === 'discount' ? numberOrNull(percent) : null,
          durationMonths: ['discount', 'pause', 'reactivation_period'].includes(type) ? numberOrNull(months) : null,
          product: ['alternative_product', 'plan_change'].includes(type) ? product : null,
          generatesCode,
        });
      }}
    >
      <h4 id={`${id}-h`}>{offer ? `Edit ${offer.name}` : 'Add an offer'}</h4>
      <label htmlFor={`${id}-name`}>Offer name</label>
      <input id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
      <label htmlFor={`${id}-type`}>Offer type</label>
      <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as OfferType)}>
        {OFFER_TYPES.map((t) => (
          <option key={t} value={t}>
            {OFFER_TYPE_LABELS[t]}
          </option>
        ))}
      </select>
      {type === 'discount' && (
        <>
          <label htmlFor={`${id}-percent`}>Discount percent</label>
          <input id={`${id}-percent`} type="number" min={1} max={100} value={percent} onChange={(e) => setPercent(e.target.value)} />
        </>
      )}
      {['discount', 'pause', 'reactivation_period'].includes(type) && (
        <>
          <label htmlFor={`${id}-months`}>Duration in months</label>
          <input id={`${id}-months`} type="number" min={1} max={120} value={months} onChange={(e) => setMonths(e.target.value)} />
        </>
      )}
      {['alternative_product', 'plan_change'].includes(type) && (
        <>
          <label htmlFor={`${id}-product`}>Product or plan proposed</label>
          <input id={`${id}-product`} value={product} maxLength={200} onChange={(e) => setProduct(e.target.value)} />
        </>
      )}
      <label htmlFor={`${id}-points`}>Talking points</label>
      <textarea id={`${id}-points`} rows={2} value={talkingPoints} maxLength={2000} onChange={(e) => setTalkingPoints(e.target.value)} />
      <label className="checkbox">
        <input type="checkbox" checked={generatesCode} onChange={(e) => setGeneratesCode(e.target.checked)} />
        Issue a single-use code when accepted or considered
      </label>
      <FormActions submitLabel={offer ? 'Save offer' : 'Add offer'} busy={busy} onCancel={onCancel} />
    </form>
  );
}

/** The offers a call can propose: a way back, each with its terms and talking points. */
export function OffersEditor({ data }: { data: PlaybookData }) {
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const { playbook, run, setPlaybook, busy } = data;
  if (!playbook) return <p aria-busy="true">Loading the offers…</p>;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Offers</h3>
      <ul aria-label="Offers" className="offer-list">
        {playbook.offers.map((o) => (
          <li key={o.id} className={o.retired ? 'retired' : ''}>
            {editing === o.id ? (
              <OfferForm
                offer={o}
                busy={busy}
                onCancel={() => setEditing(null)}
                onSave={(input) => void run(() => api().call('playbook.saveOffer', input), setPlaybook, `Saved "${input.name}".`).then((ok) => ok && setEditing(null))}
              />
            ) : (
              <>
                <strong>{o.name}</strong>
                {o.retired && <span className="badge"> retired</span>} · {offerTerms(o)}
                {o.generatesCode ? ' · single-use code' : ''}
                <p className="muted">{o.talkingPoints}</p>
                <div className="row-actions">
                  <button type="button" onClick={() => setEditing(o.id)} aria-label={`Edit ${o.name}`}>
                    Edit
                  </button>
                  <RetireToggle
                    name={o.name}
                    retired={o.retired}
                    busy={busy}
                    onToggle={() =>
                      void run(
                        () => api().call('playbook.retireOffer', { id: o.id, retired: !o.retired }),
                        setPlaybook,
                        o.retired ? `${o.name} can be proposed again.` : `${o.name} is retired: no longer proposed, kept on earlier calls.`,
                      )
                    }
                  />
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      <OfferForm
        key={formKey}
        offer={null}
        busy={busy}
        onSave={(input) => void run(() => api().call('playbook.saveOffer', input), setPlaybook, `Added the offer "${input.name}".`).then((ok) => ok && setFormKey((k) => k + 1))}
      />
    </section>
  );
}
