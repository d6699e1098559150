import { said } from '../../../../shared/i18n/said';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallAmendmentInput, CallDetail, TaxonomyCategory } from '../../../../shared/api/call';
import { OFFER_ANSWERS, type OfferAnswer } from '../../../../shared/domain/callMachine';
import { OUTCOMES, type Outcome } from '../../../../shared/domain/outcomes';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { formatDate, formatDateTime } from '../../lib/format';
import { localiseCallDetail, localiseTaxonomy } from '../../i18n/content';

/** A completed call as recorded, with every correction made to it since. */
export function CallRecordView({ call: recorded }: { call: CallDetail }) {
  const { t } = useTranslation();
  const call = localiseCallDetail(t, recorded);
  const primary = call.reasons.find((r) => r.primary);
  const others = call.reasons.filter((r) => !r.primary);
  return (
    <div className="call-record">
      <p>
        {t('call.record.summary', { when: formatDateTime(call.completedAt), caller: call.caller })}
        <strong>{t(`call.outcomes.${call.outcome}`)}</strong>
        {call.callbackLocal ? t('call.record.callback', { time: call.callbackLocal.replace('T', ' ') }) : ''}
        {call.reactivationUntil ? t('call.record.until', { date: formatDate(call.reactivationUntil) }) : ''}
      </p>
      {call.customerWords && (
        <blockquote aria-label={t('call.record.words')}>{call.customerWords}</blockquote>
      )}
      <p>
        {primary ? t('call.record.reason', { reason: primary.name, category: primary.category }) : t('call.record.notDiagnosed')}
        {others.length > 0 ? t('call.record.also', { reasons: others.map((r) => r.name).join(', ') }) : ''}
        {call.reasonConfirmed ? t('call.record.confirmed') : ''}
      </p>
      {call.stages
        .filter((s) => s.note || s.assistActions.length > 0)
        .map((s) => (
          <p key={s.stage}>
            {t('call.record.stage', {
              stage: t(`call.stages.${s.stage}`),
              text: [s.assistActions.map((a) => t(`call.assistActions.${a}`)).join(', '), s.note].filter(Boolean).join('. '),
            })}
          </p>
        ))}
      {call.offers.length > 0 && (
        <ul aria-label={t('call.record.offers')}>
          {call.offers.map((o) => (
            <li key={o.offerId}>
              {t('call.record.offer', { name: o.name, answer: t(`call.offerAnswers.${o.answer}`) })}
              {o.code ? t('call.record.code', { code: o.code }) : ''}
            </li>
          ))}
        </ul>
      )}
      {call.amendments.length > 0 && (
        <>
          <h4>{t('call.record.corrections')}</h4>
          <ul aria-label={t('call.record.corrections')}>
            {call.amendments.map((a) => (
              <li key={a.id}>
                {t('call.record.correction', { when: formatDateTime(a.at), by: a.by, note: a.note })}
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
export function AmendForm({ call: recorded, taxonomy: stored, onSubmit, busy }: AmendFormProps) {
  const { t } = useTranslation();
  const call = useMemo(() => localiseCallDetail(t, recorded), [t, recorded]);
  const taxonomy = useMemo(() => localiseTaxonomy(t, stored), [t, stored]);
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
      setError(t('call.record.whyMissing'));
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
      <h4 id={`${id}-h`}>{t('call.record.correct')}</h4>
      <label htmlFor={`${id}-outcome`}>{t('call.record.outcome')}</label>
      <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
        {OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {t(`call.outcomes.${o}`)}
          </option>
        ))}
      </select>
      {outcome === 'considering' && (
        <>
          <label htmlFor={`${id}-until`}>{t('call.outcome.until')}</label>
          <input id={`${id}-until`} type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        </>
      )}
      {outcome === 'callback' && (
        <>
          <label htmlFor={`${id}-callback`}>{t('call.outcome.callback')}</label>
          <input id={`${id}-callback`} type="datetime-local" value={callback} onChange={(e) => setCallback(e.target.value.slice(0, 16))} />
        </>
      )}
      <label htmlFor={`${id}-reason`}>{t('call.record.primary')}</label>
      <select id={`${id}-reason`} value={primary} onChange={(e) => setPrimary(e.target.value)}>
        <option value="">{currentPrimary ? t('call.record.keep') : t('call.record.notDiagnosedOption')}</option>
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
          <label htmlFor={`${id}-${o.offerId}`}>{t('call.offer.answerTo', { name: o.name })}</label>
          <select id={`${id}-${o.offerId}`} value={answers[o.offerId] ?? o.answer} onChange={(e) => setAnswers({ ...answers, [o.offerId]: e.target.value as OfferAnswer })}>
            {OFFER_ANSWERS.map((a) => (
              <option key={a} value={a}>
                {t(`call.offerAnswers.${a}`)}
              </option>
            ))}
          </select>
        </div>
      ))}
      <label htmlFor={`${id}-note`}>{t('call.record.why')}</label>
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
        {t('call.record.save')}
      </button>
    </form>
  );
}

/** Opens a call's record and lets its caller or a manager correct it. */
export function CallRecordContainer({ callId, onChanged }: { callId: string; onChanged: () => void }) {
  const { t } = useTranslation();
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
  if (!call) return <p aria-busy="true">{t('call.record.loading')}</p>;
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
                notify('info', said('call.record.saved'));
                onChanged();
              })
              .catch(reportError)
              .finally(() => setBusy(false));
          }}
        />
      ) : (
        <button type="button" onClick={() => setCorrecting(true)}>
          {t('call.record.correct')}
        </button>
      )}
    </div>
  );
}
