import type { CareDetail, CareList, DueReview, ReviewInput } from '../../../shared/api/care';
import { VERDICT_LABELS } from '../../../shared/domain/care';
import { api } from '../api/client';
import { formatDay } from '../lib/format';
import type { Slice } from './types';

export type CareScope = 'mine' | 'all';

export interface CareSlice {
  /** Whose customers the Intensive care view lists; null until chosen (managers see everyone, others their own). */
  careScope: CareScope | null;
  careList: CareList | null;
  careLoading: boolean;
  /** The enrolment whose review form is open, and its detail once loaded. */
  careOpenId: string | null;
  careDetail: CareDetail | null;
  careBusy: boolean;
  /** The signed-in person's due and overdue reviews, shown in their queue. */
  dueReviews: DueReview[];
  setCareScope: (scope: CareScope) => void;
  loadCare: () => Promise<void>;
  /** Opens a customer's review form in the Intensive care view (from the list or the queue). */
  openReview: (enrolmentId: string) => Promise<void>;
  closeReview: () => void;
  completeReview: (input: ReviewInput) => Promise<boolean>;
  loadDueReviews: () => Promise<void>;
  reassignCareOwner: (enrolmentId: string, ownerId: string) => Promise<boolean>;
  markDepartedAgain: (enrolmentId: string, departedOn: string, note: string) => Promise<boolean>;
}

export function effectiveScope(scope: CareScope | null, role: string | undefined): CareScope {
  return scope ?? (role === 'manager' ? 'all' : 'mine');
}

export const createCareSlice: Slice<CareSlice> = (set, get) => {
  const refresh = () => Promise.all([get().loadCare(), get().loadDueReviews()]);
  return {
    careScope: null,
    careList: null,
    careLoading: false,
    careOpenId: null,
    careDetail: null,
    careBusy: false,
    dueReviews: [],
    setCareScope: (scope) => {
      set({ careScope: scope });
      void get().loadCare();
    },
    loadCare: async () => {
      set({ careLoading: true });
      try {
        const scope = effectiveScope(get().careScope, get().session?.user?.role);
        set({ careList: await api().call('care.list', { scope }) });
      } catch (error) {
        get().reportError(error);
      } finally {
        set({ careLoading: false });
      }
    },
    openReview: async (enrolmentId) => {
      set({ careOpenId: enrolmentId, careDetail: null, view: 'care' });
      try {
        const detail = await api().call('care.get', { enrolmentId });
        // Another customer may have been opened while this one loaded.
        if (get().careOpenId === enrolmentId) set({ careDetail: detail });
      } catch (error) {
        set({ careOpenId: null });
        get().reportError(error);
      }
    },
    closeReview: () => set({ careOpenId: null, careDetail: null }),
    completeReview: async (input) => {
      if (get().careBusy) return false;
      set({ careBusy: true });
      try {
        const done = await api().call('care.completeReview', input);
        const who = get().careDetail?.name ?? get().careDetail?.externalId ?? 'the customer';
        get().notify('info', `Review of ${who} saved: ${VERDICT_LABELS[input.verdict]}. Next review due ${formatDay(done.nextReviewOn)}.`);
        set({ careOpenId: null, careDetail: null });
        await refresh();
        return true;
      } catch (error) {
        get().reportError(error);
        return false;
      } finally {
        set({ careBusy: false });
      }
    },
    loadDueReviews: async () => {
      try {
        set({ dueReviews: (await api().call('care.dueReviews', {})).items });
      } catch (error) {
        get().reportError(error);
      }
    },
    reassignCareOwner: async (enrolmentId, ownerId) => {
      try {
        const item = await api().call('care.reassign', { enrolmentId, ownerId });
        get().notify('info', `${item.name ?? item.externalId} is now followed by ${item.ownerName}.`);
        await refresh();
        return true;
      } catch (error) {
        get().reportError(error);
        return false;
      }
    },
    markDepartedAgain: async (enrolmentId, departedOn, note) => {
      try {
        const item = await api().call('care.markDeparted', { enrolmentId, departedOn, ...(note.trim() ? { note: note.trim() } : {}) });
        get().notify('info', `${item.name ?? item.externalId} is marked as departed again (re-lost on ${formatDay(item.relostOn)}).`);
        if (get().careOpenId === enrolmentId) set({ careOpenId: null, careDetail: null });
        await refresh();
        return true;
      } catch (error) {
        get().reportError(error);
        return false;
      }
    },
  };
};
