import type { MaintenanceStatus } from '../../../shared/api/maintenance';
import { api } from '../api/client';
import type { Slice } from './types';

export interface MaintenanceSlice {
  /** null until asked; asked only when the session could not be read, so a healthy start costs nothing. */
  health: MaintenanceStatus | null;
  restoringBackup: boolean;
  /** Quiet on failure: the error that made us ask has already been shown. */
  checkHealth: () => Promise<void>;
  restoreBackup: (file: string) => Promise<boolean>;
}

export const createMaintenanceSlice: Slice<MaintenanceSlice> = (set, get) => ({
  health: null,
  restoringBackup: false,
  checkHealth: async () => {
    try {
      const health = await api().call('maintenance.status', {});
      // The recovery screen says it all; the error the session call left would only repeat it.
      set(health.state === 'damaged' ? { health, notices: [] } : { health });
    } catch {
      set({ health: null });
    }
  },
  restoreBackup: async (file) => {
    set({ restoringBackup: true });
    try {
      const health = await api().call('maintenance.restoreBackup', { file });
      // The messages so far were about the damaged database; they no longer hold.
      set({ health, notices: [] });
      get().notify('info', `The backup ${file} was restored.`);
      await get().loadSession();
      return true;
    } catch (error) {
      get().reportError(error);
      return false;
    } finally {
      set({ restoringBackup: false });
    }
  },
});
