import { useId, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CareDetail, Indicators, ReviewInput } from '../../../../shared/api/care';
import {
  OUTREACH_KINDS,
  VERDICTS,
  nextReviewOn,
  type OutreachKind,
  type Verdict,
} from '../../../../shared/domain/care';
import { formatDate, formatDay, formatMoney } from '../../lib/format';
import { reviewStateText } from './reviewState';

export interface ReviewFormProps {
  detail: CareDetail;
  busy: boolean;
  onSubmit: (input: ReviewInput) => void;
  onCancel: () => void;
}

type CountField = 'serviceContacts' | 'purchases' | 'supportTickets';
const COUNT_FIELDS: { field: CountField; label: 'care.review.serviceContacts' | 'care.review.purchases' | 'care.review.supportTickets' }[] = [
  { field: 'serviceContacts', label: 'care.review.serviceContacts' },
  { field: 'purchases', label: 'care.review.purchases' },
  { field: 'supportTickets', label: 'care.review.supportTickets' },
];

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

function parseCount(t: TFunction, raw: string, label: string): { value: number | null; error?: string } {
  const text = raw.trim();
  if (text === '') return { value: null };
  if (!/^\d+$/.test(text)) return { value: null, error: t('care.review.errorCount', { label }) };
  return { value: Number(text) };
}

function parseSpend(t: TFunction, raw: string): { value: number | null; error?: string } {
  const text = raw.trim().replace(',', '.');
  if (text === '') return { value: null };
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return { value: null, error: t('care.review.errorSpend', { example: formatMoney(120.5) }) };
  return { value: Number(text) };
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
  const { t } = useTranslation();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: string[] = [];
    const parsed = Object.fromEntries(
      COUNT_FIELDS.map(({ field, label }) => {
        const p = parseCount(t, counts[field], t(label));
        if (p.error) problems.push(p.error);
        return [field, p.value];
      }),
    ) as Record<CountField, number | null>;
    const spent = parseSpend(t, spend);
    if (spent.error) problems.push(spent.error);
    if (verdict === null) problems.push(t('care.review.errorVerdict'));
    if (outreach === '') problems.push(t('care.review.errorOutreach'));
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
      <h2 id={`${id}-title`}>{t('care.review.title', { name: who })}</h2>
      <p className="care-facts">
        <Trans
          i18nKey={r.reasonName ? (r.offerName ? 'care.review.factsReasonOffer' : 'care.review.factsReason') : r.offerName ? 'care.review.factsOffer' : 'care.review.facts'}
          values={{ day: formatDay(r.recoveredOn), name: r.recoveredBy, reason: r.reasonName ?? '', offer: r.offerName ?? '' }}
          components={{ 1: <time dateTime={r.recoveredOn} /> }}
        />{' '}
        {t('care.review.owner', { name: detail.ownerName, amount: formatMoney(detail.monthlyRevenue) })}
        {detail.phone ? ` ${t('care.review.phone', { phone: detail.phone })}` : ''}
      </p>
      {detail.nextReviewOn && (
        <p className="care-facts">
          <Trans
            i18nKey="care.review.dueOn"
            values={{ day: formatDay(detail.nextReviewOn), state: reviewStateText(t, detail.nextReviewOn, detail.today) }}
            components={{ 1: <time dateTime={detail.nextReviewOn} /> }}
          />
        </p>
      )}
      {detail.imported && (
        <p className="care-imported" role="note">
          {t('care.review.imported', { file: detail.imported.fileName, day: formatDate(detail.imported.importedAt) })}
        </p>
      )}
      <fieldset className="review-indicators">
        <legend>{t('care.review.since', { day: formatDay(detail.since) })}</legend>
        {COUNT_FIELDS.map(({ field, label }) => (
          <div key={field}>
            <label htmlFor={`${id}-${field}`}>{t(label)}</label>
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
          <label htmlFor={`${id}-spend`}>{t('care.review.spend')}</label>
          <input id={`${id}-spend`} type="number" inputMode="decimal" min={0} step={0.01} value={spend} onChange={(e) => setSpend(e.target.value)} />
        </div>
      </fieldset>
      <fieldset className="review-choice">
        <legend>{t('care.review.satisfaction')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="radio">
            <input type="radio" name={`${id}-satisfaction`} checked={satisfaction === n} onChange={() => setSatisfaction(n)} />
            {n}
          </label>
        ))}
        <label className="radio">
          <input type="radio" name={`${id}-satisfaction`} checked={satisfaction === null} onChange={() => setSatisfaction(null)} />
          {t('care.review.notKnown')}
        </label>
      </fieldset>
      <label htmlFor={`${id}-note`}>{t('care.review.note')}</label>
      <textarea id={`${id}-note`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      <fieldset className="review-choice">
        <legend>{t('care.review.verdict')}</legend>
        {VERDICTS.map((v) => (
          <label key={v} className="radio">
            <input type="radio" name={`${id}-verdict`} checked={verdict === v} onChange={() => setVerdict(v)} />
            {t(`care.verdict.${v}`)}
          </label>
        ))}
      </fieldset>
      <div className="review-outreach">
        <div>
          <label htmlFor={`${id}-outreach`}>{t('care.review.outreachMade')}</label>
          <select id={`${id}-outreach`} value={outreach} onChange={(e) => setOutreach(e.target.value as OutreachKind | '')}>
            <option value="">{t('care.review.choose')}</option>
            {OUTREACH_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`care.outreach.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-outreach-note`}>{t('care.review.outreachNote')}</label>
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
      <p className="muted">{t('care.review.next', { day: formatDay(nextReviewOn(detail.today, detail.intervalMonths)) })}</p>
      <div className="care-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('care.review.complete')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('care.review.closeWithoutSaving')}
        </button>
      </div>
      {detail.reviews.length > 0 && (
        <>
          <h3>{t('care.review.earlier')}</h3>
          <ul aria-label={t('care.review.earlier')} className="review-history">
            {detail.reviews.map((rv) => (
              <li key={rv.id}>
                <Trans
                  i18nKey={rv.satisfaction === null ? 'care.review.earlierItem' : 'care.review.earlierItemScore'}
                  values={{ day: formatDay(rv.reviewedOn), name: rv.reviewer, verdict: t(`care.verdict.${rv.verdict}`), score: rv.satisfaction ?? 0 }}
                  components={{ 0: <time dateTime={rv.reviewedOn} />, 2: <strong /> }}
                />{' '}
                {rv.outreachNote
                  ? t('care.review.earlierOutreachNote', { outreach: t(`care.outreach.${rv.outreach}`), note: rv.outreachNote })
                  : t('care.review.earlierOutreach', { outreach: t(`care.outreach.${rv.outreach}`) })}
                {rv.note ? ` ${rv.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </form>
  );
}
