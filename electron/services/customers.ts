import { AppError } from '../../shared/api/result';
import type { CustomerCard, QueueItem } from '../../shared/api/customers';
import { getCustomerRow, queryQueue, type CustomerRow } from '../../db/repos/customers';
import { listCallsOfCustomer } from '../../db/repos/calls';
import type { HandlerGroup } from '../backend/handlers';

function whyQueued(row: CustomerRow, now: string): string {
  if (row.callback_at && row.callback_at <= now) return 'Callback due';
  const parts: string[] = [];
  if (row.monthly_revenue !== null) parts.push(`$${row.monthly_revenue.toFixed(2)}/month lost`);
  if (row.stated_reason_text) parts.push(`left: ${row.stated_reason_text}`);
  if (row.attempts > 0) parts.push(`${row.attempts} attempt${row.attempts === 1 ? '' : 's'} so far`);
  return parts.join('; ') || 'Departed this cycle';
}

function toQueueItem(row: CustomerRow, now: string): QueueItem {
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    company: row.company,
    phone: row.phone,
    segment: row.segment,
    product: row.product,
    monthlyRevenue: row.monthly_revenue,
    statedReason: row.stated_reason_text,
    reasonCategory: row.category_name,
    cycle: row.cycle_name,
    attempts: row.attempts,
    callbackAt: row.callback_at,
    priority: row.monthly_revenue ?? 0,
    why: whyQueued(row, now),
    assignedTo: row.assigned_name,
  };
}

export const customerHandlers: HandlerGroup<'queue.list' | 'customers.get'> = {
  'queue.list': (deps, input, ctx) => {
    const now = deps.now().toISOString();
    const role = ctx.user?.role;
    const { rows, total } = queryQueue(deps.db, {
      ...input,
      now,
      // An executive sees exactly their handful; an agent their own and the unassigned.
      assignedTo: role === 'executive' ? ctx.user?.id : undefined,
      assignedToOrUnassigned: role === 'agent' ? ctx.user?.id : undefined,
    });
    return { items: rows.map((r) => toQueueItem(r, now)), total };
  },
  'customers.get': (deps, input): CustomerCard => {
    const row = getCustomerRow(deps.db, input.id);
    if (!row) throw new AppError('not_found', `No customer with id ${input.id}.`);
    return {
      id: row.id,
      externalId: row.external_id,
      name: row.name,
      company: row.company,
      phone: row.phone,
      email: row.email,
      timezone: row.timezone,
      segment: row.segment,
      product: row.product,
      monthlyRevenue: row.monthly_revenue,
      tenureMonths: row.tenure_months,
      departedAt: row.departed_at,
      statedReason: row.stated_reason_text,
      statedReasonMapped: row.stated_reason_name,
      reasonCategory: row.category_name,
      frontlineRep: row.frontline_rep,
      frontlineTeam: row.frontline_team,
      notes: row.notes,
      cycle: row.cycle_name,
      doNotContact: row.do_not_contact === 1,
      calls: listCallsOfCustomer(deps.db, row.id).map((c) => ({
        id: c.id,
        at: c.completed_at,
        caller: c.caller_name,
        outcome: c.outcome,
        diagnosedReason: c.diagnosed_reason,
      })),
    };
  },
};
