import type { QueueItem } from '../../../shared/api/customers';
import { callability, type CallingWindow } from '../../../shared/domain/callingHours';
import { PRIORITY, type PriorityParts } from '../../../shared/domain/selection';
import type { QueueRow } from '../../../db/repos/queue';

export interface ContactRules {
  window: CallingWindow;
  defaultTimezone: string;
  enforced: boolean;
}

const money = (n: number) => `$${n.toFixed(2)}`;
const signed = (n: number) => (n >= 0 ? `+${n}` : `${n}`);

/** The priority in the words an agent reads: each part and what it came from. */
export function explainPriority(row: QueueRow, now: Date): string {
  const parts = JSON.parse(row.priority_detail) as Partial<PriorityParts>;
  const out: string[] = [];
  if (parts.revenue !== undefined) out.push(`revenue ${signed(parts.revenue)}`);
  if (parts.recency !== undefined && parts.recency > 0) {
    const days = row.departed_at
      ? Math.max(0, Math.floor((now.getTime() - Date.parse(`${row.departed_at}T00:00:00Z`)) / 86_400_000))
      : null;
    out.push(`${days === null ? 'recent departure' : `left ${days} day${days === 1 ? '' : 's'} ago`} ${signed(parts.recency)}`);
  }
  if (parts.band) out.push(`${row.value_band ?? 'value band'} ${signed(parts.band)}`);
  if (parts.segment) out.push(`segment ${row.segment ?? ''} ${signed(parts.segment)}`.replace('  ', ' '));
  if (row.attempts > 0)
    out.push(`${row.attempts} attempt${row.attempts === 1 ? '' : 's'} ${signed(-PRIORITY.attemptPenalty * row.attempts)}`);
  return `Priority ${Math.round(row.priority)} (${out.join(', ')})`;
}

function whyQueued(row: QueueRow, now: Date, due: boolean, localCallback: string | null): string {
  const reasons: string[] = [];
  if (due)
    reasons.push(
      `Callback due${localCallback ? ` (${localCallback} their time)` : ''}${row.callback_owner ? `, agreed by ${row.callback_owner}` : ''}`,
    );
  reasons.push(
    row.selected_by ? `Selected by rule "${row.selected_by}"` : 'Departed with contact details (no selection rule set)',
  );
  const facts: string[] = [];
  if (row.monthly_revenue !== null) facts.push(`${money(row.monthly_revenue)}/month lost`);
  if (row.stated_reason_text) facts.push(`left: ${row.stated_reason_text}`);
  return `${reasons.join('. ')}: ${facts.join('; ') || 'no revenue or reason on record'}. ${explainPriority(row, now)}.`;
}

/** A queue row as the window shows it, with whether the customer may be dialled right now. */
export function toQueueItem(row: QueueRow, now: Date, rules: ContactRules): QueueItem {
  const calling = callability(now, row.timezone, rules.defaultTimezone, rules.window, rules.enforced);
  const nowIso = now.toISOString();
  const due = row.callback_at !== null && row.callback_at <= nowIso;
  const pendingCallback = row.callback_at !== null && !due;
  const localCallback = row.callback_at
    ? new Intl.DateTimeFormat('en-GB', { timeZone: calling.timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(row.callback_at),
      )
    : null;
  let notCallableBecause = calling.why;
  if (pendingCallback) notCallableBecause = `Callback booked for ${localCallback} their time; call then.`;
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
    priority: Math.round(row.priority * 10) / 10,
    why: whyQueued(row, now, due, localCallback),
    assignedTo: row.assigned_name,
    assignedToId: row.assigned_to,
    valueBand: row.value_band,
    timezone: calling.timeZone,
    localTime: calling.localTime,
    callableNow: notCallableBecause === null,
    notCallableBecause,
    callbackWith: row.callback_owner,
  };
}
