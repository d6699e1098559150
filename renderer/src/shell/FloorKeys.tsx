import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useAppStore } from '../store';
import { callShortcuts } from '../views/call/shortcuts';
import { ShortcutTable, type Shortcut } from '../components/ShortcutTable';

/**
 * Keys that work on every view (the call adds its own, listed with them). The key names are the
 * keyboard's own words, translated too: "Entrée", "Eingabe", "Intro" are what the keys say there.
 */
export function globalShortcuts(t: TFunction): Shortcut[] {
  return [
    { keys: '?', action: t('components.keys.help') },
    { keys: '/', action: t('components.keys.search') },
    { keys: t('components.keys.skipKeys'), action: t('components.keys.skip') },
    { keys: t('components.keys.viewsKeys'), action: t('components.keys.views') },
  ];
}

export function queueShortcuts(t: TFunction): Shortcut[] {
  return [
    { keys: t('components.keys.moveKeys'), action: t('components.keys.move') },
    { keys: t('components.keys.openKeys'), action: t('components.keys.open') },
    { keys: t('components.keys.startKeys'), action: t('components.keys.start') },
  ];
}

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/** Every shortcut, grouped, in a modal dialog; Escape or Close returns focus to where it was. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => before?.focus();
  }, []);
  const groups: [string, Shortcut[]][] = [
    [t('components.keys.everywhere'), globalShortcuts(t)],
    [t('components.keys.queue'), queueShortcuts(t)],
    [t('components.keys.inCall'), callShortcuts(t).filter((s) => s.id !== 'help')],
  ];
  return (
    <div className="overlay">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="global-shortcuts-title"
        className="dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
          if (e.key === 'Tab') {
            e.preventDefault();
            closeRef.current?.focus();
          }
        }}
      >
        <h2 id="global-shortcuts-title">{t('components.keys.title')}</h2>
        {groups.map(([title, list]) => (
          <ShortcutTable key={title} className="shortcut-table" caption={title} shortcuts={list} />
        ))}
        <button ref={closeRef} type="button" onClick={onClose}>
          {t('components.keys.close')}
        </button>
      </div>
    </div>
  );
}

/**
 * The keys of the whole console: "?" shows the shortcuts on every view (the call screen shows its
 * own list and marks the key handled), "/" goes to the queue's search.
 */
export function FloorKeys() {
  const [help, setHelp] = useState(false);
  const go = useAppStore((s) => s.go);
  // The call screen has its own "?" (its list, with the call's keys first).
  const callOnScreen = useAppStore((s) => s.view === 'call' && s.activeCall !== null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || typingInto(e.target)) return;
      if (e.key === '?') {
        if (callOnScreen) return;
        e.preventDefault();
        setHelp(true);
      } else if (e.key === '/') {
        e.preventDefault();
        const search = document.getElementById('queue-search');
        if (search) search.focus();
        else {
          go('queue');
          // The Queue mounts on the next frame; its search takes the cursor then.
          requestAnimationFrame(() => document.getElementById('queue-search')?.focus());
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, callOnScreen]);
  return help ? <ShortcutsDialog onClose={() => setHelp(false)} /> : null;
}
