import type { CallCustomer } from '../../../shared/api/call';
import { consentOf } from '../../../db/repos/consents';
import { customerBlock } from '../../../db/repos/permissions';
import { ASSIST_ACTIONS, type AssistAction } from '../../../shared/domain/callMachine';
import type { Db } from '../../../db/open';
import type { CustomerRow } from '../../../db/repos/customers';
import { listCallHistory, listCallOffers } from '../../../db/repos/calls';
import { getReason } from '../../../db/repos/reasons';
import { customerProfile } from '../customers/profile';
import { customerTimeZone, recordZone } from '../customers/timeZone';

function assistActionsOf(detail: string | null): AssistAction[] {
  if (!detail) return [];
  try {
    const parsed = JSON.parse(detail) as { actions?: unknown };
    return Array.isArray(parsed.actions) ? ASSIST_ACTIONS.filter((a) => (parsed.actions as unknown[]).includes(a)) : [];
  } catch {
    return [];
  }
}

/** Who is being called, their value, what they said when they left, and what the team already tried. */
export function buildBriefing(db: Db, row: CustomerRow): CallCustomer {
  const stated = row.stated_reason_id ? getReason(db, row.stated_reason_id) : undefined;
  return {
    id: row.id,
    ...customerProfile(row),
    timezone: customerTimeZone(recordZone(row)),
    statedReason: row.stated_reason_text,
    statedReasonId: row.stated_reason_id,
    statedReasonName: row.stated_reason_name,
    statedCategoryId: stated?.category_id ?? null,
    statedCategoryName: row.category_name,
    cycle: row.cycle_name,
    attempts: row.attempts,
    consent: consentOf(db, row.id),
    callBlock: customerBlock(db, row, 'call', new Date()),
    history: listCallHistory(db, row.id).map((h) => ({
      callId: h.id,
      at: h.completed_at,
      caller: h.caller_name,
      callerRole: h.caller_role,
      outcome: h.outcome,
      reason: h.reason,
      assistActions: assistActionsOf(h.assist_detail),
      assistNote: h.assist_note ?? '',
      offers: listCallOffers(db, h.id)
        .filter((o) => o.answer !== 'not_offered')
        .map((o) => ({ name: o.name, answer: o.answer })),
    })),
  };
}
