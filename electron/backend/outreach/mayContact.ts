import type { Db } from '../../../db/open';
import type { ClosedWhy } from '../../../db/repos/contactRules';
import { customerFacts, type CustomerFactsRow } from '../../../db/repos/outreachFacts';
import { ensureContactsFresh } from '../../../db/repos/permissions';
import { isEmailAddress } from '../../../shared/domain/emailAddress';
import { said, type Said } from '../../../shared/i18n/said';

export type ContactChannel = 'phone' | 'email' | 'post';

/**
 * `why` is a sentence by key (`outreach.leftOutWhy.*`): an outreach keeps its left-out counts under
 * it and each reader sees it in their own language; `closed` is which rule.
 */
export type Contactability = { ok: true } | { ok: false; why: Said; closed: ClosedWhy | 'no_customer' };

export { isEmailAddress };

/** Said no is per channel: "Said no to emails" reads better than "Said no" beside an email outreach. */
function whyOf(closed: ClosedWhy | 'no_customer', channel: ContactChannel): Said {
  return said(`outreach.leftOutWhy.${closed === 'said_no' ? `said_no_${channel}` : closed}`);
}

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
  if (!c) return { ok: false, why: whyOf('no_customer', channel), closed: 'no_customer' };
  const closed = channel === 'phone' ? c.phone_closed : channel === 'email' ? c.email_closed : c.post_closed;
  if (closed === null) return { ok: true };
  return { ok: false, why: whyOf(closed, channel), closed };
}
