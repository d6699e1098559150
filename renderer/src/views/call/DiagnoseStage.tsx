import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallCustomer, TaxonomyCategory } from '../../../../shared/api/call';
import { choosePrimaryReason, setConfirmed, toggleOtherReason, type CallState } from '../../../../shared/domain/callMachine';
import type { CallNames } from './model';
import type { ChangeCall } from './types';

export interface DiagnoseStageProps {
  state: CallState;
  guidance: string;
  taxonomy: TaxonomyCategory[];
  customer: CallCustomer;
  names: CallNames;
  onChange: ChangeCall;
  /** Executives have no call header with the stated reason; it is shown here for them. */
  showStatedReason?: boolean;
}

/** Retired entries are not offered for new calls, but one already chosen stays visible. */
const offered = <T extends { id: string; retired: boolean }>(items: T[], keep: (string | null)[]) => items.filter((i) => !i.retired || keep.includes(i.id));

/** The reason on record from when they left. A paragraph, not a landmark: it appears in the header and, for executives, at Diagnose. */
export function StatedReason({ customer }: { customer: CallCustomer }) {
  const { t } = useTranslation();
  return (
    <p className="stated-reason">
      <span className="muted">{t('call.stated.label')}</span>
      {customer.statedReason ? <q>{customer.statedReason}</q> : <span>{t('call.stated.nothing')}</span>}
      {customer.statedReasonName && (
        <span className="muted">
          {' '}
          {customer.statedCategoryName
            ? t('call.stated.recordedAsIn', { reason: customer.statedReasonName, category: customer.statedCategoryName })
            : t('call.stated.recordedAs', { reason: customer.statedReasonName })}
        </span>
      )}
    </p>
  );
}

/** At Diagnose the reason is named back in the customer's words: they stay in view, read-only. */
export function TheirWords({ words }: { words: string }) {
  const { t } = useTranslation();
  return (
    <figure className="their-words">
      <figcaption className="muted">{t('call.diagnose.theirWords')}</figcaption>
      {words.trim() === '' ? <p className="muted">{t('call.diagnose.nothingTyped')}</p> : <blockquote>{words}</blockquote>}
    </figure>
  );
}

export function DiagnoseStage({ state, guidance, taxonomy, customer, names, onChange, showStatedReason = false }: DiagnoseStageProps) {
  const { t } = useTranslation();
  const id = useId();
  const d = state.diagnose;
  const categories = offered(taxonomy, [d.categoryId]);
  const category = taxonomy.find((c) => c.id === d.categoryId);
  const reasons = category ? offered(category.retired ? [] : category.reasons, [d.primaryReasonId]) : [];
  const others = taxonomy
    .filter((c) => !c.retired)
    .map((c) => ({ ...c, reasons: c.reasons.filter((r) => !r.retired && r.id !== d.primaryReasonId && !d.otherReasonIds.includes(r.id)) }))
    .filter((c) => c.reasons.length > 0);
  return (
    <>
      <TheirWords words={state.listen.words} />
      {showStatedReason && <StatedReason customer={customer} />}
      <div className="field-row">
        <div>
          <label htmlFor={`${id}-cat`}>{t('call.diagnose.category')}</label>
          <select
            id={`${id}-cat`}
            value={d.categoryId ?? ''}
            onChange={(e) => {
              const categoryId = e.target.value || null;
              onChange((s) => choosePrimaryReason(s, categoryId, null));
            }}
          >
            <option value="">{t('call.diagnose.chooseCategory')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-reason`}>{t('call.diagnose.reason')}</label>
          <select
            id={`${id}-reason`}
            value={d.primaryReasonId ?? ''}
            disabled={!category}
            aria-describedby={`${id}-primary-hint`}
            onChange={(e) => {
              const reasonId = e.target.value || null;
              onChange((s) => choosePrimaryReason(s, s.diagnose.categoryId, reasonId));
            }}
          >
            <option value="">{category ? t('call.diagnose.chooseReason') : t('call.diagnose.categoryFirst')}</option>
            {reasons.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <span id={`${id}-primary-hint`} className="hint">
            {t('call.diagnose.primaryHint')}
          </span>
        </div>
      </div>

      <div className="other-reasons">
        <label htmlFor={`${id}-other`}>{t('call.diagnose.others')}</label>
        <select
          id={`${id}-other`}
          value=""
          disabled={d.primaryReasonId === null}
          onChange={(e) => {
            const reasonId = e.target.value;
            if (reasonId) onChange((s) => toggleOtherReason(s, reasonId));
          }}
        >
          <option value="">{d.primaryReasonId === null ? t('call.diagnose.primaryFirst') : t('call.diagnose.addOther')}</option>
          {others.map((c) => (
            <optgroup key={c.id} label={c.name}>
              {c.reasons.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {d.otherReasonIds.length > 0 && (
          <ul aria-label={t('call.diagnose.othersList')} className="chips">
            {d.otherReasonIds.map((r) => (
              <li key={r}>
                {names.reasons[r] ?? r}{' '}
                <button type="button" aria-label={t('call.diagnose.remove', { name: names.reasons[r] ?? r })} onClick={() => onChange((s) => toggleOtherReason(s, r))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      <p className="guidance">{guidance}</p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={d.confirmed}
          disabled={d.primaryReasonId === null}
          onChange={(e) => {
            const confirmed = e.target.checked;
            onChange((s) => setConfirmed(s, confirmed));
          }}
        />
        {t('call.diagnose.confirmed')}
      </label>

      <label htmlFor={`${id}-note`}>{t('call.diagnose.note')}</label>
      <textarea
        id={`${id}-note`}
        rows={2}
        value={d.note}
        onChange={(e) => {
          const note = e.target.value;
          onChange((s) => ({ ...s, diagnose: { ...s.diagnose, note } }));
        }}
      />
    </>
  );
}
