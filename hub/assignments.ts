import type { AssignedCustomer, AssignmentsResponse, PublishAssignmentsRequest, PublishAssignmentsResponse } from '../shared/sync/hubApi';
import { AssignedCustomer as AssignedCustomerSchema } from '../shared/sync/hubApi';
import type { HubStore } from './store/connect';
import { liveTokenNames, type Caller } from './tokens';

const CHUNK = 300;

/**
 * A manager hands customers to people, each person named as on their hub token. A customer has
 * one assignee: publishing again moves them. An assignment to a name with no live token is refused
 * with that reason, so a typo never sends a customer nowhere.
 */
export async function publishAssignments(
  store: HubStore,
  request: PublishAssignmentsRequest,
  manager: Caller,
  now: Date,
): Promise<PublishAssignmentsResponse> {
  const people = [...new Set(request.assignments.map((a) => a.person))];
  const live = await liveTokenNames(store, people);
  const rejected: PublishAssignmentsResponse['rejected'] = [];
  const latest = new Map<string, { person: string; customer: AssignedCustomer }>();
  for (const a of request.assignments) {
    if (!live.has(a.person)) {
      rejected.push({ externalId: a.customer.externalId, person: a.person, reason: `No live hub token is named "${a.person}"; create one with that name first.` });
      continue;
    }
    latest.delete(a.customer.externalId);
    latest.set(a.customer.externalId, a);
  }
  const rows = [...latest.values()].map((a) => ({
    external_id: a.customer.externalId,
    person: a.person,
    customer: JSON.stringify(a.customer),
    assigned_by: manager.name,
    assigned_at: now.toISOString(),
  }));
  await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('assignments')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.column('external_id').doUpdateSet((eb) => ({
            person: eb.ref('excluded.person'),
            customer: eb.ref('excluded.customer'),
            assigned_by: eb.ref('excluded.assigned_by'),
            assigned_at: eb.ref('excluded.assigned_at'),
          })),
        )
        .execute();
    }
  });
  return { published: rows.length, people: [...new Set(rows.map((r) => r.person))].sort(), rejected };
}

export async function assignmentsFor(store: HubStore, person: Caller): Promise<AssignmentsResponse> {
  const rows = await store.db
    .selectFrom('assignments')
    .select(['customer', 'assigned_by', 'assigned_at'])
    .where('person', '=', person.name)
    .orderBy('assigned_at')
    .orderBy('external_id')
    .execute();
  return {
    person: person.name,
    customers: rows.map((r) => ({
      ...AssignedCustomerSchema.parse(JSON.parse(r.customer)),
      assignedBy: r.assigned_by,
      assignedAt: r.assigned_at,
    })),
  };
}
