import { useId, useState, type FormEvent } from 'react';
import type { CareDetail, Indicators, ReviewInput } from '../../../../shared/api/care';
import {
  OUTREACH_KINDS,
  OUTREACH_LABELS,
  VERDICTS,
  VERDICT_LABELS,
  describeReviewState,
  nextReviewOn,
  type OutreachKind,
  type Verdict,
} from '../../../../shared/domain/care';
import { formatMoney } from '../../lib/format';
import { Day } from './Day';
import { formatDay } from '../../lib/format';

export interface ReviewFormProps {
  detail: CareDetail;
  busy: boolean;
  onSubmit: (input: ReviewInput) => void;
  onCancel: () => void;
}

type CountField = 'serviceContacts' | 'purchases' | 'supportTickets';
const COUNT_FIELDS: { field: CountField; label: string }[] = [
  { field: 'serviceContacts', label: 'Customer-service contacts' },
  { field: 'purchases', label: 'Purchases' },
  { field: 'supportTickets', label: 'Support tickets' },
];

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

function parseCount(raw: string, label: string): { value: number | null; error?: string } {
  const t = raw.trim();
  if (t === '') return { value: null };
  if (!/^\d+$/.test(t)) return { value: null, error: `${label}: a whole number of 0 or more.` };
  return { value: Number(t) };
}

function parseSpend(raw: string): { value: number | null; error?: string } {
  const t = raw.trim().replace(',', '.');
  if (t === '') return { value: null };
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return { value: null, error: 'Spend: an amount of 0 or more, such as 120.50.' };
  return { value: Number(t) };
}

/**
 * The review of a restarted relationship: health indicators since the last review (started from an
 * imported file when there is one), a verdict, and the outreach made. Completing it schedules the next.
 */
