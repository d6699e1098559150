import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';
import { ShortcutTable } from '../../components/ShortcutTable';

/** The list of shortcuts as a modal dialog; Escape or Close returns focus to where it was. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
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
        <h2 id="shortcut-title">Keyboard shortcuts</h2>
        <ShortcutTable caption="Keyboard shortcuts of the call" captionHidden shortcuts={SHORTCUTS} />
        <button ref={closeRef} type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
