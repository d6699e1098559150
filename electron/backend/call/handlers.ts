import type { HandlerGroup } from '../types';
import { releaseCall, resumeCall, startCall } from './session';
import { saveCallDraft } from './drafts';
import { completeCall } from './complete';
import { getCallDetail } from './detail';
import { amendCall } from './amend';
import { afterCallStep, noteCallClosed, noteCallDraft, noteCallOpened } from '../presence/desk';

export const callHandlers: HandlerGroup<'call.start' | 'call.release' | 'call.resume' | 'call.saveDraft' | 'call.complete' | 'call.get' | 'call.amend'> = {
  'call.start': (deps, input, ctx) => afterCallStep(deps, startCall(deps, ctx.user, input), (s) => noteCallOpened(deps, ctx.user, s.state)),
  'call.release': (deps, input, ctx) => releaseCall(deps, ctx.user, input),
  'call.resume': (deps, _input, ctx) => resumeCall(deps, ctx.user),
  'call.saveDraft': (deps, input, ctx) => afterCallStep(deps, saveCallDraft(deps, ctx.user, input.state), () => noteCallDraft(deps, ctx.user, input.state)),
  'call.complete': (deps, input, ctx) => afterCallStep(deps, completeCall(deps, ctx.user, input.state), () => noteCallClosed(deps, ctx.user, input.state.callId)),
  'call.get': (deps, input) => getCallDetail(deps.db, input.callId),
  'call.amend': (deps, input, ctx) => amendCall(deps, ctx.user, input),
};
