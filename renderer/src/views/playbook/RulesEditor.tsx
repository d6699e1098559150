import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ruleDefOf, type OfferRule, type TaxonomyCategory } from '../../../../shared/api/call';
import type { SaveRuleInput } from '../../../../shared/api/playbook';
import { api } from '../../api/client';
import { formatCount } from '../../lib/format';
import type { PlaybookData } from './usePlaybookData';
import { FormActions } from './EditorButtons';
import { ruleText } from './playbookWords';
import { localiseOffers, localiseTaxonomy } from '../../i18n/content';

const numberOrNull = (v: string) => (v.trim() === '' ? null : Number(v));

export function namesOfTaxonomy(taxonomy: TaxonomyCategory[]) {
  return {
    categories: Object.fromEntries(taxonomy.map((c) => [c.id, c.name])),
    reasons: Object.fromEntries(taxonomy.flatMap((c) => c.reasons.map((r) => [r.id, r.name]))),
  };
}

export function RuleForm({ rule, data, onSave, onCancel }: { rule: OfferRule | null; data: PlaybookData; onSave: (input: SaveRuleInput) => void; onCancel?: () => void }) {
  const id = useId();
  const { t } = useTranslation();
  const taxonomy = localiseTaxonomy(t, data.taxonomy ?? []);
  const offers = localiseOffers(t, data.playbook?.offers ?? []).filter((o) => !o.retired || o.id === rule?.offerId);
  const [priority, setPriority] = useState(String(rule?.priority ?? 100));
  const [categoryId, setCategoryId] = useState(rule?.categoryId ?? '');
  const [reasonId, setReasonId] = useState(rule?.reasonId ?? '');
  const [product, setProduct] = useState(rule?.product ?? '');
  const [segment, setSegment] = useState(rule?.segment ?? '');
  const [minRevenue, setMinRevenue] = useState(rule?.minRevenue?.toString() ?? '');
  const [maxRevenue, setMaxRevenue] = useState(rule?.maxRevenue?.toString() ?? '');
  const [offerId, setOfferId] = useState(rule?.offerId ?? offers[0]?.id ?? '');
  const reasons = taxonomy.filter((c) => categoryId === '' || c.id === categoryId);
  return (
    <form
      className="stack-form"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave({
          ...(rule ? { id: rule.id } : {}),
          priority: Number(priority),
          categoryId: categoryId || null,
          reasonId: reasonId || null,
          product,
          segment,
          minRevenue: numberOrNull(minRevenue),
          maxRevenue: numberOrNull(maxRevenue),
          offerId,
        });
      }}
    >
      <h4 id={`${id}-h`}>{rule ? t('playbook.rules.editTitle') : t('playbook.rules.addTitle')}</h4>
      <p className="muted">{t('playbook.rules.help')}</p>
      <label htmlFor={`${id}-cat`}>{t('playbook.rules.category')}</label>
      <select
        id={`${id}-cat`}
        value={categoryId}
        onChange={(e) => {
          setCategoryId(e.target.value);
          setReasonId('');
        }}
      >
        <option value="">{t('playbook.rules.anyCategory')}</option>
        {taxonomy.map((c) => (
          <option key={c.id} value={c.id}>
            {c.retired ? t('playbook.rules.retiredName', { name: c.name }) : c.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`}>{t('playbook.rules.reason')}</label>
      <select id={`${id}-reason`} value={reasonId} onChange={(e) => setReasonId(e.target.value)}>
        <option value="">{t('playbook.rules.anyReason')}</option>
        {reasons.map((c) => (
          <optgroup key={c.id} label={c.name}>
            {c.reasons.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <label htmlFor={`${id}-product`}>{t('playbook.rules.leftProduct')}</label>
      <input id={`${id}-product`} value={product} maxLength={200} placeholder={t('playbook.rules.anyProduct')} onChange={(e) => setProduct(e.target.value)} />
      <label htmlFor={`${id}-segment`}>{t('playbook.rules.segmentIs')}</label>
      <input id={`${id}-segment`} value={segment} maxLength={200} placeholder={t('playbook.rules.anySegment')} onChange={(e) => setSegment(e.target.value)} />
      <div className="field-row">
        <div>
          <label htmlFor={`${id}-min`}>{t('playbook.rules.minRevenue')}</label>
          <input id={`${id}-min`} type="number" min={0} step="0.01" value={minRevenue} onChange={(e) => setMinRevenue(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${id}-max`}>{t('playbook.rules.maxRevenue')}</label>
          <input id={`${id}-max`} type="number" min={0} step="0.01" value={maxRevenue} onChange={(e) => setMaxRevenue(e.target.value)} />
        </div>
      </div>
      <label htmlFor={`${id}-offer`}>{t('playbook.rules.propose')}</label>
      <select id={`${id}-offer`} value={offerId} onChange={(e) => setOfferId(e.target.value)}>
        {offers.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-priority`}>{t('playbook.rules.priorityField')}</label>
      <input id={`${id}-priority`} type="number" min={0} max={10000} step={1} value={priority} onChange={(e) => setPriority(e.target.value)} />
      <FormActions submitLabel={rule ? t('playbook.rules.save') : t('playbook.rules.add')} busy={data.busy} onCancel={onCancel} />
    </form>
  );
}

/** Which offer each reason, product, segment and revenue band gets, best first. */
export function RulesEditor({ data }: { data: PlaybookData }) {
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const { playbook, taxonomy, run, setPlaybook, busy } = data;
  const { t } = useTranslation();
  if (!playbook || !taxonomy) return <p aria-busy="true">{t('playbook.rules.loading')}</p>;
  const names = namesOfTaxonomy(localiseTaxonomy(t, taxonomy));
  const offers = localiseOffers(t, playbook.offers);
  const offerName = (offerId: string) => offers.find((o) => o.id === offerId)?.name ?? offerId;
  const ordered = [...playbook.rules].sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('playbook.rules.title')}</h3>
      <table>
        <caption>{t('playbook.rules.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('playbook.rules.priority')}</th>
            <th scope="col">{t('playbook.rules.when')}</th>
            <th scope="col">{t('playbook.rules.offer')}</th>
            <th scope="col">{t('playbook.rules.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((r) =>
            editing === r.id ? (
              <tr key={r.id}>
                <td colSpan={4}>
                  <RuleForm
                    rule={r}
                    data={data}
                    onCancel={() => setEditing(null)}
                    onSave={(input) => void run(() => api().call('playbook.saveRule', input), setPlaybook, t('playbook.rules.saved')).then((ok) => ok && setEditing(null))}
                  />
                </td>
              </tr>
            ) : (
              <tr key={r.id}>
                <td>{formatCount(r.priority)}</td>
                <td>{ruleText(t, ruleDefOf(r), names)}</td>
                <td>{offerName(r.offerId)}</td>
                <td>
                  <button type="button" className="link" onClick={() => setEditing(r.id)} aria-label={t('playbook.rules.editNamed', { offer: offerName(r.offerId), when: ruleText(t, ruleDefOf(r), names) })}>
                    {t('playbook.edit')}
                  </button>{' '}
                  <button
                    type="button"
                    className="link"
                    disabled={busy}
                    aria-label={t('playbook.rules.deleteNamed', { offer: offerName(r.offerId), when: ruleText(t, ruleDefOf(r), names) })}
                    onClick={() => void run(() => api().call('playbook.deleteRule', { id: r.id }), setPlaybook, t('playbook.rules.deleted'))}
                  >
                    {t('playbook.rules.delete')}
                  </button>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      <RuleForm
        key={formKey}
        rule={null}
        data={data}
        onSave={(input) => void run(() => api().call('playbook.saveRule', input), setPlaybook, t('playbook.rules.added')).then((ok) => ok && setFormKey((k) => k + 1))}
      />
    </section>
  );
}
