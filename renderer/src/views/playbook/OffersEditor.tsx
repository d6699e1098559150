import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Offer } from '../../../../shared/api/call';
import type { SaveOfferInput } from '../../../../shared/api/playbook';
import { OFFER_TYPES, type OfferType } from '../../../../shared/domain/offers';
import { api } from '../../api/client';
import type { PlaybookData } from './usePlaybookData';
import { FormActions, RetireToggle } from './EditorButtons';
import { offerTermsText } from './playbookWords';
import { localiseOffers } from '../../i18n/content';

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
  const { t } = useTranslation();
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
      <h4 id={`${id}-h`}>{offer ? t('playbook.offers.editTitle', { name: offer.name }) : t('playbook.offers.addTitle')}</h4>
      <label htmlFor={`${id}-name`}>{t('playbook.offers.name')}</label>
      <input id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
      <label htmlFor={`${id}-type`}>{t('playbook.offers.type')}</label>
      <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as OfferType)}>
        {OFFER_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`playbook.offerTypes.${type}`)}
          </option>
        ))}
      </select>
      {type === 'discount' && (
        <>
          <label htmlFor={`${id}-percent`}>{t('playbook.offers.percent')}</label>
          <input id={`${id}-percent`} type="number" min={1} max={100} value={percent} onChange={(e) => setPercent(e.target.value)} />
        </>
      )}
      {['discount', 'pause', 'reactivation_period'].includes(type) && (
        <>
          <label htmlFor={`${id}-months`}>{t('playbook.offers.months')}</label>
          <input id={`${id}-months`} type="number" min={1} max={120} value={months} onChange={(e) => setMonths(e.target.value)} />
        </>
      )}
      {['alternative_product', 'plan_change'].includes(type) && (
        <>
          <label htmlFor={`${id}-product`}>{t('playbook.offers.product')}</label>
          <input id={`${id}-product`} value={product} maxLength={200} onChange={(e) => setProduct(e.target.value)} />
        </>
      )}
      <label htmlFor={`${id}-points`}>{t('playbook.offers.talkingPoints')}</label>
      <textarea id={`${id}-points`} rows={2} value={talkingPoints} maxLength={2000} onChange={(e) => setTalkingPoints(e.target.value)} />
      <label className="checkbox">
        <input type="checkbox" checked={generatesCode} onChange={(e) => setGeneratesCode(e.target.checked)} />
        {t('playbook.offers.generatesCode')}
      </label>
      <FormActions submitLabel={offer ? t('playbook.offers.save') : t('playbook.offers.add')} busy={busy} onCancel={onCancel} />
    </form>
  );
}

/** The offers a call can propose: a way back, each with its terms and talking points. */
export function OffersEditor({ data }: { data: PlaybookData }) {
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const { playbook, run, setPlaybook, busy } = data;
  const { t } = useTranslation();
  if (!playbook) return <p aria-busy="true">{t('playbook.offers.loading')}</p>;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('playbook.offers.title')}</h3>
      <ul aria-label={t('playbook.offers.title')} className="offer-list">
        {localiseOffers(t, playbook.offers).map((o) => (
          <li key={o.id} className={o.retired ? 'retired' : ''}>
            {editing === o.id ? (
              <OfferForm
                offer={o}
                busy={busy}
                onCancel={() => setEditing(null)}
                onSave={(input) => void run(() => api().call('playbook.saveOffer', input), setPlaybook, t('playbook.saved', { name: input.name })).then((ok) => ok && setEditing(null))}
              />
            ) : (
              <>
                <strong>{o.name}</strong>
                {o.retired && <span className="badge">{t('playbook.retiredBadge')}</span>} · {offerTermsText(t, o)}
                {o.generatesCode ? t('playbook.terms.code') : ''}
                <p className="muted">{o.talkingPoints}</p>
                <div className="row-actions">
                  <button type="button" onClick={() => setEditing(o.id)} aria-label={t('playbook.editNamed', { name: o.name })}>
                    {t('playbook.edit')}
                  </button>
                  <RetireToggle
                    name={o.name}
                    retired={o.retired}
                    busy={busy}
                    onToggle={() =>
                      void run(
                        () => api().call('playbook.retireOffer', { id: o.id, retired: !o.retired }),
                        setPlaybook,
                        o.retired ? t('playbook.offers.proposedAgain', { name: o.name }) : t('playbook.offers.retired', { name: o.name }),
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
        onSave={(input) => void run(() => api().call('playbook.saveOffer', input), setPlaybook, t('playbook.offers.added', { name: input.name })).then((ok) => ok && setFormKey((k) => k + 1))}
      />
    </section>
  );
}
