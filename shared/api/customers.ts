import { z } from 'zod';
import { channel } from './channel';
import { OUTCOMES } from '../domain/outcomes';

const id = z.number().int().positive();

export const QueueItemSchema = z.object({
  id,
  externalId: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  phone: z.string().nullable(),
  segment: z.string().nullable(),
  product: z.string().nullable(),
  monthlyRevenue: z.number().nullable(),
  statedReason: z.string().nullable(),
  reasonCategory: z.string().nullable(),
  cycle: z.string().nullable(),
  attempts: z.number().int(),
  callbackAt: z.string().nullable(),
  priority: z.number(),
  /** Why this customer is in the queue, in words. */
  why: z.string(),
  assignedTo: z.string().nullable(),
  assignedToId: z.string().nullable(),
  valueBand: z.string().nullable(),
  /** The customer's zone (from the import, else the console's default) and their time now. */
  timezone: z.string(),
  localTime: z.string(),
  /** False outside the customer's calling hours or before a booked callback: visible, not diallable. */
  callableNow: z.boolean(),
  notCallableBecause: z.string().nullable(),
  /** Who agreed the pending callback with the customer; it comes back to them. */
  callbackWith: z.string().nullable(),
});
export type QueueItem = z.infer<typeof QueueItemSchema>;

export const QueueQuerySchema = z
  .object({
    search: z.string().trim().max(100).optional(),
    segment: z.string().max(100).optional(),
    reasonCategory: z.string().max(100).optional(),
    cycleId: z.string().max(100).optional(),
    /** Managers only: a person's id, or 'unassigned'. Agents and executives always see their own queue. */
    assignee: z.string().max(100).optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type QueueQuery = z.input<typeof QueueQuerySchema>;

export const CallSummarySchema = z.object({
  id: z.string(),
  at: z.string(),
  caller: z.string(),
  outcome: z.enum(OUTCOMES).nullable(),
  diagnosedReason: z.string().nullable(),
});

export const CustomerCardSchema = z.object({
  id,
  externalId: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  timezone: z.string().nullable(),
  segment: z.string().nullable(),
  product: z.string().nullable(),
  monthlyRevenue: z.number().nullable(),
  tenureMonths: z.number().nullable(),
  departedAt: z.string().nullable(),
  statedReason: z.string().nullable(),
  statedReasonMapped: z.string().nullable(),
  reasonCategory: z.string().nullable(),
  frontlineRep: z.string().nullable(),
  frontlineTeam: z.string().nullable(),
  notes: z.string().nullable(),
  cycle: z.string().nullable(),
  doNotContact: z.boolean(),
  calls: z.array(CallSummarySchema),
});
export type CustomerCard = z.infer<typeof CustomerCardSchema>;

export const customerChannels = {
  'queue.list': channel({
    input: QueueQuerySchema,
    output: z.object({ items: z.array(QueueItemSchema), total: z.number().int() }),
  }),
  'customers.get': channel({
    input: z.object({ id }).strict(),
    output: CustomerCardSchema,
  }),
};
