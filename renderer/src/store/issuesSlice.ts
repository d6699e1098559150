import type { IssueDetail, IssueStatus, IssueSummary, LinkedCall } from '../../../shared/api/issues';
import { api } from '../api/client';
import type { Slice } from './types';

export interface NewIssueDraft {
  title: string;
  owner: string;
  description: string;
  reasonIds: string[];
  callIds: string[];
}

export interface IssuesSlice {
  issues: IssueSummary[];
  issuesLoading: boolean;
  selectedIssue: IssueDetail | null;
  /** Reasons to start a new issue with (set from the Trends view). */
  issueDraftReasons: string[] | null;
  candidateCalls: LinkedCall[];
  loadIssues: () => Promise<void>;
  openIssue: (id: string | null) => Promise<void>;
  createIssue: (draft: NewIssueDraft) => Promise<boolean>;
  updateIssue: (id: string, patch: { status?: IssueStatus; owner?: string; title?: string; description?: string; callIds?: string[]; reasonIds?: string[] }) => Promise<boolean>;
  loadCandidateCalls: (reasonIds: string[]) => Promise<void>;
  startIssueFromReasons: (reasonIds: string[]) => void;
  clearIssueDraft: () => void;
}

export const createIssuesSlice: Slice<IssuesSlice> = (set, get) => ({
  issues: [],
  issuesLoading: false,
  selectedIssue: null,
  issueDraftReasons: null,
  candidateCalls: [],
  loadIssues: async () => {
    set({ issuesLoading: true });
    try {
      set({ issues: (await api().call('issues.list', {})).items });
    } catch (error) {
      get().reportError(error);
    } finally {
      set({ issuesLoading: false });
    }
  },
  openIssue: async (id) => {
    if (id === null) {
      set({ selectedIssue: null });
      return;
    }
    try {
      set({ selectedIssue: await api().call('issues.get', { id }) });
    } catch (error) {
      get().reportError(error);
    }
  },
  createIssue: async (draft) => {
    try {
      const created = await api().call('issues.create', draft);
      set({ selectedIssue: created, issueDraftReasons: null });
      get().notify('info', `Issue "${created.title}" created.`);
      await get().loadIssues();
      return true;
    } catch (error) {
      get().reportError(error);
      return false;
    }
  },
  updateIssue: async (id, patch) => {
    try {
      set({ selectedIssue: await api().call('issues.update', { id, ...patch }) });
      await get().loadIssues();
      return true;
    } catch (error) {
      get().reportError(error);
      return false;
    }
  },
  loadCandidateCalls: async (reasonIds) => {
    try {
      set({ candidateCalls: (await api().call('issues.candidateCalls', { reasonIds, limit: 50 })).items });
    } catch (error) {
      get().reportError(error);
    }
  },
  startIssueFromReasons: (reasonIds) => {
    set({ issueDraftReasons: reasonIds, selectedIssue: null });
    get().go('issues');
  },
  clearIssueDraft: () => set({ issueDraftReasons: null }),
});
