import type { CustomerCard } from '../../../shared/api/customers';
import { getCustomerRow } from '../../../db/repos/customers';
import { listCallsOfCustomer } from '../../../db/repos/calls';
import type { HandlerGroup } from '../types';
import { customerProfile } from './profile';
import { customerBlock } from '../../../db/repos/permissions';
import { consentOf } from '../../../db/repos/consents';
import { appError } from '../i18n/errors';

export const customerHandlers: HandlerGroup<'customers.get'> = {
  'customers.get': (deps, input): CustomerCard => {
    const row = getCustomerRow(deps.db, input.id);
    if (!row) throw appError('not_found', 'customer.notFound', { id: String(input.id) });
    return {
      id: row.id,
      ...customerProfile(row),
      timezone: row.timezone,
      statedReason: row.stated_reason_text,
      statedReasonMapped: row.stated_reason_name,
      reasonCategory: row.category_name,
      cycle: row.cycle_name,
      doNotContact: row.do_not_contact === 1,
      controlGroup: row.control_group === 1,
      callBlock: customerBlock(deps.db, row, 'call', deps.now()),
      consent: consentOf(deps.db, row.id),
      calls: listCallsOfCustomer(deps.db, row.id).map((c) => ({
        id: c.id,
        at: c.completed_at,
        caller: c.caller_name,
        outcome: c.outcome,
        diagnosedReason: c.diagnosed_reason,
      })),
    };
  },
};
