import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import { OUTCOMES, type Outcome } from '../../../../shared/domain/outcomes';
import type { Shortcut } from '../../components/ShortcutTable';

/**
 * The call's keyboard shortcuts. Alt+letter and Alt+digit work while typing in any field, so the
 * agent never has to look away from the customer's words to move on.
 */
export function callShortcuts(t: TFunction): Shortcut[] {
  return [
    // Written as the person's keyboard says them; the letters are the keys the handler below reads.
    { keys: t('call.shortcuts.nextKeys'), action: t('call.shortcuts.next') },
    { keys: t('call.shortcuts.previousKeys'), action: t('call.shortcuts.previous') },
    ...OUTCOMES.map((o, i) => ({ keys: t('call.shortcuts.altKeys', { key: String(i + 1) }), action: t('call.shortcuts.outcome', { outcome: t(`call.outcomes.${o}`) }) })),
    { keys: t('call.shortcuts.dialKeys'), action: t('call.shortcuts.dial') },
    { keys: t('call.shortcuts.completeKeys'), action: t('call.shortcuts.complete') },
    { keys: t('call.shortcuts.helpKeys'), action: t('call.shortcuts.help'), id: 'help' },
    { keys: t('call.shortcuts.escapeKeys'), action: t('call.shortcuts.escape') },
  ];
}

export interface CallShortcutHandlers {
  next: () => void;
  previous: () => void;
  outcome: (o: Outcome) => void;
  complete: () => void;
  help: () => void;
  /** Dials the customer's phone, where the call has one. */
  dial?: () => void;
}

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target.isContentEditable) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/** Listens on the window while the call screen is shown; `event.code` so layouts and macOS Option keys agree. */
export function useCallShortcuts(handlers: CallShortcutHandlers, enabled: boolean): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (e: KeyboardEvent) => {
      const h = ref.current;
      let handled = true;
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN') h.next();
      else if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyP') h.previous();
      else if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyD' && h.dial) h.dial();
      else if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-7]$/.test(e.code)) {
        const outcome = OUTCOMES[Number(e.code.slice(5)) - 1];
        if (outcome) h.outcome(outcome);
      } else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') h.complete();
      else if (e.key === 'F1' || (e.key === '?' && !e.altKey && !e.ctrlKey && !typingInto(e.target))) h.help();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
