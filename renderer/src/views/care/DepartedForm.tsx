import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { formatDay } from '../../lib/format';
import type { CareItem } from '../../../../shared/api/care';

export interface DepartedFormProps {
  item: CareItem;
  today: string;
  busy: boolean;
  onConfirm: (departedOn: string, note: string) => void;
  onCancel: () => void;
}

/** The manager's "Mark as departed again": when they left, and why if known. */
export function DepartedForm({ item, today, busy, onConfirm, onCancel }: DepartedFormProps) {
  const id = useId();
  const [day, setDay] = useState(today);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const who = item.name ?? item.externalId;
  const { t } = useTranslation();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return setError(t('care.departed.errorDay'));
    if (day < item.recoveredOn) return setError(t('care.departed.errorBefore', { name: who, day: formatDay(item.recoveredOn) }));
    if (day > today) return setError(t('care.departed.errorFuture'));
    setError(null);
    onConfirm(day, note);
  };

  return (
    <form className="departed-form" aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
      <h2 id={`${id}-title`}>{t('care.departed.title', { name: who })}</h2>
      <p>
        <Trans i18nKey="care.departed.intro" values={{ day: formatDay(item.recoveredOn) }} components={{ 1: <time dateTime={item.recoveredOn} /> }} />
      </p>
      <div className="field-row">
        <div>
          <label htmlFor={`${id}-day`}>{t('care.departed.day')}</label>
          <input ref={first} id={`${id}-day`} type="date" value={day} min={item.recoveredOn} max={today} onChange={(e) => setDay(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${id}-note`}>{t('care.departed.note')}</label>
          <input id={`${id}-note`} type="text" value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="care-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('care.departed.confirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('care.departed.cancel')}
        </button>
      </div>
    </form>
  );
}
