import type { Session } from '../../../shared/api/session';
import type { Role } from '../../../shared/domain/roles';
import { api } from '../api/client';
import type { Slice } from './types';

export interface SessionSlice {
  session: Session | null;
  sessionLoading: boolean;
  loadSession: () => Promise<void>;
  setupSession: (name: string, role: Role, managerPassphrase?: string) => Promise<boolean>;
  /**
   * Hands the desk to another person; a role the desk has not been given needs the manager
   * passphrase. Resolves to null once switched, else to the console's message (the dialog shows it).
   */
  switchPerson: (name: string, role: Role, passphrase?: string) => Promise<string | null>;
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
  setupSession: async (name, role, managerPassphrase) => {
    try {
      set({ session: await api().call('session.setup', managerPassphrase === undefined ? { name, role } : { name, role, managerPassphrase }) });
      return true;
    } catch (error) {
      get().reportError(error);
      return false;
    }
  },
  switchPerson: async (name, role, passphrase) => {
    try {
      set({ session: await api().call('session.switch', passphrase === undefined ? { name, role } : { name, role, passphrase }) });
      // What the last person saw is theirs: the new person starts from their own queue.
      get().go('queue');
      void get().loadQueue();
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
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
