/**
 * May this customer be contacted on this channel: the rules, once, as SQL over the customer's row
 * (the columns of migrations 15 and 20, kept exact by the ledger's writes and by triggers). The
 * keep-in-touch list (db/repos/keepInTouch.ts) and mayContact (electron/backend/outreach/mayContact.ts)
 * both read these expressions, so the two cannot disagree.
 *
 * Each expression names why the channel is closed, or is NULL when it is open. `c` is the alias of
 * the customers table; `recoverable` an expression that is 0 when the customer's reason (diagnosed,
 * else stated) is one that is never followed up.
 */
export type ClosedWhy =
  | 'do_not_contact'
  | 'never_followed_up'
  | 'no_phone'
  | 'call_ledger'
  | 'wrong_number'
  | 'said_no'
  | 'no_email'
  | 'email_unusable'
  | 'unsubscribed'
  | 'email_ledger'
  | 'contact_ledger';

const ANYWAY = (c: string, recoverable: string) => `WHEN ${c}.do_not_contact = 1 THEN 'do_not_contact' WHEN ${recoverable} = 0 THEN 'never_followed_up'`;

export function phoneClosed(c: string, recoverable: string): string {
  return `CASE ${ANYWAY(c, recoverable)}
    WHEN ${c}.phone IS NULL OR trim(${c}.phone) = '' THEN 'no_phone'
    WHEN ${c}.call_blocked = 1 THEN 'call_ledger'
    WHEN ${c}.latest_call_outcome = 'wrong_number' THEN 'wrong_number'
    WHEN ${c}.consent_phone = 'no' THEN 'said_no' END`;
}

/** An unsubscribe is one of the things that set email_blocked; which one is looked up only for the closed. */
export function emailClosed(c: string, recoverable: string): string {
  return `CASE ${ANYWAY(c, recoverable)}
    WHEN ${c}.email_usable = 0 THEN CASE WHEN ${c}.email IS NULL THEN 'no_email' ELSE 'email_unusable' END
    WHEN ${c}.email_blocked = 1 THEN CASE WHEN EXISTS (SELECT 1 FROM outreach_objections o WHERE o.external_id = ${c}.external_id AND o.channel = 'email')
      THEN 'unsubscribed' ELSE 'email_ledger' END
    WHEN ${c}.consent_email = 'no' THEN 'said_no' END`;
}

/** Post is contact too: an entry for everything keeps letters away. The console holds no postal addresses to check. */
export function postClosed(c: string, recoverable: string): string {
  return `CASE ${ANYWAY(c, recoverable)}
    WHEN ${c}.post_blocked = 1 THEN 'contact_ledger'
    WHEN ${c}.consent_post = 'no' THEN 'said_no' END`;
}

/**
 * 0 when the customer's reason (the latest diagnosis, else the stated one) is in a category that is
 * never followed up (deceased, business closed), else 1. The categories are a few dozen rows.
 */
export const RECOVERABLE = (c: string) =>
  `(coalesce(${c}.diagnosed_reason_id, ${c}.stated_reason_id) IS NULL OR coalesce(${c}.diagnosed_reason_id, ${c}.stated_reason_id) NOT IN
     (SELECT r.id FROM reasons r JOIN reason_categories rc ON rc.id = r.category_id WHERE rc.recoverable = 0))`;
