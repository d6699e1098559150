import type { Person } from '../../../shared/api/session';
import type { CallState } from '../../../shared/domain/callMachine';
import { getCustomerRow } from '../../../db/repos/customers';
import { getCallRow } from '../../../db/repos/calls';
import { saveDraft } from '../../../db/repos/drafts';
import { renewLease } from '../../../db/repos/callLeases';
import { leaseExpiry } from './session';
import type { ServiceDeps } from '../types';
import { appError } from '../i18n/errors';

/**
 * Saves the open call as it stands. Called within a second of every change, so it does one small
 * durable write and nothing else. A draft of a call already completed is refused: a late save must
 * never bring a finished call back to life.
 */
export function saveCallDraft(deps: ServiceDeps, caller: Person, state: CallState): { savedAt: string } {
  const { db } = deps;
  if (!getCustomerRow(db, state.customerId)) throw appError('not_found', 'customer.notFound', { id: String(state.customerId) });
  if (getCallRow(db, state.callId)) throw appError('conflict', 'call.draftAfterCompleted');
  const savedAt = deps.now().toISOString();
  saveDraft(db, { customerId: state.customerId, callerId: caller.id, state: JSON.stringify(state), updatedAt: savedAt });
  // Work on the call keeps its customer leased.
  renewLease(db, state.customerId, caller.id, leaseExpiry(deps.now()));
  return { savedAt };
}
