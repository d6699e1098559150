import { createHash } from 'node:crypto';
import type { PermissionChange } from '../../shared/sync/permissionsHubApi';

/** Who the ledger names for an unsubscribe: the customer themselves, by the link in an email. */
export const UNSUBSCRIBE_ADDED_BY = 'The customer (unsubscribe link)';

/**
 * The ledger entry an unsubscribe makes: no more emails to this customer, on their word
 * (source "customer"), for every desk. Its uid comes from the customer and the message, so the
 * same objection recorded twice (a second click, the backfill of older ones) is one entry.
 */
export function objectionLedgerChange(externalId: string, messageId: string, at: string): PermissionChange {
  const digest = createHash('sha256').update(`unsubscribe.v1\n${externalId}\n${messageId}`).digest('hex').slice(0, 40);
  return {
    type: 'entry',
    uid: `unsubscribe-${digest}`,
    kind: 'customer',
    value: externalId,
    scope: 'email',
    source: 'customer',
    note: 'Unsubscribed with the link in an email',
    addedAt: at,
    addedBy: UNSUBSCRIBE_ADDED_BY,
    expiresAt: null,
  };
}
