import type { Preview } from '../../../../shared/api/outreach';

/** A message as the customer will read it, or why it cannot be written for them. */
export function MessagePreview({ preview }: { preview: Preview }) {
  if (!preview.ok) {
    return (
      <p className="field-error" role="alert">
        This message cannot be written: {preview.problem}
      </p>
    );
  }
  return (
    <article className="message-preview" aria-label="Message preview">
      <dl>
        <dt>To</dt>
        <dd>{preview.to ?? 'by letter'}</dd>
        <dt>Subject</dt>
        <dd>{preview.subject}</dd>
      </dl>
      <pre>{preview.body}</pre>
    </article>
  );
}
