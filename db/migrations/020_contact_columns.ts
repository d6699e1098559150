import type { Migration } from './types';

const LATEST_CONSENT = (channel: string, customer: string) =>
  `(SELECT s.answer FROM consents s WHERE s.customer_id = ${customer} AND s.channel = '${channel}' ORDER BY s.asked_at DESC, s.id DESC LIMIT 1)`;
const CONSENTS_OF = (customer: string) => `UPDATE customers SET consent_phone = ${LATEST_CONSENT('phone', 'customers.id')},
    consent_email = ${LATEST_CONSENT('email', 'customers.id')}, consent_post = ${LATEST_CONSENT('post', 'customers.id')}
  WHERE id = ${customer};`;

const LATEST_OUTCOME = (customer: string) => `(SELECT k.outcome FROM calls k WHERE k.customer_id = ${customer} ORDER BY k.completed_at DESC, k.id DESC LIMIT 1)`;
const LATEST_DIAGNOSIS = (customer: string) =>
  `(SELECT k.primary_reason_id FROM calls k WHERE k.customer_id = ${customer} AND k.primary_reason_id IS NOT NULL ORDER BY k.completed_at DESC, k.id DESC LIMIT 1)`;
const CALLS_OF = (customer: string) =>
  `UPDATE customers SET latest_call_outcome = ${LATEST_OUTCOME('customers.id')}, diagnosed_reason_id = ${LATEST_DIAGNOSIS('customers.id')} WHERE id = ${customer};`;

/**
 * What decides whether a departed customer may be contacted, kept on the customer's row, so the
 * keep-in-touch list is one pass over the customers with no lookup per customer (over 200,000
 * customers the lookups into the ledger, the consents and the calls took most of its time), and
 * mayContact reads the very same columns (db/repos/contactRules.ts).
 *
 * - `email_blocked`, `post_blocked`: beside `call_blocked` (migration 15), 1 while the ledger
 *   holds an active entry or list that stops emails (scope email or everything, or an unsubscribe
 *   pulled from the hub) or letters (scope everything). Worked out with the ledger's own time by
 *   applyLedger (db/repos/permissions.ts), which every ledger write already runs.
 * - `email_usable`: whether a message can be addressed to the customer's email at all (read in
 *   JavaScript, as the sender reads it).
 * - `contact_stale`: 1 when the row's keys changed (number, email, customer id, departure day; or a
 *   new row) and the three flags must be worked out again for it; whoever reads them first does.
 * - `consent_phone`, `consent_email`, `consent_post`: the latest answer per channel; triggers keep
 *   them as the consents table says.
 * - `latest_call_outcome`, `diagnosed_reason_id`: the outcome of the customer's latest call and the
 *   latest diagnosed primary reason; triggers on calls keep them. Not `last_outcome`, the queue's
 *   state, which a "we fixed it" outreach clears to call the customer again.
 */
export const migration020ContactColumns: Migration = {
  version: 20,
  name: 'contact permissions, consents and the latest call on the customer row',
  up: `
ALTER TABLE customers ADD COLUMN email_blocked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN post_blocked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN email_usable INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN contact_stale INTEGER NOT NULL DEFAULT 1;
ALTER TABLE customers ADD COLUMN consent_phone TEXT;
ALTER TABLE customers ADD COLUMN consent_email TEXT;
ALTER TABLE customers ADD COLUMN consent_post TEXT;
ALTER TABLE customers ADD COLUMN latest_call_outcome TEXT;
ALTER TABLE customers ADD COLUMN diagnosed_reason_id TEXT;

UPDATE customers SET consent_phone = ${LATEST_CONSENT('phone', 'customers.id')}, consent_email = ${LATEST_CONSENT('email', 'customers.id')},
  consent_post = ${LATEST_CONSENT('post', 'customers.id')}
WHERE id IN (SELECT customer_id FROM consents);
UPDATE customers SET latest_call_outcome = ${LATEST_OUTCOME('customers.id')}, diagnosed_reason_id = ${LATEST_DIAGNOSIS('customers.id')}
WHERE id IN (SELECT customer_id FROM calls);

CREATE INDEX customers_contact_stale ON customers(id) WHERE contact_stale = 1;

CREATE TRIGGER customers_contact_keys_changed AFTER UPDATE OF phone, email, external_id, departed_at ON customers
WHEN NEW.phone IS NOT OLD.phone OR NEW.email IS NOT OLD.email OR NEW.external_id IS NOT OLD.external_id OR NEW.departed_at IS NOT OLD.departed_at
BEGIN
  UPDATE customers SET contact_stale = 1 WHERE id = NEW.id;
END;

CREATE TRIGGER consents_latest_insert AFTER INSERT ON consents BEGIN
  ${CONSENTS_OF('NEW.customer_id')}
END;
CREATE TRIGGER consents_latest_update AFTER UPDATE ON consents BEGIN
  ${CONSENTS_OF('OLD.customer_id')}
  ${CONSENTS_OF('NEW.customer_id')}
END;
CREATE TRIGGER consents_latest_delete AFTER DELETE ON consents BEGIN
  ${CONSENTS_OF('OLD.customer_id')}
END;

CREATE TRIGGER calls_latest_insert AFTER INSERT ON calls BEGIN
  ${CALLS_OF('NEW.customer_id')}
END;
CREATE TRIGGER calls_latest_update AFTER UPDATE OF customer_id, completed_at, outcome, primary_reason_id ON calls BEGIN
  ${CALLS_OF('OLD.customer_id')}
  ${CALLS_OF('NEW.customer_id')}
END;
CREATE TRIGGER calls_latest_delete AFTER DELETE ON calls BEGIN
  ${CALLS_OF('OLD.customer_id')}
END;

-- An unsubscribe never ends: it closes the customer's email at once, exactly.
CREATE TRIGGER objections_block_email AFTER INSERT ON outreach_objections WHEN NEW.channel = 'email' BEGIN
  UPDATE customers SET email_blocked = 1 WHERE external_id = NEW.external_id AND email_blocked = 0;
END;
CREATE TRIGGER objections_removed AFTER DELETE ON outreach_objections BEGIN
  UPDATE customers SET contact_stale = 1 WHERE external_id = OLD.external_id;
END;
CREATE TRIGGER objections_moved AFTER UPDATE ON outreach_objections BEGIN
  UPDATE customers SET contact_stale = 1 WHERE external_id IN (OLD.external_id, NEW.external_id);
END;
`,
};