export function ReviewForm({ detail, busy, onSubmit, onCancel }: ReviewFormProps) {
  const id = useId();
  const [reviewId] = useState(() => crypto.randomUUID());
  const start: Partial<Indicators> = detail.imported ?? {};
  const [counts, setCounts] = useState<Record<CountField, string>>({
    serviceContacts: text(start.serviceContacts),
    purchases: text(start.purchases),
    supportTickets: text(start.supportTickets),
  });
  const [spend, setSpend] = useState(text(start.spend));
  const [satisfaction, setSatisfaction] = useState<number | null>(start.satisfaction ?? null);
  const [note, setNote] = useState('');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [outreach, setOutreach] = useState<OutreachKind | ''>('');
  const [outreachNote, setOutreachNote] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const who = detail.name ?? detail.externalId;
  const r = detail.recovery;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: string[] = [];
    const parsed = Object.fromEntries(
      COUNT_FIELDS.map(({ field, label }) => {
        const p = parseCount(counts[field], label);
        if (p.error) problems.push(p.error);
        return [field, p.value];
      }),
    ) as Record<CountField, number | null>;
    const spent = parseSpend(spend);
    if (spent.error) problems.push(spent.error);
    if (verdict === null) problems.push('Choose a verdict: healthy, watch or at risk.');
    if (outreach === '') problems.push('Say what outreach was made (or that there was none).');
    setErrors(problems);
    if (problems.length > 0 || verdict === null || outreach === '') return;
    onSubmit({
      reviewId,
      enrolmentId: detail.enrolmentId,
      ...parsed,
      spend: spent.value,
      satisfaction,
      note,
      verdict,
      outreach,
      outreachNote,
    });
  };

  return (
    <form className="review-form" aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
      <h2 id={`${id}-title`}>Review of {who}</h2>
      <p className="care-facts">
        Recovered <Day day={r.recoveredOn} /> by {r.recoveredBy}
        {r.reasonName ? `, reason: ${r.reasonName}` : ''}
        {r.offerName ? `, accepted: ${r.offerName}` : ', no offer accepted'}. Owner: {detail.ownerName}. {formatMoney(detail.monthlyRevenue)}/month.
        {detail.phone ? ` Phone ${detail.phone}.` : ''}
      </p>
      {detail.nextReviewOn && (
        <p className="care-facts">
          Review due <Day day={detail.nextReviewOn} /> ({describeReviewState(detail.nextReviewOn, detail.today)}).
        </p>
      )}
      {detail.imported && (
        <p className="care-imported" role="note">
          Indicators filled in from {detail.imported.fileName}, imported {new Date(detail.imported.importedAt).toLocaleDateString()}. Check them before saving.
        </p>
      )}
      <fieldset className="review-indicators">
        <legend>Since {formatDay(detail.since)}</legend>
        {COUNT_FIELDS.map(({ field, label }) => (
          <div key={field}>
            <label htmlFor={`${id}-${field}`}>{label}</label>
            <input
              id={`${id}-${field}`}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={counts[field]}
              onChange={(e) => setCounts((c) => ({ ...c, [field]: e.target.value }))}
            />
          </div>
        ))}
        <div>
          <label htmlFor={`${id}-spend`}>Spend</label>
          <input id={`${id}-spend`} type="number" inputMode="decimal" min={0} step={0.01} value={spend} onChange={(e) => setSpend(e.target.value)} />
        </div>
      </fieldset>
      <fieldset className="review-choice">
        <legend>Satisfaction (1 to 5)</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="radio">
            <input type="radio" name={`${id}-satisfaction`} checked={satisfaction === n} onChange={() => setSatisfaction(n)} />
            {n}
          </label>
        ))}
        <label className="radio">
          <input type="radio" name={`${id}-satisfaction`} checked={satisfaction === null} onChange={() => setSatisfaction(null)} />
          Not known
        </label>
      </fieldset>
      <label htmlFor={`${id}-note`}>Review note</label>
      <textarea id={`${id}-note`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      <fieldset className="review-choice">
        <legend>Verdict</legend>
        {VERDICTS.map((v) => (
          <label key={v} className="radio">
            <input type="radio" name={`${id}-verdict`} checked={verdict === v} onChange={() => setVerdict(v)} />
            {VERDICT_LABELS[v]}
          </label>
        ))}
      </fieldset>
      <div className="review-outreach">
        <div>
          <label htmlFor={`${id}-outreach`}>Outreach made</label>
          <select id={`${id}-outreach`} value={outreach} onChange={(e) => setOutreach(e.target.value as OutreachKind | '')}>
            <option value="">Choose…</option>
            {OUTREACH_KINDS.map((k) => (
              <option key={k} value={k}>
                {OUTREACH_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-outreach-note`}>Outreach note</label>
          <input id={`${id}-outreach-note`} type="text" value={outreachNote} onChange={(e) => setOutreachNote(e.target.value)} />
        </div>
      </div>
      {errors.length > 0 && (
        <div role="alert" className="review-errors">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
      <p className="muted">Completing the review schedules the next one for {formatDay(nextReviewOn(detail.today, detail.intervalMonths))}.</p>
      <div className="care-buttons">
        <button type="submit" className="primary" disabled={busy}>
          Complete review
        </button>
        <button type="button" onClick={onCancel}>
          Close without saving
        </button>
      </div>
      {detail.reviews.length > 0 && (
        <>
          <h3>Earlier reviews</h3>
          <ul aria-label="Earlier reviews" className="review-history">
            {detail.reviews.map((rv) => (
              <li key={rv.id}>
                <Day day={rv.reviewedOn} /> by {rv.reviewer}: <strong>{VERDICT_LABELS[rv.verdict]}</strong>
                {rv.satisfaction !== null ? `, satisfaction ${rv.satisfaction}/5` : ''}. {OUTREACH_LABELS[rv.outreach]}
                {rv.outreachNote ? ` (${rv.outreachNote})` : ''}.{rv.note ? ` ${rv.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </form>
  );
}
