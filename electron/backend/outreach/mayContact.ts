import type { Db } from '../../../db/open';
import type { ClosedWhy } from '../../../db/repos/contactRules';
import { customerFacts, type CustomerFactsRow } from '../../../db/repos/outreachFacts';
import { ensureContactsFresh } from '../../../db/repos/permissions';
import { isEmailAddress } from '../../../shared/domain/emailAddress';

export type ContactChannel = 'phone' | 'email' | 'post';

/** `why` in English words (what an outreach's left-out counts are kept under); `closed` is which rule, for a sentence by key. */
export type Contactability = { ok: true } | { ok: false; why: string; closed: ClosedWhy | 'no_customer' };

export { isEmailAddress };

const WHY: Record<Exclude<ClosedWhy, 'said_no'>, string> = {
  do_not_contact: 'Marked do not contact',
  never_followed_up: 'Left for a reason that is never followed up',
  no_phone: 'No phone number',
  call_ledger: 'On the do-not-call ledger',
  wrong_number: 'Wrong number on their last call',
  no_email: 'No email address',
  email_unusable: 'Email address not usable',
  unsubscribed: 'Unsubscribed from emails',
  email_ledger: 'On the do-not-email ledger',
  contact_ledger: 'On the do-not-contact ledger',
};
const SAID_NO: Record<ContactChannel, string> = { phone: 'Said no to calls', email: 'Said no to emails', post: 'Said no to letters' };

/**
 * May this customer be contacted on this channel? The one place every outreach asks. The answer
 * is the rules of db/repos/contactRules.ts over the customer's row, the very expressions the
 * keep-in-touch list reads: the do-not-contact flag, a reason that is never followed up, their
 * contact details, every active entry and list of the contact-permission ledger (kept on the row by
 * applyLedger), unsubscribes pulled from the hub, a wrong number on their latest call, and their
 * latest consent answer on that channel.
 *
 * `known` is the customer's facts read by the caller; read again when the flags had to be worked
 * out first. The post channel has no address check: the console holds no postal addresses; the
 * company's letter tool looks them up by customer id from the mail-merge file.
 */
export function mayContact(db: Db, customerId: number, channel: ContactChannel, known?: CustomerFactsRow, now: Date = new Date()): Contactability {
  const wrote = ensureContactsFresh(db, now);
  const c = known && !wrote ? known : customerFacts(db, customerId);
  if (!c) return { ok: false, why: 'No such customer', closed: 'no_customer' };
  const closed = channel === 'phone' ? c.phone_closed : channel === 'email' ? c.email_closed : c.post_closed;
  if (closed === null) return { ok: true };
  return { ok: false, why: closed === 'said_no' ? SAID_NO[channel] : WHY[closed], closed };
}
