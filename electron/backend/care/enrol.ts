import { randomUUID } from 'node:crypto';
import { nextReviewOn } from '../../../shared/domain/care';
import type { Db } from '../../../db/open';
import { activeEnrolmentOf, enrolmentOfCall, insertEnrolment, reactivateEnrolment, withdrawEnrolment } from '../../../db/repos/care';
import { audit } from '../../../db/repos/audit';
import { consoleDay, reviewIntervalMonths } from './clock';

/**
 * Enrols a customer just recovered on a call: the caller owns the follow-up and the first review
 * falls one interval after the day of the recovery. Runs inside the transaction that saves the
 * call, so a recovered customer is never left unfollowed. A customer already followed keeps the
 * enrolment they have. Returns the new enrolment's id, or null.
 */
export function enrolOnRecovery(
  db: Db,
  r: { customerId: number; callId: string; ownerId: string; recoveredAt: Date; now: string },
): string | null {
  if (activeEnrolmentOf(db, r.customerId)) return null;
  const recoveredOn = consoleDay(r.recoveredAt);
  const earlier = enrolmentOfCall(db, r.callId);
  if (earlier) {
    // A correction gave back a recovery an earlier correction took away: follow it again.
    if (earlier.status !== 'withdrawn') return null;
    reactivateEnrolment(db, earlier.id, nextReviewOn(earlier.recovered_on, reviewIntervalMonths(db)));
    audit(db, { at: r.now, actorId: r.ownerId, action: 'care.enrol', entity: 'care_enrolment', entityId: earlier.id, detail: { callId: r.callId, again: true } });
    return earlier.id;
  }
  const id = randomUUID();
  insertEnrolment(db, {
    id,
    customerId: r.customerId,
    recoveryCallId: r.callId,
    recoveredOn,
    ownerId: r.ownerId,
    nextReviewOn: nextReviewOn(recoveredOn, reviewIntervalMonths(db)),
    enrolledAt: r.now,
  });
  audit(db, { at: r.now, actorId: r.ownerId, action: 'care.enrol', entity: 'care_enrolment', entityId: id, detail: { callId: r.callId, recoveredOn } });
  return id;
}

/**
 * A correction of a recovery call that takes the recovery back withdraws its enrolment (kept for
 * the record, out of every list and figure). Runs inside the amendment's transaction.
 */
export function withdrawRecovery(db: Db, callId: string, r: { now: string; actorId: string }): void {
  const enrolment = enrolmentOfCall(db, callId);
  if (!enrolment || enrolment.status === 'withdrawn') return;
  withdrawEnrolment(db, enrolment.id, r.now);
  audit(db, { at: r.now, actorId: r.actorId, action: 'care.withdraw', entity: 'care_enrolment', entityId: enrolment.id, detail: { callId } });
}
