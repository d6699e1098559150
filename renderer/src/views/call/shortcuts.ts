import { useEffect, useRef } from 'react';
import { OUTCOMES, OUTCOME_LABELS, type Outcome } from '../../../../shared/domain/outcomes';

/**
 * The call's keyboard shortcuts. Alt+letter and Alt+digit work while typing in any field, so the
 * agent never has to look away from the customer's words to move on.
 */
export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 'Alt+N', action: 'Next stage' },
  { keys: 'Alt+P', action: 'Previous stage' },
  ...OUTCOMES.map((o, i) => ({ keys: `Alt+${i + 1}`, action: `Outcome: ${OUTCOME_LABELS[o]}` })),
  { keys: 'Alt+D', action: "Dial the customer's phone" },
  { keys: 'Ctrl+Enter', action: 'Complete call' },
  { keys: '? or F1', action: 'Show these shortcuts (? only outside text fields)' },
  { keys: 'Escape', action: 'Close the shortcut list' },
];

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
