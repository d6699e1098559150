import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { callShortcuts } from './shortcuts';
import { ShortcutTable } from '../../components/ShortcutTable';

/** The list of shortcuts as a modal dialog; Escape or Close returns focus to where it was. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="overlay">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-title"
        className="dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
          // Keep focus inside: the only control is Close.
          if (e.key === 'Tab') {
            e.preventDefault();
            closeRef.current?.focus();
          }
        }}
      >
        <h2 id="shortcut-title">{t('call.shortcuts.title')}</h2>
        <ShortcutTable caption={t('call.shortcuts.caption')} captionHidden shortcuts={callShortcuts(t)} />
        <button ref={closeRef} type="button" onClick={onClose}>
          {t('call.shortcuts.close')}
        </button>
      </div>
    </div>
  );
}
