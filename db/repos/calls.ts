import type { Db } from '../open';
import { expectOneRow, prepared, preparedValue } from '../statements';
import type { Outcome } from '../../shared/domain/outcomes';
import type { Role } from '../../shared/domain/roles';
import type { Stage } from '../../shared/domain/stages';
import type { OfferAnswer } from '../../shared/domain/callMachine';

export interface CallSummaryRow {
  id: string;
  completed_at: string;
  caller_name: string;
  outcome: Outcome;
  diagnosed_reason: string | null;
}

// Joins compare with `+?`, not `?`, so their kept plan is reused (db/statements.ts).
export function listCallsOfCustomer(db: Db, customerId: number): CallSummaryRow[] {
  return prepared(
      db,
      `SELECT k.id, k.completed_at, p.name AS caller_name, k.outcome, r.name AS diagnosed_reason
       FROM calls k
       JOIN people p ON p.id = k.caller_id
       LEFT JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1
       LEFT JOIN reasons r ON r.id = cr.reason_id
       WHERE k.customer_id = +? ORDER BY k.completed_at DESC`,
    )
    .all(customerId) as CallSummaryRow[];
}

export interface CallRow {
  id: string;
  customer_id: number;
  caller_id: string;
  caller_role: Role;
  cycle_id: string | null;
  started_at: string;
  completed_at: string;
  outcome: Outcome;
  callback_at: string | null;
  callback_local: string | null;
  reactivation_until: string | null;
  customer_words: string;
  reason_confirmed: number;
  offer_skipped_because: string | null;
  summary: string;
}

export interface CallInsert {
  id: string;
  customerId: number;
  callerId: string;
  callerRole: Role;
  cycleId: string | null;
  startedAt: string;
  completedAt: string;
  outcome: Outcome;
  callbackAt: string | null;
  callbackLocal: string | null;
  reactivationUntil: string | null;
  customerWords: string;
  reasonConfirmed: boolean;
  offerSkippedBecause: string | null;
  summary: string;
}

export function insertCall(db: Db, c: CallInsert): void {
  prepared(
    db,
    `INSERT INTO calls (id, customer_id, caller_id, caller_role, cycle_id, started_at, completed_at, outcome,
       callback_at, callback_local, reactivation_until, customer_words, reason_confirmed, offer_skipped_because, summary)
     VALUES (@id, @customerId, @callerId, @callerRole, @cycleId, @startedAt, @completedAt, @outcome,
       @callbackAt, @callbackLocal, @reactivationUntil, @customerWords, @reasonConfirmed, @offerSkippedBecause, @summary)`,
  ).run({ ...c, reasonConfirmed: c.reasonConfirmed ? 1 : 0 });
}

export function getCallRow(db: Db, id: string): CallRow | undefined {
  return prepared(db, 'SELECT * FROM calls WHERE id = ?').get(id) as CallRow | undefined;
}

/** The recovery cycle a call of this customer counts in: the customer's own. */
export function customerCycleId(db: Db, customerId: number): string | null {
  return (preparedValue(db, 'SELECT cycle_id FROM customers WHERE id = ?').get(customerId) as string | null | undefined) ?? null;
}

/** The customer's most recent call, which decides their last outcome. */
export function latestCallIdOfCustomer(db: Db, customerId: number): string | undefined {
  return preparedValue(db, 'SELECT id FROM calls WHERE customer_id = ? ORDER BY completed_at DESC, rowid DESC LIMIT 1')
    .get(customerId) as string | undefined;
}

export function updateCallOutcome(
  db: Db,
  id: string,
  o: { outcome: Outcome; callbackAt: string | null; callbackLocal: string | null; reactivationUntil: string | null },
): void {
  const result = prepared(
    db,
    `UPDATE calls SET outcome = @outcome, callback_at = @callbackAt, callback_local = @callbackLocal,
       reactivation_until = @reactivationUntil WHERE id = @id`,
  ).run({ id, ...o });
  expectOneRow(result, 'updateCallOutcome');
}

export interface CallStageRow {
  stage: Stage;
  note: string;
  detail: string;
}

/** The stages of a call in one statement (one per number of stages, kept prepared). */
export function insertCallStages(db: Db, callId: string, stages: { stage: Stage; note: string; detail: unknown }[]): void {
  if (stages.length === 0) return;
  const values = stages.map(() => '(?, ?, ?, ?)').join(', ');
  prepared(db, `INSERT INTO call_stages (call_id, stage, note, detail) VALUES ${values}`).run(
    stages.flatMap((s) => [callId, s.stage, s.note, JSON.stringify(s.detail ?? {})]),
  );
}

export function listCallStages(db: Db, callId: string): CallStageRow[] {
  const order = "CASE stage WHEN 'apologize' THEN 1 WHEN 'listen' THEN 2 WHEN 'diagnose' THEN 3 WHEN 'assist' THEN 4 ELSE 5 END";
  return prepared(db, `SELECT stage, note, detail FROM call_stages WHERE call_id = ? ORDER BY ${order}`).all(callId) as CallStageRow[];
}

export interface CallReasonRow {
  reason_id: string;
  is_primary: number;
  name: string;
  category_id: string;
  category_name: string;
}

export function insertCallReason(db: Db, callId: string, reasonId: string, primary: boolean): void {
  prepared(db, 'INSERT INTO call_reasons (call_id, reason_id, is_primary) VALUES (?, ?, ?)').run(callId, reasonId, primary ? 1 : 0);
}

export function deleteCallReasons(db: Db, callId: string): void {
  prepared(db, 'DELETE FROM call_reasons WHERE call_id = ?').run(callId);
}

