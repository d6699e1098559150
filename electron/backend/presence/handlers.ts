import { getSetting, setSetting } from '../../../db/repos/settings';
import { BoardThresholdsSchema, DEFAULT_BOARD_THRESHOLDS, type BoardThresholds } from '../../../shared/api/presence';
import type { HandlerGroup } from '../types';
import { noteCallClosed, pause, readDeskPresence, resume } from './desk';
import { pauseReport } from './pauseReport';

const THRESHOLDS_KEY = 'board.thresholds';

function thresholds(db: Parameters<typeof getSetting>[0]): BoardThresholds {
  const parsed = BoardThresholdsSchema.safeParse(getSetting<unknown>(db, THRESHOLDS_KEY));
  return parsed.success ? parsed.data : DEFAULT_BOARD_THRESHOLDS;
}

/** This desk's presence and pauses; the floor board's thresholds; pause time on this desk. */
export const presenceHandlers: HandlerGroup<
  'presence.get' | 'presence.pause' | 'presence.resume' | 'presence.leftCall' | 'board.thresholds.get' | 'board.thresholds.set' | 'reports.pauses'
> = {
  'presence.get': (deps, _input, ctx) => readDeskPresence(deps, ctx.user),
  'presence.pause': (deps, input, ctx) => pause(deps, ctx.user, input.reasonId),
  'presence.resume': (deps, _input, ctx) => resume(deps, ctx.user),
  'presence.leftCall': (deps, input, ctx) => {
    noteCallClosed(deps, ctx.user, input.callId);
    return readDeskPresence(deps, ctx.user);
  },
  'board.thresholds.get': (deps) => thresholds(deps.db),
  'board.thresholds.set': (deps, input) => {
    setSetting(deps.db, THRESHOLDS_KEY, input);
    return thresholds(deps.db);
  },
  'reports.pauses': (deps, input, ctx) => pauseReport(deps, ctx.user, input),
};
