import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_RETENTION_MONTHS, type RetentionSettings } from '../../../../shared/api/privacy';
import { api } from '../../api/client';
import { formatCount, formatDateTime } from '../../lib/format';
import { useAppStore } from '../../store';

export interface RetentionFormProps {
  settings: RetentionSettings;
  busy: boolean;
  onSave: (months: number | null, daily: boolean) => void;
}

type Problem = { field: 'months' | 'daily'; message: string } | null;

/** The months as typed: empty is off; anything else a whole number from 1 to the maximum, or a problem to show on the field. */
function readMonths(text: string): { ok: true; months: number | null } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, months: null };
  if (!/^\d+$/.test(trimmed)) return { ok: false };
  const months = Number(trimmed);
  return months >= 1 && months <= MAX_RETENTION_MONTHS ? { ok: true, months } : { ok: false };
}

/**
 * Retention by age for managers: how long personal data is kept after a customer departs (and
 * is not called since), whether the console applies it by itself every day, and when it last did.
 */
export function RetentionForm({ settings, busy, onSave }: RetentionFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [months, setMonths] = useState(settings.months === null ? '' : String(settings.months));
  const [daily, setDaily] = useState(settings.daily);
  const [problem, setProblem] = useState<Problem>(null);
  const describedBy = (field: 'months' | 'daily', hint?: string) => [hint, problem?.field === field ? `${id}-${field}-problem` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <section aria-labelledby={`${id}-title`} className="admin-section">
      <h2 id={`${id}-title`}>{t('admin.retention.title')}</h2>
      <p>
        {settings.months === null ? t('admin.retention.off') : t('admin.retention.on', { count: settings.months })}{' '}
        {settings.wouldErase !== null && t('admin.retention.wouldErase', { count: settings.wouldErase, total: formatCount(settings.wouldErase) })}
      </p>
      <p>
        {settings.lastRun === null
          ? t('admin.retention.noRunYet')
          : t('admin.retention.lastRun', { date: formatDateTime(settings.lastRun.at), count: settings.lastRun.erased, total: formatCount(settings.lastRun.erased) })}{' '}
        {settings.nextRunAt === null ? t('admin.retention.dailyOff') : t('admin.retention.nextRun', { date: formatDateTime(settings.nextRunAt) })}
      </p>
      <form
        aria-label={t('admin.retention.form')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const read = readMonths(months);
          if (!read.ok) {
            setProblem({ field: 'months', message: t('admin.retention.problem.months', { max: MAX_RETENTION_MONTHS }) });
            document.getElementById(`${id}-months`)?.focus();
            return;
          }
          if (daily && read.months === null) {
            setProblem({ field: 'daily', message: t('admin.retention.problem.dailyNeedsMonths') });
            document.getElementById(`${id}-daily`)?.focus();
            return;
          }
          setProblem(null);
          onSave(read.months, daily);
        }}
      >
        <label htmlFor={`${id}-months`}>{t('admin.retention.months')}</label>
        <input
          id={`${id}-months`}
          type="text"
          inputMode="numeric"
          value={months}
          aria-invalid={problem?.field === 'months'}
          aria-describedby={describedBy('months', `${id}-months-hint`)}
          onChange={(e) => {
            setMonths(e.target.value);
            setProblem(null);
          }}
        />
        <p id={`${id}-months-hint`} className="hint">
          {t('admin.retention.monthsHint')}
        </p>
        {problem?.field === 'months' && (
          <p id={`${id}-months-problem`} className="field-error">
            {problem.message}
          </p>
        )}
        <label className="radio">
          <input
            id={`${id}-daily`}
            type="checkbox"
            checked={daily}
            aria-invalid={problem?.field === 'daily'}
            aria-describedby={describedBy('daily')}
            onChange={(e) => {
              setDaily(e.target.checked);
              setProblem(null);
            }}
          />
          {t('admin.retention.daily')}
        </label>
        {problem?.field === 'daily' && (
          <p id={`${id}-daily-problem`} className="field-error">
            {problem.message}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('admin.retention.save')}
        </button>
      </form>
    </section>
  );
}

export function RetentionSection() {
  const { t } = useTranslation();
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const [settings, setSettings] = useState<RetentionSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    () =>
      api()
        .call('privacy.retention', {})
        .then(setSettings)
        .catch((error: unknown) => reportError(error, 'retention')),
    [reportError],
  );
  useEffect(() => {
    void load();
  }, [load]);
  if (!settings) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <RetentionForm
      key={`${settings.months ?? ''}-${settings.daily}`}
      settings={settings}
      busy={busy}
      onSave={(months, daily) => {
        setBusy(true);
        api()
          .call('privacy.retention.set', { months, daily })
          .then((saved) => {
            setSettings(saved);
            notify(
              'info',
              saved.months === null
                ? t('admin.retention.savedOff')
                : t(saved.daily ? 'admin.retention.savedDaily' : 'admin.retention.savedByHand', { count: saved.months }),
              'retention',
            );
          })
          .catch((error: unknown) => reportError(error, 'retention'))
          .finally(() => setBusy(false));
      }}
    />
  );
}
