import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES, isUiLanguage, type UiLanguage } from '../../../shared/i18n/languages';
import { systemLanguage } from '../i18n';
import { useAppStore } from '../store';

export interface LanguageSelectProps {
  /** The chosen language; null follows the system's. */
  language: UiLanguage | null;
  onChange: (language: UiLanguage | null) => void;
  className?: string;
}

const SYSTEM = 'system';

/**
 * The console's languages, each under its own name (a person looks for "Deutsch", whatever is on
 * screen now), and the system's language first: what applies when nobody chose.
 */
export function LanguageSelect({ language, onChange, className }: LanguageSelectProps) {
  const { t } = useTranslation();
  const system = systemLanguage();
  const systemName = system === 'en-XA' || system === 'ar-XB' ? system : LANGUAGE_NAMES[system];
  return (
    <label className={className ?? 'language-select'}>
      {t('language.label')}{' '}
      <select
        value={language ?? SYSTEM}
        onChange={(e) => onChange(isUiLanguage(e.target.value) ? e.target.value : null)}
      >
        <option value={SYSTEM}>{t('language.systemDefault', { language: systemName })}</option>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The person's language, from preferences: saved for whoever is signed in on this desk. */
export function LanguageSwitcher() {
  const chosen = useAppStore((s) => s.chosenLanguage);
  const setLanguage = useAppStore((s) => s.setLanguage);
  return <LanguageSelect language={chosen} onChange={(l) => void setLanguage(l)} />;
}
