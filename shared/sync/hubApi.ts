import { z } from 'zod';
import { ROLES } from '../domain/roles';

/**
 * What travels between a console and the hub besides the events themselves: the ingest answer,
 * who a token belongs to, and assignments. Both sides parse with these schemas, so a change of
 * shape is a compile error on both.
 */

/**
 * Most events a console sends in one request until the hub has said how many it takes: every hub
 * accepts this many (hubs from before the limit was raised refuse more).
 */
export const BASE_EVENTS_PER_BATCH = 500;

/**
 * Most events the hub accepts in one request, and says so in every ingest answer (`maxEvents`);
 * it refuses larger batches. Each batch is one durable commit at the hub, so fewer, larger
 * batches spend less of a catch-up waiting on the disk.
 */
export const MAX_EVENTS_PER_BATCH = 2000;

export const IngestRequest = z.object({ events: z.array(z.unknown()).max(MAX_EVENTS_PER_BATCH) }).strict();

export const RejectedEvent = z.object({
  /** The event's id when it had a readable one. */
  id: z.string().nullable(),
  /** Its position in the batch, so a console can find an event whose id was unreadable. */
  index: z.number().int(),
  reason: z.string(),
});
export type RejectedEvent = z.infer<typeof RejectedEvent>;

/** Every event of a batch lands in exactly one list. Accepted and duplicate are both stored at the hub. */
export const IngestResponse = z.object({
  accepted: z.array(z.string()),
  duplicate: z.array(z.string()),
  rejected: z.array(RejectedEvent),
  /** Most events this hub takes in one request; absent from hubs that take BASE_EVENTS_PER_BATCH. */
  maxEvents: z.number().int().positive().optional(),
});
export type IngestResponse = z.infer<typeof IngestResponse>;

export const HubIdentity = z.object({ name: z.string(), role: z.enum(ROLES) });
export type HubIdentity = z.infer<typeof HubIdentity>;

export const HubErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const short = z.string().max(200).nullable();

export const AssignedCycle = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  kind: z.enum(['monthly', 'quarterly']),
  startsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  endsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/** A customer a manager hands to a person: with contact details, since that person will call them. */
export const AssignedCustomer = z.object({
  externalId: z.string().min(1).max(100),
  name: short,
  company: short,
  phone: z.string().max(100).nullable(),
  email: z.string().max(320).nullable(),
  timezone: z.string().max(100).nullable(),
  segment: short,
  product: short,
  monthlyRevenue: z.number().finite().min(0).max(1e9).nullable(),
  tenureMonths: z.number().int().min(0).max(10_000).nullable(),
  departedAt: z.string().max(40).nullable(),
  statedReasonText: z.string().max(10_000).nullable(),
  statedReasonId: z.string().max(100).nullable(),
  frontlineRep: short,
  frontlineTeam: short,
  notes: z.string().max(10_000).nullable(),
  cycle: AssignedCycle.nullable(),
});
export type AssignedCustomer = z.infer<typeof AssignedCustomer>;

export const Assignment = z.object({
  /** The person, as named on their hub token. */
  person: z.string().trim().min(1).max(200),
  customer: AssignedCustomer,
});
export type Assignment = z.infer<typeof Assignment>;

export const MAX_ASSIGNMENTS_PER_REQUEST = 5000;

export const PublishAssignmentsRequest = z
  .object({ assignments: z.array(Assignment).max(MAX_ASSIGNMENTS_PER_REQUEST) })
  .strict();
export type PublishAssignmentsRequest = z.infer<typeof PublishAssignmentsRequest>;

export const PublishAssignmentsResponse = z.object({
  published: z.number().int(),
  people: z.array(z.string()),
  rejected: z.array(z.object({ externalId: z.string(), person: z.string(), reason: z.string() })),
});
export type PublishAssignmentsResponse = z.infer<typeof PublishAssignmentsResponse>;

export const AssignmentsResponse = z.object({
  person: z.string(),
  customers: z.array(
    AssignedCustomer.extend({ assignedBy: z.string(), assignedAt: z.string() }),
  ),
});
export type AssignmentsResponse = z.infer<typeof AssignmentsResponse>;
