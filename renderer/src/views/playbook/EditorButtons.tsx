import { useTranslation } from 'react-i18next';

/** The buttons under a playbook form: save (or add), and cancel when editing an existing entry. */
export function FormActions({ submitLabel, busy, onCancel }: { submitLabel: string; busy: boolean; onCancel?: (() => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="row-actions">
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t('playbook.cancel')}
        </button>
      )}
    </div>
  );
}

/**
 * Retire or restore a category, reason or offer. Retiring never deletes: earlier calls and reports
 * keep the entry; it is only no longer offered on new calls.
 */
export function RetireToggle({
  name,
  retired,
  busy,
  onToggle,
  className,
}: {
  name: string;
  retired: boolean;
  busy: boolean;
  onToggle: () => void;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <button type="button" className={className} disabled={busy} onClick={onToggle}>
      {retired ? t('playbook.restore', { name }) : t('playbook.retire', { name })}
    </button>
  );
}
