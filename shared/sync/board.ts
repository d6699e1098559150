import { z } from 'zod';
import { said } from '../i18n/said';
import { ROLES } from '../domain/roles';
import { STAGES } from '../domain/stages';

/**
 * The live floor board: what a console tells the hub about its desk (presence), and what a
 * manager's console reads back. Presence is not customer data: it names the customer only by the
 * company's customer id, never by name, phone or email, and the schema is strict so nothing else
 * can ride along.
 */
export const PRESENCE_STATES = ['idle', 'in_call', 'wrap_up', 'paused', 'offline'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

export const PRESENCE_STATE_LABELS: Record<PresenceState, string> = {
  idle: 'Idle',
  in_call: 'In a call',
  wrap_up: 'Wrap-up',
  paused: 'Paused',
  offline: 'Offline',
};

/** A desk sends a change within this long (the console debounces bursts of changes). */
export const PRESENCE_CHANGE_DELAY_MS = 500;
/** With nothing new, a desk says it is still there this often. */
export const PRESENCE_HEARTBEAT_MS = 15_000;
/** A desk not heard from for this long shows as offline, since it was last heard: three heartbeats missed. */
export const PRESENCE_EXPIRY_MS = 45_000;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');

export const DayCounters = z
  .object({
    calls: z.number().int().min(0).max(100_000),
    recovered: z.number().int().min(0).max(100_000),
    /** Monthly revenue of the customers recovered today. */
    revenueBack: z.number().finite().min(0).max(1e12),
  })
  .strict();
export type DayCounters = z.infer<typeof DayCounters>;

export const PauseReasonSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'errors.input.pauseReasonId'),
    label: z.string().trim().min(1, 'errors.input.pauseReasonName').max(40, 'errors.input.pauseReasonTooLong'),
  })
  .strict();
export type PauseReason = z.infer<typeof PauseReasonSchema>;

/** A short list: the floor picks from it in one glance. */
export const MAX_PAUSE_REASONS = 12;
export const PauseReasonList = z
  .array(PauseReasonSchema)
  .max(MAX_PAUSE_REASONS, 'errors.input.pauseReasonsMax')
  .superRefine((list, ctx) => {
    const ids = new Set<string>();
    const labels = new Set<string>();
    for (const [i, r] of list.entries()) {
      // The sentence by key travels as the issue's params (shared/i18n/validation.ts), with the duplicate as data.
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'errors.input.pauseReasonSameId', params: { said: said('errors.input.pauseReasonSameId', { id: r.id }) } });
      const label = r.label.toLocaleLowerCase();
      if (labels.has(label)) ctx.addIssue({ code: 'custom', path: [i, 'label'], message: 'errors.input.pauseReasonSameLabel', params: { said: said('errors.input.pauseReasonSameLabel', { label: r.label }) } });
      ids.add(r.id);
      labels.add(label);
    }
  });

/** What a desk says about itself. The person is the hub token's, never a name the desk claims. */
export const PresenceReport = z
  .object({
    consoleId: z.string().min(1).max(100),
    /** Grows with every report of this desk, across restarts: an older report arriving late is ignored. */
    seq: z.number().int().positive(),
    state: z.enum(PRESENCE_STATES),
    /** In a call: the stage the caller is in. */
    stage: z.enum(STAGES).nullable(),
    /** In a call or wrap-up: the company's customer id (never the name). */
    customerId: z.string().min(1).max(100).nullable(),
    /** Paused: the reason from the list. */
    pauseReasonId: z.string().max(40).nullable(),
    pauseReason: z.string().max(40).nullable(),
    /**
     * How long the desk has been in this state, by its own clock. The hub turns it into a time on
     * its own clock (received minus this), so desks whose clocks drift still line up on the board.
     */
    inStateForMs: z.number().int().min(0).max(10 * 365 * 24 * 3_600_000),
    /** The desk's own day and its offset from UTC, so "today" means the desk's today. */
    day,
    utcOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60),
    today: DayCounters,
  })
  .strict()
  .superRefine((r, ctx) => {
    const inCall = r.state === 'in_call';
    if (inCall !== (r.stage !== null)) ctx.addIssue({ code: 'custom', path: ['stage'], message: 'a stage is given exactly when the desk is in a call' });
    if ((inCall || r.state === 'wrap_up') !== (r.customerId !== null)) {
      ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'a customer id is given exactly when the desk is in a call or in wrap-up' });
    }
    if ((r.state === 'paused') !== (r.pauseReason !== null)) ctx.addIssue({ code: 'custom', path: ['pauseReason'], message: 'a pause reason is given exactly when the desk is paused' });
  });
export type PresenceReport = z.infer<typeof PresenceReport>;

/** The hub's answer to a presence report: the floor's pause reasons, so every desk has the manager's list. */
export const PresenceAck = z.object({
  heardAt: z.string(),
  pauseReasons: PauseReasonList.nullable(),
});
export type PresenceAck = z.infer<typeof PresenceAck>;

export const PauseReasonsResponse = z.object({ pauseReasons: PauseReasonList.nullable(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable() });
export type PauseReasonsResponse = z.infer<typeof PauseReasonsResponse>;

export const BoardRow = z.object({
  /** As named on the person's hub token. */
  person: z.string(),
  role: z.enum(ROLES),
  state: z.enum(PRESENCE_STATES),
  stage: z.enum(STAGES).nullable(),
  customerId: z.string().nullable(),
  pauseReason: z.string().nullable(),
  /** When the state began on the hub's clock; null for a person whose desk was never heard from. */
  since: z.string().nullable(),
  secondsInState: z.number().int().nullable(),
  /** Offline because the desk fell silent (not because it signed off). */
  silent: z.boolean(),
  lastHeardAt: z.string().nullable(),
  /** Desks this person's token reported from. */
  desks: z.number().int(),
  today: DayCounters,
});
export type BoardRow = z.infer<typeof BoardRow>;

export const Board = z.object({
  generatedAt: z.string(),
  rows: z.array(BoardRow),
  totals: z.object({
    people: z.number().int(),
    byState: z.object(Object.fromEntries(PRESENCE_STATES.map((s) => [s, z.number().int()])) as Record<PresenceState, z.ZodNumber>),
    today: DayCounters,
  }),
});
export type Board = z.infer<typeof Board>;
