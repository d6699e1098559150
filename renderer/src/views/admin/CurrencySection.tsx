import { said } from '../../../../shared/i18n/said';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formattingLocaleNow } from '../../lib/format';
import { useAppStore } from '../../store';

/** Every ISO 4217 code the runtime knows, with its name in the person's language, by code. */
function currencyChoices(locale: string, current: string): { code: string; name: string }[] {
  let codes: string[];
  try {
    codes = Intl.supportedValuesOf('currency');
  } catch {
    codes = ['EUR', 'USD', 'GBP', 'CHF', 'CAD', 'MXN'];
  }
  if (!codes.includes(current)) codes = [...codes, current];
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: 'currency' });
  } catch {
    names = null;
  }
  return [...codes].sort().map((code) => ({ code, name: names?.of(code) ?? code }));
}

/**
 * The organisation's currency, one for every desk (revenue is summed across desks and on the hub):
 * a manager picks its ISO 4217 code; until then the first import's signs or the desk's region decide.
 */
export function CurrencySection() {
  const id = useId();
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const currency = useAppStore((s) => s.currency);
  const source = useAppStore((s) => s.currencySource);
  const setCurrency = useAppStore((s) => s.setCurrency);
  const notify = useAppStore((s) => s.notify);
  const [code, setCode] = useState(currency);
  const [busy, setBusy] = useState(false);
  useEffect(() => setCode(currency), [currency]);
  // Named in the language on screen: re-read when it changes.
  const choices = useMemo(() => currencyChoices(formattingLocaleNow(), currency), [language, currency]); // eslint-disable-line react-hooks/exhaustive-deps
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    void setCurrency(code)
      .then((saved) => {
        if (saved) notify('info', said('currency.saved', { currency: code }));
      })
      .finally(() => setBusy(false));
  };
  return (
    <form className="admin-section" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>{t('currency.label')}</h2>
      <p className="muted">{t('currency.hint')}</p>
      {source === 'system' && <p>{t('currency.fromSystem', { currency })}</p>}
      <label htmlFor={`${id}-code`}>{t('currency.code')}</label>
      <select id={`${id}-code`} value={code} onChange={(e) => setCode(e.target.value)}>
        {choices.map((c) => (
          <option key={c.code} value={c.code}>
            {t('currency.option', { code: c.code, name: c.name })}
          </option>
        ))}
      </select>
      <div>
        <button type="submit" className="primary" disabled={busy || (code === currency && source === 'setting')}>
          {t('currency.save')}
        </button>
      </div>
    </form>
  );
}
