import type { RelostItem } from '../../../shared/api/care';
import type { Person } from '../../../shared/api/session';
import { isCalendarDate } from '../../../shared/domain/care';
import type { Db } from '../../../db/open';
import { activeEnrolmentOf, getRecovery, markEnrolmentRelost, type EnrolmentRow } from '../../../db/repos/care';
import { getCustomerRow } from '../../../db/repos/customers';
import { enqueueEvent } from '../../../db/repos/outbox';
import { audit } from '../../../db/repos/audit';
import type { ServiceDeps } from '../types';
import { consoleDay } from './clock';
import { requireEnrolment, toRelostItem } from './views';
import { appError } from '../i18n/errors';

export interface RelostMark {
  enrolmentId: string;
  relostOn: string;
}

/**
 * Flags a followed customer re-lost: the enrolment ends, keeping its link to the recovery call
 * (whose diagnosed reason and accepted offer the trends count), and a `customer.relost` event goes
 * to the hub. Call inside the transaction of the change that revealed the departure.
 */
function flagRelost(
  db: Db,
  enrolment: EnrolmentRow,
  r: { relostOn: string; nowIso: string; actorId: string | null; source: 'import' | 'manager'; note: string },
): RelostMark {
  markEnrolmentRelost(db, enrolment.id, { relostOn: r.relostOn, relostAt: r.nowIso, relostBy: r.actorId, source: r.source, note: r.note });
  const recovery = getRecovery(db, enrolment.recovery_call_id);
  const externalId = getCustomerRow(db, enrolment.customer_id)?.external_id ?? String(enrolment.customer_id);
  enqueueEvent(
    db,
    'customer.relost',
    {
      externalId,
      relostAt: r.relostOn,
      recoveryCallId: enrolment.recovery_call_id,
      reasonId: recovery?.reason_id ?? null,
      offerId: recovery?.offer_id ?? null,
    },
    r.nowIso,
  );
  audit(db, {
    at: r.nowIso,
    actorId: r.actorId,
    action: 'care.relost',
    entity: 'care_enrolment',
    entityId: enrolment.id,
    detail: { source: r.source, relostOn: r.relostOn, recoveryCallId: enrolment.recovery_call_id },
  });
  return { enrolmentId: enrolment.id, relostOn: r.relostOn };
}

/** The departure day a customer record carries (a date or an instant), or null when it has none. */
function departureDay(departedAt: string | null): string | null {
  if (departedAt === null) return null;
  const day = departedAt.trim().slice(0, 10);
  return isCalendarDate(day) ? day : null;
}

/**
 * For the departed-customers import, once per customer it updated, inside its transaction: a
 * customer followed in intensive care who departs again is flagged re-lost. "Again" means a
 * departure after the day of the recovery: re-importing the file they were first recovered from
 * (with the old departure date) changes nothing. A record without a departure date counts as
 * departing on the day of the import. Returns the mark, or null when nothing changed.
 */
export function markRelostIfRecovered(db: Db, customerId: number, now: Date | string, actorId: string | null): RelostMark | null {
  const enrolment = activeEnrolmentOf(db, customerId);
  if (!enrolment) return null;
  const instant = typeof now === 'string' ? new Date(now) : now;
  const departedOn = departureDay(getCustomerRow(db, customerId)?.departed_at ?? null) ?? consoleDay(instant);
  if (departedOn <= enrolment.recovered_on) return null;
  return flagRelost(db, enrolment, { relostOn: departedOn, nowIso: instant.toISOString(), actorId, source: 'import', note: '' });
}

/** The manager's "Mark as departed again". */
export function markDeparted(
  deps: ServiceDeps,
  manager: Person,
  input: { enrolmentId: string; departedOn?: string | undefined; note?: string | undefined },
): RelostItem {
  const { db } = deps;
  const enrolment = requireEnrolment(db, input.enrolmentId);
  const who = enrolment.name ?? enrolment.external_id;
  if (enrolment.status !== 'active') {
    throw (enrolment.status === 'relost' ? appError('conflict', 'care.alreadyRelost', { who, day: enrolment.relost_on ?? '' }) : appError('conflict', 'care.notInCare', { who }));
  }
  const now = deps.now();
  const today = consoleDay(now);
  const departedOn = input.departedOn ?? today;
  if (departedOn > today) throw appError('invalid_input', 'care.departureInFuture', { day: departedOn });
  if (departedOn < enrolment.recovered_on) {
    throw appError('invalid_input', 'care.departureBeforeRecovery', { who, day: enrolment.recovered_on });
  }
  db.transaction(() => {
    flagRelost(db, enrolment, { relostOn: departedOn, nowIso: now.toISOString(), actorId: manager.id, source: 'manager', note: (input.note ?? '').trim() });
  })();
  deps.log.info('customer re-lost', { enrolmentId: enrolment.id, source: 'manager' });
  return toRelostItem(db, requireEnrolment(db, enrolment.id));
}
