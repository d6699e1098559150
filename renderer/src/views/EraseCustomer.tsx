import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface EraseCustomerProps {
  externalId: string;
  busy: boolean;
  onErase: (confirm: string) => void;
}

/**
 * "Erase this customer", for managers: the customer's id typed to confirm, since an erasure cannot
 * be undone. Closed until asked for, so it is never pressed by accident.
 */
export function EraseCustomer({ externalId, busy, onErase }: EraseCustomerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [confirm, setConfirm] = useState('');
  return (
    <details className="erase-customer">
      <summary>{t('card.erase.title')}</summary>
      <form
        aria-label={t('card.erase.title')}
        onSubmit={(e) => {
          e.preventDefault();
          onErase(confirm);
        }}
      >
        <p>{t('card.erase.explain')}</p>
        <label htmlFor={`${id}-confirm`}>{t('card.erase.confirm', { id: externalId })}</label>
        <input id={`${id}-confirm`} value={confirm} autoComplete="off" onChange={(e) => setConfirm(e.target.value)} />
        <button type="submit" className="danger" disabled={busy || confirm.trim() !== externalId}>
          {t('card.erase.submit', { id: externalId })}
        </button>
      </form>
    </details>
  );
}
