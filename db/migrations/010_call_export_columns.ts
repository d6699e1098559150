import type { Migration } from './types';

/**
 * What the calls export needs to read a million calls in one pass.
 *
 * Two facts it shows for every call, kept on the call itself by triggers in the same transaction as
 * every write to the rows they come from (the call screen, an amendment, the hub, the demo, a later
 * feature). The export reads them with the call instead of looking each up once per call: those
 * two lookups were over a quarter of the time to export a million calls.
 *
 * - `offer_answers`: the call's offers and answers, each as the offer id and answer joined by
 *   U+001F, offers joined by U+001E, in offer id order; NULL without offers. Offer ids are slugs
 *   (electron/backend/playbook/ids.ts), so neither separator occurs in them, and an answer is one
 *   of four words. Names are not stored: an export shows each offer under its current name.
 * - `primary_reason_id`: the primary diagnosed reason (the lowest id should a call ever have two;
 *   the call screen and amendments allow exactly one), as call_facts keeps it for the reports.
 *
 * And calls in the export's order, completion time then id, in an index: the export reads them in
 * order without a sort step (calls completed in the same millisecond used to pass every row through
 * one). It replaces the index on completion time alone, which served nothing this one does not.
 */
const OFFER_ANSWERS_OF = (callId: string) =>
  `(SELECT group_concat(co.offer_id || char(31) || co.answer, char(30) ORDER BY co.offer_id) FROM call_offers co WHERE co.call_id = ${callId})`;
const PRIMARY_REASON_OF = (callId: string) =>
  `(SELECT min(cr.reason_id) FROM call_reasons cr WHERE cr.call_id = ${callId} AND cr.is_primary = 1)`;

/** The two columns derived from scratch, for tests to compare the triggers' work with. */
export const CALL_EXPORT_COLUMNS_DERIVATION = `SELECT k.id AS call_id, ${OFFER_ANSWERS_OF('k.id')} AS offer_answers,
  ${PRIMARY_REASON_OF('k.id')} AS primary_reason_id FROM calls k`;

export const migration010CallExportColumns: Migration = {
  version: 10,
  name: 'offer answers and primary reason kept on each call',
  up: `
ALTER TABLE calls ADD COLUMN offer_answers TEXT;
ALTER TABLE calls ADD COLUMN primary_reason_id TEXT;
UPDATE calls SET offer_answers = ${OFFER_ANSWERS_OF('calls.id')}, primary_reason_id = ${PRIMARY_REASON_OF('calls.id')};
CREATE INDEX calls_completed_id ON calls(completed_at, id);
DROP INDEX calls_completed;

CREATE TRIGGER call_offer_answers_insert AFTER INSERT ON call_offers BEGIN
  UPDATE calls SET offer_answers = ${OFFER_ANSWERS_OF('new.call_id')} WHERE id = new.call_id;
END;

CREATE TRIGGER call_offer_answers_update AFTER UPDATE OF call_id, offer_id, answer ON call_offers
WHEN old.call_id IS NOT new.call_id OR old.offer_id IS NOT new.offer_id OR old.answer IS NOT new.answer
BEGIN
  UPDATE calls SET offer_answers = ${OFFER_ANSWERS_OF('calls.id')} WHERE id IN (old.call_id, new.call_id);
END;

CREATE TRIGGER call_offer_answers_delete AFTER DELETE ON call_offers BEGIN
  UPDATE calls SET offer_answers = ${OFFER_ANSWERS_OF('old.call_id')} WHERE id = old.call_id;
END;

CREATE TRIGGER call_primary_reason_insert AFTER INSERT ON call_reasons WHEN new.is_primary = 1 BEGIN
  UPDATE calls SET primary_reason_id = ${PRIMARY_REASON_OF('new.call_id')} WHERE id = new.call_id;
END;

CREATE TRIGGER call_primary_reason_update AFTER UPDATE OF call_id, reason_id, is_primary ON call_reasons
WHEN old.is_primary = 1 OR new.is_primary = 1
BEGIN
  UPDATE calls SET primary_reason_id = ${PRIMARY_REASON_OF('calls.id')} WHERE id IN (old.call_id, new.call_id);
END;

CREATE TRIGGER call_primary_reason_delete AFTER DELETE ON call_reasons WHEN old.is_primary = 1 BEGIN
  UPDATE calls SET primary_reason_id = ${PRIMARY_REASON_OF('old.call_id')} WHERE id = old.call_id;
END;
`,
};
