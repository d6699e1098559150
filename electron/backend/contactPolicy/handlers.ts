import type { HandlerGroup } from '../types';
import { readContactPolicy, writeContactPolicy } from '../../../db/repos/contactPolicy';
import { audit } from '../../../db/repos/audit';
import { startCall } from '../call/session';
import { callingStatus } from '../call/contactRules';
import { getCustomerRow } from '../../../db/repos/customers';
import { appError } from '../i18n/errors';

/** The manager's rules around calling hours and retries, and a call started outside hours with a reason. */
export const contactPolicyHandlers: HandlerGroup<'contactPolicy.get' | 'contactPolicy.save' | 'contactPolicy.status' | 'call.startOutsideHours'> = {
  'contactPolicy.get': (deps) => readContactPolicy(deps.db),
  'contactPolicy.save': (deps, input, ctx) => {
    const at = deps.now().toISOString();
    deps.db.transaction(() => {
      writeContactPolicy(deps.db, input);
      audit(deps.db, { at, actorId: ctx.user.id, action: 'contactPolicy.save', entity: 'settings', detail: input });
    })();
    return readContactPolicy(deps.db);
  },
  'contactPolicy.status': (deps, input) => {
    const row = getCustomerRow(deps.db, input.customerId);
    if (!row) throw appError('not_found', 'customer.notFound', { id: String(input.customerId) });
    return callingStatus(deps, row, input.callId);
  },
  'call.startOutsideHours': (deps, input, ctx) => startCall(deps, ctx.user, { customerId: input.customerId }, input.reason),
};
