import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import { INFO_NOTICE_MS, type Notice } from '../store/noticeSlice';
import { sayOr } from '../i18n/said';

function NoticeLine({ notice, dismiss }: { notice: Notice; dismiss: (id: number) => void }) {
  useEffect(() => {
    if (notice.kind !== 'info') return undefined;
    const timer = setTimeout(() => dismiss(notice.id), INFO_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice.kind, notice.id, dismiss]);
  const onDismiss = () => dismiss(notice.id);
  // `t` changes with the language: the notice is said again in the one now chosen.
  const { t } = useTranslation();
  const text = sayOr(notice.said, notice.text, t);
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{text}</span>
      <button type="button" onClick={onDismiss} aria-label={t('shell.notices.dismiss', { text })}>
        ×
      </button>
    </div>
  );
}

/**
 * Messages for the person: failed backend calls and confirmations, in a strip of their own above
 * the view (never over it, so never over the call's controls). Errors are announced at once and
 * stay until dismissed or until what they describe changes; confirmations fade.
 */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  const { t } = useTranslation();
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="region" aria-label={t('shell.notices.label')}>
      {notices.map((n) => (
        <NoticeLine key={n.id} notice={n} dismiss={dismiss} />
      ))}
    </div>
  );
}
