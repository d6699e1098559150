import { AppError } from '../../../shared/api/result';
import type { CareItem } from '../../../shared/api/care';
import type { Person } from '../../../shared/api/session';
import { setOwner } from '../../../db/repos/care';
import { getPerson } from '../../../db/repos/people';
import { audit } from '../../../db/repos/audit';
import type { ServiceDeps } from '../types';
import { consoleDay } from './clock';
import { requireEnrolment, toCareItem } from './views';

/** A manager hands a followed customer to someone else; the reviews due move with them. */
export function reassignOwner(deps: ServiceDeps, manager: Person, input: { enrolmentId: string; ownerId: string }): CareItem {
  const { db } = deps;
  const enrolment = requireEnrolment(db, input.enrolmentId);
  if (enrolment.status !== 'active') {
    throw new AppError('conflict', `${enrolment.name ?? enrolment.external_id} is no longer in intensive care; there is nobody to follow up.`);
  }
  const owner = getPerson(db, input.ownerId);
  if (!owner) throw new AppError('invalid_input', `There is nobody with id ${input.ownerId} on this console.`);
  if (owner.id !== enrolment.owner_id) {
    const nowIso = deps.now().toISOString();
    db.transaction(() => {
      setOwner(db, enrolment.id, owner.id);
      audit(db, { at: nowIso, actorId: manager.id, action: 'care.reassign', entity: 'care_enrolment', entityId: enrolment.id, detail: { from: enrolment.owner_id, to: owner.id } });
    })();
  }
  return toCareItem(requireEnrolment(db, enrolment.id), consoleDay(deps.now()));
}
