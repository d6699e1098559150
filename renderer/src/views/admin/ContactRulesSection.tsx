import { said } from '../../../../shared/i18n/said';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueSettingsInput } from '../../../../shared/api/queue';
import { api } from '../../api/client';
import { useAppStore } from '../../store';
import { Field } from '../../components/Field';
import { RetryPolicySection } from './RetryPolicySection';

const ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

export interface ContactRulesFormProps {
  settings: QueueSettingsInput;
  busy: boolean;
  onSave: (s: QueueSettingsInput) => void;
}

/** Cycles, calling hours in the customer's time, attempts per cycle and the executives' handful. */
export function ContactRulesForm({ settings, busy, onSave }: ContactRulesFormProps) {
  const { t } = useTranslation();
  const [s, setS] = useState(settings);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave(s);
      }}
    >
      <Field label={t('admin.contact.cycles')}>
        {(id) => (
          <select
            id={id}
            value={s.cycleKind}
            onChange={(e) => setS({ ...s, cycleKind: e.target.value as QueueSettingsInput['cycleKind'] })}
          >
            <option value="monthly">{t('admin.contact.monthly')}</option>
            <option value="quarterly">{t('admin.contact.quarterly')}</option>
          </select>
        )}
      </Field>
      <label className="radio">
        <input
          type="checkbox"
          checked={s.callingHoursEnforced}
          onChange={(e) => setS({ ...s, callingHoursEnforced: e.target.checked })}
        />
        {t('admin.contact.enforce')}
      </label>
      <div className="row">
        <Field label={t('admin.contact.from')}>
          {(id) => (
            <input
              id={id}
              type="time"
              value={s.callingWindow.start}
              onChange={(e) => setS({ ...s, callingWindow: { ...s.callingWindow, start: e.target.value } })}
            />
          )}
        </Field>
        <Field label={t('admin.contact.until')}>
          {(id) => (
            <input
              id={id}
              type="time"
              value={s.callingWindow.end}
              onChange={(e) => setS({ ...s, callingWindow: { ...s.callingWindow, end: e.target.value } })}
            />
          )}
        </Field>
      </div>
      <Field label={t('admin.contact.defaultZone')}>
        {(id) => (
          <>
            <input
              id={id}
              list="time-zones"
              value={s.defaultTimezone}
              onChange={(e) => setS({ ...s, defaultTimezone: e.target.value })}
            />
            <datalist id="time-zones">
              {ZONES.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <div className="row">
        <Field label={t('admin.contact.attempts')}>
          {(id) => (
            <input
              id={id}
              type="number"
              min={1}
              max={20}
              value={s.maxAttempts}
              onChange={(e) => setS({ ...s, maxAttempts: Number(e.target.value) })}
            />
          )}
        </Field>
        <Field label={t('admin.contact.executiveCap')}>
          {(id) => (
            <input
              id={id}
              type="number"
              min={1}
              max={100}
              value={s.executiveCap}
              onChange={(e) => setS({ ...s, executiveCap: Number(e.target.value) })}
            />
          )}
        </Field>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {t('admin.contact.save')}
      </button>
    </form>
  );
}

export function ContactRulesSection() {
  const { t } = useTranslation();
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const loadSession = useAppStore((s) => s.loadSession);
  const loadQueue = useAppStore((s) => s.loadQueue);
  const [settings, setSettings] = useState<QueueSettingsInput | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api().call('queue.settings.get', {}).then(setSettings).catch(reportError);
  }, [reportError]);
  return (
    <section aria-labelledby="contact-title" className="admin-section">
      <h2 id="contact-title">{t('admin.sections.contact')}</h2>
      {settings ? (
        <ContactRulesForm
          settings={settings}
          busy={busy}
          onSave={(next) => {
            setBusy(true);
            api()
              .call('queue.settings.save', next)
              .then((saved) => {
                setSettings(saved);
                notify('info', said('admin.contact.saved'));
                void loadSession();
                void loadQueue();
              })
              .catch(reportError)
              .finally(() => setBusy(false));
          }}
        />
      ) : (
        <p aria-busy="true">{t('common.loading')}</p>
      )}
      <RetryPolicySection />
    </section>
  );
}
