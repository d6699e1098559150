import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerLanguage } from '../../../../shared/api/locale';
import { LANGUAGE_NAMES, LANGUAGES, isLanguage, type Language } from '../../../../shared/i18n/languages';
import { api } from '../../api/client';
import { useAppStore } from '../../store';

/**
 * The language the company writes to its customers in, one for the organisation, beside its
 * currency: a message template that still carries its shipped text is sent (and previewed) in it; a
 * template a manager wrote is sent as written. Set from the first manager's language at setup.
 */
export function CustomerLanguageSection() {
  const id = useId();
  const { t } = useTranslation();
  const reportError = useAppStore((s) => s.reportError);
  const notify = useAppStore((s) => s.notify);
  const [current, setCurrent] = useState<CustomerLanguage | null>(null);
  const [chosen, setChosen] = useState<Language>('en');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api()
      .call('locale.customerLanguage', {})
      .then((answer) => {
        setCurrent(answer);
        setChosen(answer.language);
      })
      .catch(reportError);
  }, [reportError]);
  if (!current) return <p aria-busy="true">{t('common.loading')}</p>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    api()
      .call('locale.setCustomerLanguage', { language: chosen })
      .then((answer) => {
        setCurrent(answer);
        notify('info', t('customerLanguage.saved', { language: t(`language.names.${answer.language}`) }));
      })
      .catch(reportError)
      .finally(() => setBusy(false));
  };
  return (
    <form className="admin-section" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>{t('customerLanguage.label')}</h2>
      <p className="muted">{t('customerLanguage.hint')}</p>
      {current.source === 'desk' && <p>{t('customerLanguage.fromDesk', { language: t(`language.names.${current.language}`) })}</p>}
      <label htmlFor={`${id}-language`}>{t('customerLanguage.choose')}</label>
      {/* Each language under its own name: what a manager looks for in a list, whatever is on screen. */}
      <select id={`${id}-language`} value={chosen} onChange={(e) => isLanguage(e.target.value) && setChosen(e.target.value)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
      <div>
        <button type="submit" className="primary" disabled={busy || (chosen === current.language && current.source === 'setting')}>
          {t('customerLanguage.save')}
        </button>
      </div>
    </form>
  );
}
