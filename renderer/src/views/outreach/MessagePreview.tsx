import { useTranslation } from 'react-i18next';
import type { Preview } from '../../../../shared/api/outreach';
import { sayKept } from '../../i18n/said';

/** A message as the customer will read it, or why it cannot be written for them. */
export function MessagePreview({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  if (!preview.ok) {
    return (
      <p className="field-error" role="alert">
        {t('outreach.preview.cannot', { problem: sayKept(preview.problem, t) })}
      </p>
    );
  }
  return (
    <article className="message-preview" aria-label={t('outreach.preview.label')}>
      <dl>
        <dt>{t('outreach.preview.to')}</dt>
        <dd>{preview.to ?? t('outreach.preview.byLetter')}</dd>
        <dt>{t('outreach.preview.subject')}</dt>
        <dd>{preview.subject}</dd>
      </dl>
      <pre>{preview.body}</pre>
    </article>
  );
}
