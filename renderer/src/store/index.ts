import { create } from 'zustand';
import type { AppState } from './types';
import { createSessionSlice } from './sessionSlice';
import { createNavigationSlice } from './navigationSlice';
import { createNoticeSlice } from './noticeSlice';
import { createQueueSlice, forgetQueueAtStart } from './queueSlice';
import { createSyncSlice } from './syncSlice';
import { createCallSlice, resetCallSaver } from './callSlice';
import { createPreferencesSlice } from './preferencesSlice';
import { createCareSlice } from './careSlice';
import { createReportsSlice } from './reportsSlice';
import { createIssuesSlice } from './issuesSlice';
import { createFeedbackSlice } from './feedbackSlice';
import { createExportsSlice } from './exportsSlice';
import { createImportSlice } from './importSlice';
import { createMaintenanceSlice } from './maintenanceSlice';
import { createLocaleSlice } from './localeSlice';
import { createOutreachSlice } from './outreachSlice';
import { createPresenceSlice } from './presenceSlice';
import { dropHeldWork } from '../lib/afterFirstRows';

/** The window's one store, built from feature slices. */
export const useAppStore = create<AppState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createNavigationSlice(...a),
  ...createNoticeSlice(...a),
  ...createQueueSlice(...a),
  ...createSyncSlice(...a),
  ...createCallSlice(...a),
  ...createPreferencesSlice(...a),
  ...createCareSlice(...a),
  ...createReportsSlice(...a),
  ...createIssuesSlice(...a),
  ...createFeedbackSlice(...a),
  ...createExportsSlice(...a),
  ...createImportSlice(...a),
  ...createMaintenanceSlice(...a),
  ...createLocaleSlice(...a),
  ...createOutreachSlice(...a),
  ...createPresenceSlice(...a),
}));

const initialState = useAppStore.getState();

/** Tests start every case from the same state. */
export function resetAppStore(): void {
  resetCallSaver();
  forgetQueueAtStart();
  dropHeldWork();
  useAppStore.setState(initialState, true);
}

export type { AppState };
