import type { CallSession, CompletedCall } from '../../../shared/api/call';
import { completionProblems, type CallState, type Move } from '../../../shared/domain/callMachine';
import { todayIn } from '../../../shared/domain/localTime';
import { OUTCOME_LABELS } from '../../../shared/domain/outcomes';
import { api, ApiCallError } from '../api/client';
import { createDraftSaver, localCopy, type DraftSaver, type DraftStatus } from './draftSaver';
import type { Slice } from './types';

export interface ActiveCall {
  session: CallSession;
  state: CallState;
  /** When the call was reopened from a draft: when that draft was last saved ('this window' for an unsent local copy). */
  restoredFrom: string | null;
}

export interface CallSlice {
  activeCall: ActiveCall | null;
  callBusy: boolean;
  draftStatus: DraftStatus;
  draftSavedAt: string | null;
  /** What stops completion, shown next to "Complete call". */
  callProblems: string[];
  /** Why the last stage move or outcome was refused, announced politely. */
  callMessage: string | null;
  lastCompleted: CompletedCall | null;
  startCall: (customerId: number) => Promise<boolean>;
  startNextCall: () => Promise<boolean>;
  /** Reopens the caller's unfinished call after a restart; quiet when there is none. */
  resumeOpenCall: () => Promise<void>;
  updateCall: (change: (s: CallState) => CallState) => void;
  moveCall: (move: (s: CallState) => Move) => boolean;
  completeCall: () => Promise<boolean>;
  /** Leaves the call for later: its draft is saved and stays. */
  leaveCall: () => Promise<void>;
}

const nameOf = (s: CallSession) => s.customer.name ?? s.customer.externalId;

let saver: DraftSaver | null = null;

/** Tests start every case without a save left over from the one before. */
export function resetCallSaver(): void {
  saver?.stop();
  saver = null;
}

export const createCallSlice: Slice<CallSlice> = (set, get) => {
  const getSaver = () => {
    saver ??= createDraftSaver({
      save: async (state) => (await api().call('call.saveDraft', { state })).savedAt,
      onStatus: (status, savedAt) => set(savedAt ? { draftStatus: status, draftSavedAt: savedAt } : { draftStatus: status }),
      isFinal: (error) => {
        // Only an unreachable or failing backend is worth retrying; a refusal is final and is said.
        if (!(error instanceof ApiCallError) || error.code === 'network' || error.code === 'internal') return false;
        if (error.code !== 'conflict') get().reportError(error);
        return true;
      },
    });
    return saver;
  };

  const open = async (load: () => Promise<CallSession>): Promise<boolean> => {
    if (get().callBusy) return false;
    set({ callBusy: true });
    try {
      const current = get().activeCall;
      if (current) await getSaver().flush();
      const session = await load();
      // A copy this window holds that the backend never confirmed is newer than the backend's draft.
      const local = localCopy.read(session.customer.id);
      const useLocal = local !== null && (local.callId === session.state.callId || session.restoredFrom === null);
      const state = useLocal ? local : session.state;
      const restoredFrom = useLocal ? 'this window' : session.restoredFrom;
      set({
        activeCall: { session, state, restoredFrom },
        callProblems: [],
        callMessage: null,
        draftStatus: 'saved',
        draftSavedAt: session.restoredFrom,
        view: 'call',
        selectedCustomerId: session.customer.id,
      });
      if (useLocal) getSaver().schedule(state);
      if (restoredFrom) get().notify('info', `Restored your unfinished call with ${nameOf(session)}, exactly where it was.`);
      return true;
    } catch (error) {
      get().reportError(error);
      return false;
    } finally {
      set({ callBusy: false });
    }
  };

  return {
    activeCall: null,
    callBusy: false,
    draftStatus: 'saved',
    draftSavedAt: null,
    callProblems: [],
    callMessage: null,
    lastCompleted: null,
    startCall: (customerId) => {
      const current = get().activeCall;
      if (current?.session.customer.id === customerId) {
        set({ view: 'call' });
        return Promise.resolve(true);
      }
      return open(() => api().call('call.start', { customerId }));
    },
    startNextCall: () => open(() => api().call('call.start', { next: true })),
    resumeOpenCall: async () => {
      try {
        const { customerId } = await api().call('call.resume', {});
        if (customerId !== null && get().activeCall === null) await get().startCall(customerId);
      } catch {
        // Checked quietly at start-up: the status area already says when the backend is unreachable,
        // and the draft is restored anyway when the customer's call is opened.
      }
    },
    updateCall: (change) => {
      const current = get().activeCall;
      if (!current) return;
      const state = change(current.state);
      if (state === current.state) return;
      set({ activeCall: { ...current, state }, callProblems: [] });
      getSaver().schedule(state);
    },
    moveCall: (move) => {
      const current = get().activeCall;
      if (!current) return false;
      const result = move(current.state);
      if (!result.ok) {
        set({ callMessage: result.why });
        return false;
      }
      set({ callMessage: null });
      get().updateCall(() => result.state);
      return true;
    },
    completeCall: async () => {
      const current = get().activeCall;
      if (!current || get().callBusy) return false;
      const problems = completionProblems(current.state, todayIn(new Date(), current.session.customer.timezone));
      if (problems.length > 0) {
        set({ callProblems: problems });
        return false;
      }
      set({ callBusy: true });
      try {
        // The completion carries the whole call; a save still travelling must land before it.
        await getSaver().settle();
        const done = await api().call('call.complete', { state: current.state });
        getSaver().stop();
        localCopy.clear(current.session.customer.id);
        const codes = done.codes.map((c) => `${c.offerName}: code ${c.code}`).join('; ');
        get().notify('info', `Call with ${nameOf(current.session)} saved: ${OUTCOME_LABELS[done.outcome]}.${codes ? ` ${codes}.` : ''}`);
        set({ activeCall: null, lastCompleted: done, callProblems: [], callMessage: null, draftSavedAt: null, view: 'queue', selectedCustomerId: done.customerId });
        void get().loadQueue();
        return true;
      } catch (error) {
        // The call stays open and its draft keeps being saved: nothing is lost by a failed completion.
        getSaver().schedule(current.state);
        if (error instanceof ApiCallError && error.code === 'invalid_input') set({ callProblems: [error.message] });
        else get().reportError(error);
        return false;
      } finally {
        set({ callBusy: false });
      }
    },
    leaveCall: async () => {
      await getSaver().flush();
      const left = get().activeCall;
      if (left) void api().call('presence.leftCall', { callId: left.state.callId }).catch(() => undefined);
      set({ activeCall: null, callProblems: [], callMessage: null, view: 'queue' });
    },
  };
};
