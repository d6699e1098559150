import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../../shared/i18n/languages';
import { MAX_OWN_NAME, type OwnNames } from '../../../../shared/i18n/taxonomyNames';
import { FormActions } from './EditorButtons';

/**
 * A reason's or category's own name in each shipped language. The stored name stays (the hub and
 * earlier calls keep it); a language left blank shows the usual name in it. A name too long is said
 * at its field before anything is sent.
 */
export function OwnNamesForm({
  name,
  initial,
  busy,
  onSave,
  onCancel,
}: {
  /** The entry as the manager reads it now. */
  name: string;
  initial: OwnNames;
  busy: boolean;
  onSave: (names: Record<Language, string>) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const { t } = useTranslation();
  const [names, setNames] = useState<Record<Language, string>>(() => ({ en: initial.en ?? '', es: initial.es ?? '', de: initial.de ?? '', fr: initial.fr ?? '' }));
  const [tooLong, setTooLong] = useState<Language | null>(null);
  return (
    <form
      className="stack-form"
      aria-label={t('playbook.taxonomy.ownNamesForm', { name })}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const over = LANGUAGES.find((l) => names[l].trim().length > MAX_OWN_NAME) ?? null;
        setTooLong(over);
        if (over !== null) {
          document.getElementById(`${id}-${over}`)?.focus();
          return;
        }
        onSave(names);
      }}
    >
      <p id={`${id}-hint`} className="hint">
        {t('playbook.taxonomy.ownNamesHint')}
      </p>
      {LANGUAGES.map((language) => (
        <div key={language} className="stack-form">
          <label htmlFor={`${id}-${language}`}>{t('playbook.taxonomy.nameIn', { language: t(`language.names.${language}`) })}</label>
          <input
            id={`${id}-${language}`}
            lang={language}
            value={names[language]}
            aria-invalid={tooLong === language}
            aria-describedby={tooLong === language ? `${id}-hint ${id}-${language}-problem` : `${id}-hint`}
            onChange={(e) => {
              setNames({ ...names, [language]: e.target.value });
              if (tooLong === language) setTooLong(null);
            }}
          />
          {tooLong === language && (
            <p id={`${id}-${language}-problem`} className="field-error">
              {t('playbook.taxonomy.ownNameTooLong', { max: MAX_OWN_NAME, length: names[language].trim().length })}
            </p>
          )}
        </div>
      ))}
      <FormActions submitLabel={t('playbook.taxonomy.saveOwnNames')} busy={busy} onCancel={onCancel} />
    </form>
  );
}
