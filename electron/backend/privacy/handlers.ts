import type { HandlerGroup } from '../types';
import { AppError } from '../../../shared/api/result';
import { getCustomerRow } from '../../../db/repos/customers';
import { eraseCustomer } from './erase';

export const privacyHandlers: HandlerGroup<'privacy.erase'> = {
  'privacy.erase': (deps, input, ctx) => {
    const row = getCustomerRow(deps.db, input.customerId);
    if (!row) throw new AppError('not_found', `No customer with id ${input.customerId}.`);
    if (input.confirm !== row.external_id) throw new AppError('invalid_input', "The confirmation does not match: type the customer's id exactly. Nothing was erased.");
    const result = eraseCustomer(deps.db, ctx.user, row.id, deps.now());
    deps.log.info('customer erased', { calls: result.calls });
    return result;
  },
};
