import type { Db } from '../../../db/open';
import { customerFacts, hasObjection, type CustomerFactsRow } from '../../../db/repos/outreachFacts';
import { customerBlock } from '../permissions/ledger';
import { latestConsents } from '../../../db/repos/consents';
import { isEmailAddress } from '../../../shared/domain/emailAddress';

export type ContactChannel = 'phone' | 'email' | 'post';

export type Contactability = { ok: true } | { ok: false; why: string };

export { isEmailAddress };

/**
 * May this customer be contacted on this channel? The one place every outreach asks, so the
 * contact-permission ledger (consent per channel, suppression, erasure) replaces its body and
 * nothing else changes. Until then it reads what the console has: the customer's do-not-contact
 * flag, a reason that must never be followed up (deceased, business closed), their contact
 * details, a wrong number on their latest call, and unsubscribes pulled from the hub.
 *
 * The post channel has no address check: the console holds no postal addresses; the company's
 * letter tool looks them up by customer id from the mail-merge file.
 */
export function mayContact(db: Db, customerId: number, channel: ContactChannel, known?: CustomerFactsRow): Contactability {
  const c = known ?? customerFacts(db, customerId);
  if (!c) return { ok: false, why: 'No such customer' };
  if (c.do_not_contact === 1) return { ok: false, why: 'Marked do not contact' };
  if (c.recoverable === 0) return { ok: false, why: 'Left for a reason that is never followed up' };
  const now = new Date();
  switch (channel) {
    case 'phone':
      if (c.phone === null || c.phone.trim() === '') return { ok: false, why: 'No phone number' };
      if (customerBlock(db, c, 'call', now)) return { ok: false, why: 'On the do-not-call ledger' };
      if (c.last_outcome === 'wrong_number') return { ok: false, why: 'Wrong number on their last call' };
      return { ok: true };
    case 'email':
      if (!isEmailAddress(c.email)) return { ok: false, why: c.email === null ? 'No email address' : 'Email address not usable' };
      if (customerBlock(db, c, 'email', now)) return { ok: false, why: 'On the do-not-email ledger' };
      if (hasObjection(db, c.external_id, 'email')) return { ok: false, why: 'Unsubscribed from emails' };
      return { ok: true };
    case 'post':
      // Post is contact too: an entry for everything (or for the customer) keeps letters away.
      if (customerBlock(db, c, 'email', now)?.scope === 'all') return { ok: false, why: 'On the do-not-contact ledger' };
      if (latestConsents(db, c.id).get('post')?.answer === 'no') return { ok: false, why: 'Said no to letters' };
      return { ok: true };
  }
}
