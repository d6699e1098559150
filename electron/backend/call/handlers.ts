import type { HandlerGroup } from '../types';
import { resumeCall, startCall } from './session';
import { saveCallDraft } from './drafts';
import { completeCall } from './complete';
import { getCallDetail } from './detail';
import { amendCall } from './amend';

export const callHandlers: HandlerGroup<'call.start' | 'call.resume' | 'call.saveDraft' | 'call.complete' | 'call.get' | 'call.amend'> = {
  'call.start': (deps, input, ctx) => startCall(deps, ctx.user, input),
  'call.resume': (deps, _input, ctx) => resumeCall(deps, ctx.user),
  'call.saveDraft': (deps, input, ctx) => saveCallDraft(deps, ctx.user, input.state),
  'call.complete': (deps, input, ctx) => completeCall(deps, ctx.user, input.state),
  'call.get': (deps, input) => getCallDetail(deps.db, input.callId),
  'call.amend': (deps, input, ctx) => amendCall(deps, ctx.user, input),
};
