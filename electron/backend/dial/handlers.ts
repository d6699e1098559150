import { checkPhoneNumber, dialUrl, MAX_DIGITS, MIN_DIGITS, PHONE_MAX_LENGTH, type DialScheme } from '../../../shared/domain/phone';
import { said } from '../../../shared/i18n/said';
import type { HandlerGroup } from '../types';
import type { ServiceDeps } from '../types';
import { readPreferences } from '../preferences/handlers';
import { customerBlock, numberBlock } from '../permissions/ledger';
import { getCustomerRow } from '../../../db/repos/customers';
import { blockedSaid } from '../../../shared/domain/permissions';
import { appError } from '../i18n/errors';

/**
 * Click-to-dial: the number (already checked by the channel's schema, checked again here since the
 * URL is built from it) goes to the system's phone handler through the desktop shell. The log names
 * the scheme only, never the number.
 */
export async function openDial(deps: ServiceDeps, number: string, customerId?: number): Promise<{ scheme: DialScheme }> {
  const check = checkPhoneNumber(number);
  if (!check.ok) throw appError('invalid_input', 'dial.notANumber', { why: said(`components.phone.problem.${check.problem}`, { max: PHONE_MAX_LENGTH, min: MIN_DIGITS, maxDigits: MAX_DIGITS }) });
  assertDialAllowed(deps, number, customerId);
  if (!deps.desktop) {
    throw appError('forbidden', 'dial.desktopOnly');
  }
  const { dialScheme } = readPreferences(deps);
  try {
    await deps.desktop.openDialUrl(dialUrl(check.dialable, dialScheme));
  } catch (error) {
    deps.log.warn('dial handler failed', { scheme: dialScheme, error: error instanceof Error ? error.name : 'unknown' });
    throw appError('internal', 'dial.noPhoneApp', { scheme: dialScheme });
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
    if (!row) throw appError('not_found', 'customer.notFound', { id: String(customerId) });
    // The customer's own number is what is dialled; a different number typed for them is checked too.
    block = customerBlock(deps.db, row, 'call', now) ?? (row.phone !== null && row.phone.replace(/\D/g, '') === number.replace(/\D/g, '') ? null : numberBlock(deps.db, number, now));
  }
  if (block) {
    deps.log.info('dial refused by the ledger', { source: block.source });
    throw appError('forbidden', 'dial.blocked', { blocked: blockedSaid(block, 'call') });
  }
}

export const dialHandlers: HandlerGroup<'dial.open'> = {
  'dial.open': (deps, input) => openDial(deps, input.number, input.customerId),
};
