import { said } from '../../../shared/i18n/said';
import type { CallSession, CompletedCall } from '../../../shared/api/call';
import type { UnfinishedCall } from '../../../shared/api/callsInProgress';
import i18next from 'i18next';
import { completionProblemList, tickClock, type CallProblem, type CallState, type Move } from '../../../shared/domain/callMachine';
import { todayIn } from '../../../shared/domain/localTime';
import { api, ApiCallError } from '../api/client';
import { offerText } from '../i18n/content';
import { createDraftSaver, localCopy, type DraftSaver, type DraftStatus } from './draftSaver';
import { onScreenCall } from './onScreenCall';
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
  /** What stops completion, shown next to "Complete call": found here as data (said in the person's language), or the core's words. */
  callProblems: (string | CallProblem)[];
  /** Why the last stage move or outcome was refused, announced politely. */
  callMessage: string | CallProblem | null;
  lastCompleted: (CompletedCall & { customer: string }) | null;
  /** The person's calls started and not completed (drafts), latest first. */
  unfinishedCalls: UnfinishedCall[];
  /** Another call was asked for while one is open: the person confirms leaving the open one for later. */
  parkRequest: { from: string; to: string } | null;
  /** "Do not contact" is about to be saved: it waits for an explicit confirmation. */
  confirmingDoNotContact: boolean;
  /** Opens a customer's call; with a reason, outside calling hours where the manager's policy allows it. */
  startCall: (customerId: number, outsideHoursReason?: string) => Promise<boolean>;
  startNextCall: () => Promise<boolean>;
  confirmPark: () => Promise<boolean>;
  cancelPark: () => void;
  confirmDoNotContact: () => Promise<boolean>;
  cancelDoNotContact: () => void;
  loadUnfinishedCalls: () => Promise<void>;
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
      onScreenCall.write(session.customer.id);
      get().clearNotices('call.start');
      if (useLocal) getSaver().schedule(state);
      if (restoredFrom) get().notify('info', said('call.notices.restored', { name: nameOf(session) }), 'call.restored');
      void get().loadUnfinishedCalls();
      return true;
    } catch (error) {
      get().reportError(error, 'call.start');
      return false;
    } finally {
      set({ callBusy: false });
    }
  };

  /** Work that opens another call waits here while the person decides about the open one. */
  let parked: (() => Promise<CallSession>) | null = null;
  const openOrAsk = (load: () => Promise<CallSession>, to: string): Promise<boolean> => {
    const current = get().activeCall;
    if (current) {
      parked = load;
      set({ parkRequest: { from: nameOf(current.session), to } });
      return Promise.resolve(false);
    }
    return open(load);
  };

  /** After a completed call: the next customer who may be called now, chosen on the card, the list focused. */
  const showNext = async (done: CompletedCall) => {
    await get().loadQueue();
    const next = get().queueItems.find((i) => i.callableNow && i.id !== done.customerId);
    set({ selectedCustomerId: next ? next.id : done.customerId });
    // With someone to call next the list takes the keyboard (Enter, Enter starts the call); with nobody,
    // the card of the call just saved does, and it offers no Start call.
    get().requestFocus(next ? 'queue' : 'card');
  };

  const complete = async (current: ActiveCall): Promise<boolean> => {
    set({ callBusy: true, confirmingDoNotContact: false });
    try {
      // The completion carries the whole call; a save still travelling must land before it.
      await getSaver().settle();
      const done = await api().call('call.complete', { state: current.state });
      getSaver().stop();
      localCopy.clear(current.session.customer.id);
      onScreenCall.write('none');
      // By key, so the notice follows a language change while it is on screen.
      const codes = done.codes.map((c) => said('call.notices.code', { offer: offerText(i18next.t, c.offerName), code: c.code }));
      const outcome = said(`call.outcomes.${done.outcome}`);
      get().notify(
        'info',
        codes.length > 0
          ? said('call.notices.completedCodes', { name: nameOf(current.session), outcome, codes: { list: codes, join: 'comma' } })
          : said('call.notices.completed', { name: nameOf(current.session), outcome }),
        'call.completed',
      );
      set({
        activeCall: null,
        lastCompleted: { ...done, customer: nameOf(current.session) },
        callProblems: [],
        callMessage: null,
        draftSavedAt: null,
        view: 'queue',
        selectedCustomerId: done.customerId,
      });
      void get().loadUnfinishedCalls();
      await showNext(done);
      return true;
    } catch (error) {
      // The call stays open and its draft keeps being saved: nothing is lost by a failed completion.
      getSaver().schedule(current.state);
      if (error instanceof ApiCallError && error.code === 'invalid_input') set({ callProblems: [error.message] });
      else get().reportError(error, 'call.complete');
      return false;
    } finally {
      set({ callBusy: false });
    }
  };

  return {
    activeCall: null,
    unfinishedCalls: [],
    parkRequest: null,
    confirmingDoNotContact: false,
    callBusy: false,
    draftStatus: 'saved',
    draftSavedAt: null,
    callProblems: [],
    callMessage: null,
    lastCompleted: null,
    startCall: (customerId, outsideHoursReason) => {
      const current = get().activeCall;
      if (current?.session.customer.id === customerId) {
        set({ view: 'call' });
        return Promise.resolve(true);
      }
      const load = () =>
        outsideHoursReason === undefined
          ? api().call('call.start', { customerId })
          : api().call('call.startOutsideHours', { customerId, reason: outsideHoursReason });
      const item = get().queueItems.find((i) => i.id === customerId);
      return openOrAsk(load, item ? (item.name ?? item.externalId) : 'another customer');
    },
    startNextCall: () => openOrAsk(() => api().call('call.start', { next: true }), 'the next customer'),
    confirmPark: async () => {
      const load = parked;
      parked = null;
      set({ parkRequest: null });
      if (!load) return false;
      await get().leaveCall();
      return open(load);
    },
    cancelPark: () => {
      parked = null;
      set({ parkRequest: null, view: get().activeCall ? 'call' : get().view });
    },
    loadUnfinishedCalls: async () => {
      try {
        set({ unfinishedCalls: await api().call('call.unfinished', {}) });
      } catch {
        // Shown again on the next change; the calls themselves are safe in their drafts.
      }
    },
    resumeOpenCall: async () => {
      try {
        void get().loadUnfinishedCalls();
        // The call that was on screen when the window closed, not the latest saved one.
        const onScreen = onScreenCall.read();
        if (onScreen === 'none') return;
        const customerId = onScreen ?? (await api().call('call.resume', {})).customerId;
        if (customerId !== null && get().activeCall === null) await get().startCall(customerId);
      } catch {
        // Checked quietly at start-up: the status area already says when the backend is unreachable,
        // and the draft is restored anyway when the customer's call is opened.
      }
    },
    updateCall: (change) => {
      const current = get().activeCall;
      if (!current) return;
      const changed = change(current.state);
      if (changed === current.state) return;
      // Handle time: leaving a stage or choosing the outcome stops that stage's clock.
      const state = tickClock(current.state, changed, new Date().toISOString());
      set({ activeCall: { ...current, state }, callProblems: [] });
      getSaver().schedule(state);
    },
    moveCall: (move) => {
      const current = get().activeCall;
      if (!current) return false;
      const result = move(current.state);
      if (!result.ok) {
        set({ callMessage: result.problem });
        return false;
      }
      set({ callMessage: null });
      get().updateCall(() => result.state);
      return true;
    },
    completeCall: async () => {
      const current = get().activeCall;
      if (!current || get().callBusy) return false;
      const problems = completionProblemList(current.state, todayIn(new Date(), current.session.customer.timezone));
      if (problems.length > 0) {
        set({ callProblems: problems });
        return false;
      }
      // Do not contact closes the customer for good: it is never saved by a keystroke alone.
      if (current.state.outcome === 'do_not_contact') {
        set({ confirmingDoNotContact: true });
        return false;
      }
      return complete(current);
    },
    confirmDoNotContact: async () => {
      const current = get().activeCall;
      if (!current || current.state.outcome !== 'do_not_contact') {
        set({ confirmingDoNotContact: false });
        return false;
      }
      return complete(current);
    },
    cancelDoNotContact: () => set({ confirmingDoNotContact: false }),
    leaveCall: async () => {
      const current = get().activeCall;
      await getSaver().flush();
      // The desk shows as idle on the floor board again (the hub hears it with the next presence report).
      if (current) void api().call('presence.leftCall', { callId: current.state.callId }).catch(() => undefined);
      // The customer is free for "Next customer" elsewhere once the call is left (its lease would otherwise run out by itself).
      if (current) await api().call('call.release', { customerId: current.session.customer.id, callId: current.state.callId }).catch(() => undefined);
      onScreenCall.write('none');
      set({ activeCall: null, callProblems: [], callMessage: null, confirmingDoNotContact: false, view: 'queue' });
      if (current) {
        get().notify('info', said('call.notices.left', { name: nameOf(current.session) }), 'call.left');
        set({ selectedCustomerId: current.session.customer.id });
      }
      await get().loadUnfinishedCalls();
    },
  };
};
