import { useId } from 'react';
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
  return (
    <p className="stated-reason">
      <span className="muted">Stated when they left: </span>
      {customer.statedReason ? <q>{customer.statedReason}</q> : <span>nothing on record</span>}
      {customer.statedReasonName && (
        <span className="muted">
          {' '}
          (recorded as {customer.statedReasonName}
          {customer.statedCategoryName ? `, ${customer.statedCategoryName}` : ''})
        </span>
      )}
    </p>
  );
}

/** At Diagnose the reason is named back in the customer's words: they stay in view, read-only. */
export function TheirWords({ words }: { words: string }) {
  return (
    <figure className="their-words">
      <figcaption className="muted">In their words (from Listen)</figcaption>
      {words.trim() === '' ? <p className="muted">Nothing was typed at Listen.</p> : <blockquote>{words}</blockquote>}
    </figure>
  );
}

export function DiagnoseStage({ state, guidance, taxonomy, customer, names, onChange, showStatedReason = false }: DiagnoseStageProps) {
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
          <label htmlFor={`${id}-cat`}>Reason category</label>
          <select
            id={`${id}-cat`}
            value={d.categoryId ?? ''}
            onChange={(e) => {
              const categoryId = e.target.value || null;
              onChange((s) => choosePrimaryReason(s, categoryId, null));
            }}
          >
            <option value="">Choose a category…</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-reason`}>Specific reason</label>
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
            <option value="">{category ? 'Choose the reason…' : 'Choose a category first'}</option>
            {reasons.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <span id={`${id}-primary-hint`} className="hint">
            The primary reason: the one that made them leave.
          </span>
        </div>
      </div>

      <div className="other-reasons">
        <label htmlFor={`${id}-other`}>Other reasons (optional)</label>
        <select
          id={`${id}-other`}
          value=""
          disabled={d.primaryReasonId === null}
          onChange={(e) => {
            const reasonId = e.target.value;
            if (reasonId) onChange((s) => toggleOtherReason(s, reasonId));
          }}
        >
          <option value="">{d.primaryReasonId === null ? 'Choose the primary reason first' : 'Add another reason…'}</option>
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
          <ul aria-label="Other reasons" className="chips">
            {d.otherReasonIds.map((r) => (
              <li key={r}>
                {names.reasons[r] ?? r}{' '}
                <button type="button" aria-label={`Remove ${names.reasons[r] ?? r}`} onClick={() => onChange((s) => toggleOtherReason(s, r))}>
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
        Customer confirmed the reason
      </label>

      <label htmlFor={`${id}-note`}>Diagnosis note</label>
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
