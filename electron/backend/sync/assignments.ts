import type { Db } from '../../../db/open';
import { listAssignedCustomers, prepareAssignedCustomerUpsert, type AssignedCustomerRow } from '../../../db/repos/hubAssignments';
import { audit } from '../../../db/repos/audit';
import { setSetting } from '../../../db/repos/settings';
import type { Person } from '../../../shared/api/session';
import {
  MAX_ASSIGNMENTS_PER_REQUEST,
  type AssignedCustomer,
  type PublishAssignmentsResponse,
} from '../../../shared/sync/hubApi';
import type { ServiceDeps } from '../types';
import type { HubClient } from './hubClient';
import { SYNC_KEYS } from './settings';
import { customerProfile } from '../customers/profile';
import { appError } from '../i18n/errors';

export interface PullResult {
  received: number;
  added: number;
  updated: number;
}

type AssignedCycle = NonNullable<AssignedCustomer['cycle']>;

/** The local id of the hub's cycle: the same id, or a cycle of the same name, or a new one. */
function localCycle(db: Db, cycle: AssignedCycle | null, now: string): string | null {
  if (!cycle) return null;
  const byId = db.prepare('SELECT id FROM cycles WHERE id = ?').pluck().get(cycle.id) as string | undefined;
  if (byId) return byId;
  const byName = db.prepare('SELECT id FROM cycles WHERE name = ?').pluck().get(cycle.name) as string | undefined;
  if (byName) return byName;
  db.prepare('INSERT INTO cycles (id, name, kind, starts_on, ends_on, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    cycle.id,
    cycle.name,
    cycle.kind,
    cycle.startsOn,
    cycle.endsOn,
    now,
  );
  return cycle.id;
}

/**
 * Brings the customers a manager assigned to this console's person into the local customers
 * table, assigned to that person, in one transaction. Only adds and fills in: an empty or partial
 * answer never deletes or blanks anything here.
 */
export async function pullAssignments(deps: ServiceDeps, client: HubClient, user: Person): Promise<PullResult> {
  const answer = await client.assignments();
  const now = deps.now().toISOString();
  const { db } = deps;
  let added = 0;
  let updated = 0;
  db.transaction(() => {
    const upsert = prepareAssignedCustomerUpsert(db);
    for (const customer of answer.customers) {
      const outcome = upsert(customer, localCycle(db, customer.cycle, now), user.id, now);
      if (outcome === 'added') added += 1;
      else updated += 1;
    }
    setSetting(db, SYNC_KEYS.lastPullAt, now);
    if (answer.customers.length > 0) {
      audit(db, { at: now, actorId: user.id, action: 'hub.assignments.pull', entity: 'customers', detail: { received: answer.customers.length, added, updated } });
    }
  })();
  return { received: answer.customers.length, added, updated };
}

function toAssigned(row: AssignedCustomerRow): { person: string; customer: AssignedCustomer } {
  const cycle =
    row.cycle_id && row.cycle_name && row.cycle_kind && row.cycle_starts_on && row.cycle_ends_on
      ? { id: row.cycle_id, name: row.cycle_name, kind: row.cycle_kind, startsOn: row.cycle_starts_on, endsOn: row.cycle_ends_on }
      : null;
  return {
    person: row.assignee_name,
    customer: {
      ...customerProfile(row),
      timezone: row.timezone,
      statedReasonText: row.stated_reason_text,
      statedReasonId: row.stated_reason_id,
      cycle,
    },
  };
}

/** Sends this (manager's) console's assignments to the hub, where each person's console fetches them. */
export async function publishAssignments(deps: ServiceDeps, client: HubClient, input: { cycleId?: string | undefined }, user: Person): Promise<PublishAssignmentsResponse> {
  const all = listAssignedCustomers(deps.db, input.cycleId).map(toAssigned);
  if (all.length === 0) {
    throw appError('not_found', input.cycleId ? 'assignment.noneInCycle' : 'assignment.none');
  }
  const total: PublishAssignmentsResponse = { published: 0, people: [], rejected: [] };
  for (let i = 0; i < all.length; i += MAX_ASSIGNMENTS_PER_REQUEST) {
    const part = await client.publishAssignments({ assignments: all.slice(i, i + MAX_ASSIGNMENTS_PER_REQUEST) });
    total.published += part.published;
    total.people = [...new Set([...total.people, ...part.people])].sort();
    total.rejected.push(...part.rejected);
  }
  audit(deps.db, {
    at: deps.now().toISOString(),
    actorId: user.id,
    action: 'hub.assignments.publish',
    entity: 'customers',
    detail: { published: total.published, rejected: total.rejected.length },
  });
  return total;
}
