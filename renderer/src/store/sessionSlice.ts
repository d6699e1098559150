import type { Session } from '../../../shared/api/session';
import type { Role } from '../../../shared/domain/roles';
import { api } from '../api/client';
import type { Slice } from './types';

export interface SessionSlice {
  session: Session | null;
  sessionLoading: boolean;
  loadSession: () => Promise<void>;
  setupSession: (name: string, role: Role) => Promise<boolean>;
  loadDemo: () => Promise<boolean>;
}

export const createSessionSlice: Slice<SessionSlice> = (set, get) => ({
  session: null,
  sessionLoading: true,
  loadSession: async () => {
    try {
      set({ session: await api().call('session.get', {}) });
    } catch (error) {
      get().reportError(error);
    } finally {
      set({ sessionLoading: false });
    }
  },
  setupSession: async (name, role) => {
    try {
      set({ session: await api().call('session.setup', { name, role }) });
      return true;
    } catch (error) {
      get().reportError(error);
      return false;
    }
  },
  loadDemo: async () => {
    try {
      const result = await api().call('demo.load', {});
      get().notify('info', `Demo loaded: ${result.customers} departed customers in ${result.cycle}.`);
      set({ session: await api().call('session.get', {}) });
      return true;
    } catch (error) {
      get().reportError(error);
      return false;
    }
  },
});
