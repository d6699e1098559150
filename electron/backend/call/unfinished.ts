import { CallStateSchema } from '../../../shared/api/call';
import type { UnfinishedCall } from '../../../shared/api/callsInProgress';
import type { Person } from '../../../shared/api/session';
import { listDraftsOf } from '../../../db/repos/drafts';
import type { HandlerGroup, ServiceDeps } from '../types';

/** The caller's unfinished calls, latest first; a damaged draft is left out here as it is when a call opens. */
export function unfinishedCalls(deps: ServiceDeps, caller: Person): UnfinishedCall[] {
  const out: UnfinishedCall[] = [];
  for (const d of listDraftsOf(deps.db, caller.id)) {
    let raw: unknown = null;
    try {
      raw = JSON.parse(d.state);
    } catch {
      raw = null;
    }
    const state = CallStateSchema.safeParse(raw);
    if (!state.success) continue;
    out.push({ customerId: d.customer_id, callId: state.data.callId, customer: d.name ?? d.external_id, stage: state.data.stage, savedAt: d.updated_at });
  }
  return out;
}

export const callsInProgressHandlers: HandlerGroup<'call.unfinished'> = {
  'call.unfinished': (deps, _input, ctx) => unfinishedCalls(deps, ctx.user),
};
