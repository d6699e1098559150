import type { StateCreator } from 'zustand';
import type { SessionSlice } from './sessionSlice';
import type { NavigationSlice } from './navigationSlice';
import type { NoticeSlice } from './noticeSlice';
import type { QueueSlice } from './queueSlice';
import type { SyncSlice } from './syncSlice';
import type { CallSlice } from './callSlice';
import type { PreferencesSlice } from './preferencesSlice';
import type { CareSlice } from './careSlice';
import type { ReportsSlice } from './reportsSlice';
import type { IssuesSlice } from './issuesSlice';
import type { FeedbackSlice } from './feedbackSlice';
import type { ExportsSlice } from './exportsSlice';
import type { ImportSlice } from './importSlice';
import type { MaintenanceSlice } from './maintenanceSlice';
import type { LocaleSlice } from './localeSlice';
import type { OutreachSlice } from './outreachSlice';
import type { PresenceSlice } from './presenceSlice';

export type AppState = SessionSlice &
  NavigationSlice &
  NoticeSlice &
  QueueSlice &
  SyncSlice &
  CallSlice &
  PreferencesSlice &
  CareSlice &
  ReportsSlice &
  IssuesSlice &
  FeedbackSlice &
  ExportsSlice &
  ImportSlice &
  MaintenanceSlice &
  LocaleSlice &
  OutreachSlice &
  PresenceSlice;

/** A feature slice, typed against the whole state so slices can read each other. */
export type Slice<T> = StateCreator<AppState, [], [], T>;
