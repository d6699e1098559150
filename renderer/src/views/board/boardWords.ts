import type { TFunction } from 'i18next';
import type { BoardRow } from '../../../../shared/sync/board';
import { formattingLocaleNow } from '../../lib/format';

/** The state in words, as the floor says it: "In a call, stage Listen". */
export function stateInWords(t: TFunction, row: BoardRow): string {
  switch (row.state) {
    case 'in_call':
      return row.stage ? t('board.words.inCallStage', { stage: t(`board.stage.${row.stage}`) }) : t('board.state.in_call');
    case 'paused':
      return row.pauseReason ? t('board.words.pausedFor', { reason: row.pauseReason }) : t('board.state.paused');
    case 'offline':
      if (row.since === null) return t('board.words.neverConnected');
      return row.silent ? t('board.words.silent') : t('board.words.signedOff');
    default:
      return t(`board.state.${row.state}`);
  }
}

/** How long, for a screen reader: words, not abbreviations, in the person's language. */
export function spokenDuration(t: TFunction, seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return t('board.duration.seconds', { count: s });
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return t('board.duration.minutes', { count: minutes });
  return t('board.duration.hoursMinutes', {
    hours: t('board.duration.hours', { count: Math.floor(minutes / 60) }),
    minutes: t('board.duration.minutes', { count: minutes % 60 }),
  });
}

/** A time of day as the person's locale writes it ("14:05", "2:05 PM"). */
export function formatTime(ms: number): string {
  return new Intl.DateTimeFormat(formattingLocaleNow(), { timeStyle: 'medium' }).format(new Date(ms));
}
