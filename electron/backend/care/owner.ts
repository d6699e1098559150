import type { CareItem } from '../../../shared/api/care';
import type { Person } from '../../../shared/api/session';
import { setOwner } from '../../../db/repos/care';
import { getPerson } from '../../../db/repos/people';
import { audit } from '../../../db/repos/audit';
import type { ServiceDeps } from '../types';
import { consoleDay } from './clock';
import { requireEnrolment, toCareItem } from './views';
import { appError } from '../i18n/errors';

/** A manager hands a followed customer to someone else; the reviews due move with them. */
export function reassignOwner(deps: ServiceDeps, manager: Person, input: { enrolmentId: string; ownerId: string }): CareItem {
  const { db } = deps;
  const enrolment = requireEnrolment(db, input.enrolmentId);
  if (enrolment.status !== 'active') {
    throw appError('conflict', 'care.owner.notInCare', { who: enrolment.name ?? enrolment.external_id });
  }
  const owner = getPerson(db, input.ownerId);
  if (!owner) throw appError('invalid_input', 'person.notFoundId', { id: input.ownerId });
  if (owner.id !== enrolment.owner_id) {
    const nowIso = deps.now().toISOString();
    db.transaction(() => {
      setOwner(db, enrolment.id, owner.id);
      audit(db, { at: nowIso, actorId: manager.id, action: 'care.reassign', entity: 'care_enrolment', entityId: enrolment.id, detail: { from: enrolment.owner_id, to: owner.id } });
    })();
  }
  return toCareItem(requireEnrolment(db, enrolment.id), consoleDay(deps.now()));
}
