import { z } from 'zod';
import { channel } from './channel';
import { STAGES } from '../domain/stages';
import { Board, DayCounters, PauseReasonList, PauseReasonSchema } from '../sync/board';
import { PauseReport, PauseReportFilters } from '../reports/pauses';

/** What this desk's person is doing, as the window shows it (and, without the name, as the hub hears it). */
export const DeskPresenceSchema = z.object({
  state: z.enum(['idle', 'in_call', 'wrap_up', 'paused']),
  stage: z.enum(STAGES).nullable(),
  /** The customer of the open call, for this window only: never sent to the hub. */
  customerId: z.number().int().nullable(),
  pauseReasonId: z.string().nullable(),
  pauseReason: z.string().nullable(),
  since: z.string(),
  today: DayCounters,
  pauseReasons: z.array(PauseReasonSchema),
});
export type DeskPresence = z.infer<typeof DeskPresenceSchema>;

/** Minutes in a state after which the board highlights a person; set by each manager on their console. */
export const BoardThresholdsSchema = z
  .object({
    idle: z.number().int().min(1).max(24 * 60),
    in_call: z.number().int().min(1).max(24 * 60),
    wrap_up: z.number().int().min(1).max(24 * 60),
    paused: z.number().int().min(1).max(24 * 60),
  })
  .strict();
export type BoardThresholds = z.infer<typeof BoardThresholdsSchema>;

export const DEFAULT_BOARD_THRESHOLDS: BoardThresholds = { idle: 20, in_call: 15, wrap_up: 3, paused: 15 };

export const presenceChannels = {
  'presence.get': channel({ input: z.object({}).strict(), output: DeskPresenceSchema }),
  'presence.pause': channel({ input: z.object({ reasonId: z.string().min(1).max(40) }).strict(), output: DeskPresenceSchema }),
  'presence.resume': channel({ input: z.object({}).strict(), output: DeskPresenceSchema }),
  /** The person left the call for later: the desk is no longer in it. */
  'presence.leftCall': channel({ input: z.object({ callId: z.string().uuid() }).strict(), output: DeskPresenceSchema }),
  'presence.reasons.save': channel({
    input: z.object({ pauseReasons: PauseReasonList.refine((l) => l.length > 0, 'errors.input.onePauseReason') }).strict(),
    output: z.object({ pauseReasons: z.array(PauseReasonSchema), publishedToHub: z.boolean() }),
    roles: ['manager'],
  }),
  /** The live floor board, read from the hub. */
  'board.get': channel({ input: z.object({}).strict(), output: Board, roles: ['manager'] }),
  'board.thresholds.get': channel({ input: z.object({}).strict(), output: BoardThresholdsSchema, roles: ['manager'] }),
  'board.thresholds.set': channel({ input: BoardThresholdsSchema, output: BoardThresholdsSchema, roles: ['manager'] }),
  /** Pause time by person and reason on this desk's database (an agent sees their own). */
  'reports.pauses': channel({ input: PauseReportFilters, output: PauseReport }),
  /** The same across the floor, from the hub. */
  'hub.pauses': channel({ input: PauseReportFilters, output: PauseReport, roles: ['manager'] }),
};