export function listCallReasons(db: Db, callId: string): CallReasonRow[] {
  return prepared(
      db,
      `SELECT cr.reason_id, cr.is_primary, r.name, r.category_id, rc.name AS category_name
       FROM call_reasons cr JOIN reasons r ON r.id = cr.reason_id JOIN reason_categories rc ON rc.id = r.category_id
       WHERE cr.call_id = +? ORDER BY cr.is_primary DESC, r.sort, r.name`,
    )
    .all(callId) as CallReasonRow[];
}

export interface CallOfferRow {
  offer_id: string;
  name: string;
  answer: OfferAnswer;
  code: string | null;
}

export function upsertCallOffer(db: Db, callId: string, offerId: string, answer: OfferAnswer, code: string | null): void {
  prepared(
    db,
    `INSERT INTO call_offers (call_id, offer_id, code, answer) VALUES (?, ?, ?, ?)
     ON CONFLICT(call_id, offer_id) DO UPDATE SET answer = excluded.answer, code = coalesce(call_offers.code, excluded.code)`,
  ).run(callId, offerId, code, answer);
}

export function listCallOffers(db: Db, callId: string): CallOfferRow[] {
  return prepared(
      db,
      `SELECT co.offer_id, o.name, co.answer, co.code FROM call_offers co JOIN offers o ON o.id = co.offer_id
       WHERE co.call_id = +? ORDER BY CASE co.answer WHEN 'accepted' THEN 1 WHEN 'considering' THEN 2 WHEN 'declined' THEN 3 ELSE 4 END, o.name`,
    )
    .all(callId) as CallOfferRow[];
}

export function offerCodeExists(db: Db, code: string): boolean {
  return prepared(db, 'SELECT 1 FROM call_offers WHERE code = ?').get(code) !== undefined;
}

/** Feedback recorded on a call for the rep or team who served the customer. */
export function insertCallFeedback(
  db: Db,
  f: { id: string; callId: string; customerId: number; rep: string | null; team: string | null; text: string; createdAt: string },
): void {
  prepared(
    db,
    `INSERT INTO feedback (id, call_id, customer_id, frontline_rep, frontline_team, text, status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'new', ?)`,
  ).run(f.id, f.callId, f.customerId, f.rep, f.team, f.text, f.createdAt);
}

export function listFeedbackOfCall(db: Db, callId: string): { id: string; text: string; frontline_rep: string | null; frontline_team: string | null }[] {
  return prepared(db, 'SELECT id, text, frontline_rep, frontline_team FROM feedback WHERE call_id = ? ORDER BY created_at')
    .all(callId) as { id: string; text: string; frontline_rep: string | null; frontline_team: string | null }[];
}

/**
 * What a completed call does to the customer's record: one more attempt, the last outcome, the
 * callback instant (or none), and do-not-contact, which is never undone by a later call.
 */
export function applyCallToCustomer(
  db: Db,
  customerId: number,
  o: { outcome: Outcome; callbackAt: string | null; now: string },
): void {
  const result = prepared(
    db,
    `UPDATE customers SET attempts = attempts + 1, last_outcome = @outcome, callback_at = @callbackAt,
       do_not_contact = CASE WHEN @outcome = 'do_not_contact' THEN 1 ELSE do_not_contact END, updated_at = @now
     WHERE id = @customerId`,
  ).run({ customerId, ...o });
  expectOneRow(result, 'applyCallToCustomer');
}

/** After an amendment of the customer's latest call: its corrected outcome becomes theirs. */
export function correctCustomerOutcome(
  db: Db,
  customerId: number,
  o: { outcome: Outcome; callbackAt: string | null; doNotContact: boolean; now: string },
): void {
  const result = prepared(
    db,
    `UPDATE customers SET last_outcome = @outcome, callback_at = @callbackAt, do_not_contact = @dnc, updated_at = @now
     WHERE id = @customerId`,
  ).run({ customerId, outcome: o.outcome, callbackAt: o.callbackAt, dnc: o.doNotContact ? 1 : 0, now: o.now });
  expectOneRow(result, 'correctCustomerOutcome');
}

/** Earlier calls with what was tried, for the briefing ("what the team already tried"). */
export interface CallHistoryRow {
  id: string;
  completed_at: string;
  caller_name: string;
  caller_role: Role;
  outcome: Outcome;
  reason: string | null;
  assist_detail: string | null;
  assist_note: string | null;
}

export function listCallHistory(db: Db, customerId: number): CallHistoryRow[] {
  return prepared(
      db,
      `SELECT k.id, k.completed_at, p.name AS caller_name, k.caller_role, k.outcome, r.name AS reason,
         s.detail AS assist_detail, s.note AS assist_note
       FROM calls k
       JOIN people p ON p.id = k.caller_id
       LEFT JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1
       LEFT JOIN reasons r ON r.id = cr.reason_id
       LEFT JOIN call_stages s ON s.call_id = k.id AND s.stage = 'assist'
       WHERE k.customer_id = +? ORDER BY k.completed_at DESC LIMIT 20`,
    )
    .all(customerId) as CallHistoryRow[];
}

export function markDoNotContact(db: Db, customerId: number, now: string): void {
  expectOneRow(prepared(db, 'UPDATE customers SET do_not_contact = 1, updated_at = ? WHERE id = ?').run(now, customerId), 'markDoNotContact');
}

export function callerNameOf(db: Db, personId: string): string | undefined {
  return preparedValue(db, 'SELECT name FROM people WHERE id = ?').get(personId) as string | undefined;
}
