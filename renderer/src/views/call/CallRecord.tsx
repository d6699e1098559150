import { useEffect, useId, useState, type FormEvent } from 'react';
import type { CallAmendmentInput, CallDetail, TaxonomyCategory } from '../../../../shared/api/call';
import { ASSIST_ACTION_LABELS, OFFER_ANSWERS, OFFER_ANSWER_LABELS, type OfferAnswer } from '../../../../shared/domain/callMachine';
import { OUTCOMES, OUTCOME_LABELS, type Outcome } from '../../../../shared/domain/outcomes';
import { STAGE_LABELS } from '../../../../shared/domain/stages';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { formatDate } from '../../lib/format';

const when = (iso: string) => new Date(iso).toLocaleString();

/** A completed call as recorded, with every correction made to it since. */
export function CallRecordView({ call }: { call: CallDetail }) {
  const primary = call.reasons.find((r) => r.primary);
  const others = call.reasons.filter((r) => !r.primary);
  return (
    <div className="call-record">
      <p>
        {when(call.completedAt)} by {call.caller}: <strong>{OUTCOME_LABELS[call.outcome]}</strong>
        {call.callbackLocal ? `, callback ${call.callbackLocal.replace('T', ' ')} customer's time` : ''}
        {call.reactivationUntil ? `, reactivation period until ${formatDate(call.reactivationUntil)}` : ''}
      </p>
      {call.customerWords && (
        <blockquote aria-label="Customer's words">{call.customerWords}</blockquote>
      )}
      <p>
        Reason: {primary ? `${primary.name} (${primary.category})` : 'not diagnosed'}
        {others.length > 0 ? `; also ${others.map((r) => r.name).join(', ')}` : ''}
        {call.reasonConfirmed ? ', confirmed by the customer' : ''}
      </p>
      {call.stages
        .filter((s) => s.note || s.assistActions.length > 0)
        .map((s) => (
          <p key={s.stage}>
            {STAGE_LABELS[s.stage]}: {[s.assistActions.map((a) => ASSIST_ACTION_LABELS[a]).join(', '), s.note].filter(Boolean).join('. ')}
          </p>
        ))}
      {call.offers.length > 0 && (
        <ul aria-label="Offers on this call">
          {call.offers.map((o) => (
            <li key={o.offerId}>
              {o.name}: {OFFER_ANSWER_LABELS[o.answer]}
              {o.code ? `, code ${o.code}` : ''}
            </li>
          ))}
        </ul>
      )}
      {call.amendments.length > 0 && (
        <>
          <h4>Corrections</h4>
          <ul aria-label="Corrections">
            {call.amendments.map((a) => (
              <li key={a.id}>
                {when(a.at)} by {a.by}: {a.note}
                <ul>
                  {a.changes.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export interface AmendFormProps {
  call: CallDetail;
  taxonomy: TaxonomyCategory[];
  onSubmit: (input: CallAmendmentInput) => void;
  busy: boolean;
}

/** A correction: only the fields that differ from the record are sent, with why. */
export function AmendForm({ call, taxonomy, onSubmit, busy }: AmendFormProps) {
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome>(call.outcome);
  const [until, setUntil] = useState(call.reactivationUntil ?? '');
  const [callback, setCallback] = useState(call.callbackLocal ?? '');
  const currentPrimary = call.reasons.find((r) => r.primary)?.reasonId ?? '';
  const [primary, setPrimary] = useState(currentPrimary);
  const [answers, setAnswers] = useState<Record<string, OfferAnswer>>(Object.fromEntries(call.offers.map((o) => [o.offerId, o.answer])));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (note.trim() === '') {
      setError('Say why the call is corrected.');
      return;
    }
    const input: CallAmendmentInput = { callId: call.id, note: note.trim() };
    if (outcome !== call.outcome) input.outcome = outcome;
    if (outcome === 'considering' && until !== (call.reactivationUntil ?? '')) input.reactivationUntil = until || null;
    if (outcome === 'callback' && callback !== (call.callbackLocal ?? '')) input.callbackLocal = callback || null;
    if (primary !== currentPrimary && primary !== '') {
      input.reasons = [
        { reasonId: primary, primary: true },
        ...call.reasons.filter((r) => r.reasonId !== primary && !r.primary).map((r) => ({ reasonId: r.reasonId, primary: false })),
      ];
    }
    const changedOffers = call.offers.filter((o) => answers[o.offerId] !== o.answer).map((o) => ({ offerId: o.offerId, answer: answers[o.offerId] ?? o.answer }));
    if (changedOffers.length > 0) input.offers = changedOffers;
    setError(null);
    onSubmit(input);
  };

  return (
    <form onSubmit={submit} className="amend-form" aria-labelledby={`${id}-h`} noValidate>
      <h4 id={`${id}-h`}>Correct this call</h4>
      <label htmlFor={`${id}-outcome`}>Corrected outcome</label>
      <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
        {OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {OUTCOME_LABELS[o]}
          </option>
        ))}
      </select>
      {outcome === 'considering' && (
        <>
          <label htmlFor={`${id}-until`}>End of reactivation period</label>
          <input id={`${id}-until`} type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        </>
      )}
      {outcome === 'callback' && (
        <>
          <label htmlFor={`${id}-callback`}>Callback date and time (customer&apos;s local time)</label>
          <input id={`${id}-callback`} type="datetime-local" value={callback} onChange={(e) => setCallback(e.target.value.slice(0, 16))} />
        </>
      )}
      <label htmlFor={`${id}-reason`}>Corrected primary reason</label>
      <select id={`${id}-reason`} value={primary} onChange={(e) => setPrimary(e.target.value)}>
        <option value="">{currentPrimary ? 'Keep as recorded' : 'Not diagnosed'}</option>
        {taxonomy
          .filter((c) => !c.retired || c.reasons.some((r) => r.id === currentPrimary))
          .map((c) => (
            <optgroup key={c.id} label={c.name}>
              {c.reasons
                .filter((r) => !r.retired || r.id === currentPrimary)
                .map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
            </optgroup>
          ))}
      </select>
      {call.offers.map((o) => (
        <div key={o.offerId}>
          <label htmlFor={`${id}-${o.offerId}`}>Answer to {o.name}</label>
          <select id={`${id}-${o.offerId}`} value={answers[o.offerId] ?? o.answer} onChange={(e) => setAnswers({ ...answers, [o.offerId]: e.target.value as OfferAnswer })}>
            {OFFER_ANSWERS.map((a) => (
              <option key={a} value={a}>
                {OFFER_ANSWER_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
      ))}
      <label htmlFor={`${id}-note`}>Why it is corrected</label>
      <textarea
        id={`${id}-note`}
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Save correction
      </button>
    </form>
  );
}

/** Opens a call's record and lets its caller or a manager correct it. */
export function CallRecordContainer({ callId, onChanged }: { callId: string; onChanged: () => void }) {
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const [call, setCall] = useState<CallDetail | null>(null);
  const [taxonomy, setTaxonomy] = useState<TaxonomyCategory[]>([]);
  const [correcting, setCorrecting] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    Promise.all([api().call('call.get', { callId }), api().call('taxonomy.list', {})])
      .then(([c, t]) => {
        if (!live) return;
        setCall(c);
        setTaxonomy(t);
      })
      .catch(reportError);
    return () => {
      live = false;
    };
  }, [callId, reportError]);
  if (!call) return <p aria-busy="true">Loading the call…</p>;
  return (
    <div>
      <CallRecordView call={call} />
      {correcting ? (
        <AmendForm
          call={call}
          taxonomy={taxonomy}
          busy={busy}
          onSubmit={(input) => {
            setBusy(true);
            api()
              .call('call.amend', input)
              .then((updated) => {
                setCall(updated);
                setCorrecting(false);
                notify('info', 'Correction saved, with who made it and why.');
                onChanged();
              })
              .catch(reportError)
              .finally(() => setBusy(false));
          }}
        />
      ) : (
        <button type="button" onClick={() => setCorrecting(true)}>
          Correct this call
        </button>
      )}
    </div>
  );
}
