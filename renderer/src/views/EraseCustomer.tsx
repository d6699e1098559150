import { useId, useState } from 'react';

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
  const id = useId();
  const [confirm, setConfirm] = useState('');
  return (
    <details className="erase-customer">
      <summary>Erase this customer</summary>
      <form
        aria-label="Erase this customer"
        onSubmit={(e) => {
          e.preventDefault();
          onErase(confirm);
        }}
      >
        <p>
          Removes their name, number, email, notes, their words and every free text of their calls from this console, on their
          request. Reports keep counting them anonymously; their number and email stay on the ledger, hashed, and are never contacted
          again. This cannot be undone, and files already exported are not reached.
        </p>
        <label htmlFor={`${id}-confirm`}>Type the customer id ({externalId}) to confirm</label>
        <input id={`${id}-confirm`} value={confirm} autoComplete="off" onChange={(e) => setConfirm(e.target.value)} />
        <button type="submit" className="danger" disabled={busy || confirm.trim() !== externalId}>
          Erase {externalId}
        </button>
      </form>
    </details>
  );
}
