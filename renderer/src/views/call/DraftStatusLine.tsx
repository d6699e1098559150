import { useTranslation } from 'react-i18next';
import type { DraftStatus } from '../../store/draftSaver';
import { formattingLocaleNow } from '../../lib/format';

const time = (iso: string) => new Date(iso).toLocaleTimeString(formattingLocaleNow());

/** Whether every word is safe, in words; announced politely so it never interrupts. */
export function DraftStatusLine({ status, savedAt }: { status: DraftStatus; savedAt: string | null }) {
  const { t } = useTranslation();
  let text: string;
  if (status === 'offline') text = t('call.draft.offline');
  else if (status === 'saving' || status === 'unsaved') text = t('call.draft.saving');
  else text = savedAt ? t('call.draft.saved', { time: time(savedAt) }) : t('call.draft.empty');
  return (
    <p role="status" aria-label={t('call.draft.label')} className={`draft-status ${status === 'offline' ? 'draft-offline' : ''}`}>
      {text}
    </p>
  );
}

export function RestoredNotice({ restoredFrom }: { restoredFrom: string | null }) {
  const { t } = useTranslation();
  if (!restoredFrom) return null;
  return (
    <p role="status" className="restored">
      {restoredFrom === 'this window' ? t('call.draft.restoredWindow') : t('call.draft.restoredDraft', { time: time(restoredFrom) })}
    </p>
  );
}
