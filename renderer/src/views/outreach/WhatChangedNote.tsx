import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDate } from '../../lib/format';

type Note = { whatChanged: string; fixedOn: string | null; issueTitle: string | null };

/**
 * "What changed since you left": shown in the Apologize and Offer stages when this call comes
 * from a "we fixed it" outreach, so the caller can tell the customer exactly what was fixed.
 * Supplementary: if it cannot be read, the call goes on without it.
 */
export function WhatChangedNote({ customerId }: { customerId: number }) {
  const [notes, setNotes] = useState<Note[]>([]);
  const { t } = useTranslation();
  useEffect(() => {
    let live = true;
    api()
      .call('outreach.callNote', { customerId })
      .then((r) => live && setNotes(r.notes))
      .catch(() => live && setNotes([]));
    return () => {
      live = false;
    };
  }, [customerId]);
  if (notes.length === 0) return null;
  return (
    <aside className="guidance what-changed" aria-label={t('outreach.note.label')}>
      {notes.map((n, i) => (
        <p key={i}>
          <strong>{t('outreach.note.title')}</strong>
          {n.whatChanged}
          {n.fixedOn ? t('outreach.note.since', { day: formatDate(n.fixedOn) }) : ''}
        </p>
      ))}
    </aside>
  );
}
