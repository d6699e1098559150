import type { DraftStatus } from '../../store/draftSaver';

const time = (iso: string) => new Date(iso).toLocaleTimeString();

/** Whether every word is safe, in words; announced politely so it never interrupts. */
export function DraftStatusLine({ status, savedAt }: { status: DraftStatus; savedAt: string | null }) {
  let text: string;
  if (status === 'offline') {
    text = 'Not saved yet: the console backend is not answering. What you type is kept in this window and saved as soon as it is back.';
  } else if (status === 'saving' || status === 'unsaved') text = 'Saving draft…';
  else text = savedAt ? `Draft saved at ${time(savedAt)}` : 'Nothing typed yet';
  return (
    <p role="status" aria-label="Draft" className={`draft-status ${status === 'offline' ? 'draft-offline' : ''}`}>
      {text}
    </p>
  );
}

export function RestoredNotice({ restoredFrom }: { restoredFrom: string | null }) {
  if (!restoredFrom) return null;
  const from = restoredFrom === 'this window' ? "this window's copy, which the backend had not confirmed yet" : `the draft saved at ${time(restoredFrom)}`;
  return (
    <p role="status" className="restored">
      Restored from {from}: the call is exactly where it was.
    </p>
  );
}
