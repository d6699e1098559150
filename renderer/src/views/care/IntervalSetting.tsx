import { said } from '../../../../shared/i18n/said';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REVIEW_INTERVAL_MONTHS, MIN_REVIEW_INTERVAL_MONTHS } from '../../../../shared/domain/care';
import { api } from '../../api/client';
import { useAppStore } from '../../store';

/** The manager's review interval; a change applies from the next scheduling on. */
export function IntervalSetting({ onSaved }: { onSaved: () => void }) {
  const id = useId();
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const [months, setMonths] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  useEffect(() => {
    api()
      .call('care.getSettings', {})
      .then((s) => {
        setSaved(s.reviewIntervalMonths);
        setMonths(String(s.reviewIntervalMonths));
      })
      .catch(reportError);
  }, [reportError]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(months);
    if (!Number.isInteger(n) || n < MIN_REVIEW_INTERVAL_MONTHS || n > MAX_REVIEW_INTERVAL_MONTHS) {
      setError(t('care.interval.error', { min: MIN_REVIEW_INTERVAL_MONTHS, max: MAX_REVIEW_INTERVAL_MONTHS }));
      return;
    }
    setError(null);
    try {
      const s = await api().call('care.setSettings', { reviewIntervalMonths: n });
      setSaved(s.reviewIntervalMonths);
      notify('info', said('care.interval.saved', { count: s.reviewIntervalMonths }));
      onSaved();
    } catch (err) {
      reportError(err);
    }
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{t('care.interval.title')}</h2>
      <label htmlFor={`${id}-months`}>{t('care.interval.months')}</label>
      <input id={`${id}-months`} type="number" min={MIN_REVIEW_INTERVAL_MONTHS} max={MAX_REVIEW_INTERVAL_MONTHS} step={1} value={months} onChange={(e) => setMonths(e.target.value)} />
      <button type="submit" disabled={saved !== null && String(saved) === months}>
        {t('care.interval.save')}
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </form>
  );
}
