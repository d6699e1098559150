import { AppError } from '../../../shared/api/result';
import { checkPhoneNumber, dialUrl, type DialScheme } from '../../../shared/domain/phone';
import type { HandlerGroup } from '../types';
import type { ServiceDeps } from '../types';
import { readPreferences } from '../preferences/handlers';
import { customerBlock, numberBlock } from '../permissions/ledger';
import { getCustomerRow } from '../../../db/repos/customers';
import { blockedLabel } from '../../../shared/domain/permissions';

/**
 * Click-to-dial: the number (already checked by the channel's schema, checked again here since the
 * URL is built from it) goes to the system's phone handler through the desktop shell. The log names
 * the scheme only, never the number.
 */
export async function openDial(deps: ServiceDeps, number: string, customerId?: number): Promise<{ scheme: DialScheme }> {
  const check = checkPhoneNumber(number);
  if (!check.ok) throw new AppError('invalid_input', check.reason);
  assertDialAllowed(deps, number, customerId);
  if (!deps.desktop) {
    throw new AppError('forbidden', 'Click-to-dial opens the phone app from the desktop console only; in a browser the number is a tel: link.');
  }
  const { dialScheme } = readPreferences(deps);
  try {
    await deps.desktop.openDialUrl(dialUrl(check.dialable, dialScheme));
  } catch (error) {
    deps.log.warn('dial handler failed', { scheme: dialScheme, error: error instanceof Error ? error.name : 'unknown' });
    throw new AppError('internal', `No app on this computer answers ${dialScheme}: links. Dial the number by hand, or ask IT to set up a phone app.`);
  }
  deps.log.info('dial opened', { scheme: dialScheme });
  return { scheme: dialScheme };
}

/** The ledger's word on this number, and on the customer it is dialled for: a block opens nothing. */
function assertDialAllowed(deps: ServiceDeps, number: string, customerId: number | undefined): void {
  const now = deps.now();
  let block = customerId === undefined ? numberBlock(deps.db, number, now) : null;
  if (customerId !== undefined) {
    const row = getCustomerRow(deps.db, customerId);
    if (!row) throw new AppError('not_found', `No customer with id ${customerId}.`);
    // The customer's own number is what is dialled; a different number typed for them is checked too.
    block = customerBlock(deps.db, row, 'call', now) ?? (row.phone !== null && row.phone.replace(/\D/g, '') === number.replace(/\D/g, '') ? null : numberBlock(deps.db, number, now));
  }
  if (block) {
    deps.log.info('dial refused by the ledger', { source: block.source });
    throw new AppError('forbidden', `${blockedLabel(block, 'call', (iso) => iso.slice(0, 10))}. Nothing was dialled.`);
  }
}

export const dialHandlers: HandlerGroup<'dial.open'> = {
  'dial.open': (deps, input) => openDial(deps, input.number, input.customerId),
};
