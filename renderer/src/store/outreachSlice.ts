import type { Member, OutreachSummary } from '../../../shared/api/outreach';
import { api } from '../api/client';
import type { Slice } from './types';

export interface OutreachSlice {
  outreaches: OutreachSummary[];
  selectedOutreach: OutreachSummary | null;
  outreachMembers: { items: Member[]; total: number };
  loadOutreaches: () => Promise<void>;
  openOutreach: (id: string | null) => Promise<void>;
  /** Replaces the open outreach with an answer that carries it (after send, export, recompose). */
  showOutreach: (outreach: OutreachSummary) => void;
}

export const createOutreachSlice: Slice<OutreachSlice> = (set, get) => ({
  outreaches: [],
  selectedOutreach: null,
  outreachMembers: { items: [], total: 0 },
  loadOutreaches: async () => {
    try {
      set({ outreaches: (await api().call('outreach.list', {})).items });
    } catch (error) {
      get().reportError(error);
    }
  },
  openOutreach: async (id) => {
    if (id === null) {
      set({ selectedOutreach: null, outreachMembers: { items: [], total: 0 } });
      return;
    }
    try {
      const [outreach, members] = await Promise.all([api().call('outreach.get', { id }), api().call('outreach.members', { id, limit: 200 })]);
      set({ selectedOutreach: outreach, outreachMembers: members, view: 'outreach' });
    } catch (error) {
      get().reportError(error);
    }
  },
  showOutreach: (outreach) => {
    set({ selectedOutreach: outreach, outreaches: get().outreaches.map((o) => (o.id === outreach.id ? outreach : o)) });
    void api()
      .call('outreach.members', { id: outreach.id, limit: 200 })
      .then((members) => set({ outreachMembers: members }))
      .catch(get().reportError);
  },
});
