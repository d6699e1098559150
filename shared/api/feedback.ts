import { z } from 'zod';
import { channel } from './channel';
import { OUTCOMES } from '../domain/outcomes';

/**
 * The frontline feedback loop: what recovery calls revealed about the people who served the
 * customer, queued per frontline team and rep until it has been shared, coached and closed.
 */
export const FEEDBACK_STATUSES = ['new', 'shared', 'coached', 'closed'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export const FEEDBACK_STATUS_LABELS: Record<FeedbackStatus, string> = {
  new: 'New',
  shared: 'Shared',
  coached: 'Coached',
  closed: 'Closed',
};

export const FeedbackItem = z.object({
  id: z.string(),
  createdAt: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  statusChangedAt: z.string().nullable(),
  text: z.string(),
  frontlineRep: z.string().nullable(),
  frontlineTeam: z.string().nullable(),
  call: z.object({
    id: z.string(),
    completedAt: z.string(),
    outcome: z.enum(OUTCOMES),
    caller: z.string(),
    diagnosedReasonId: z.string().nullable(),
    diagnosedReason: z.string().nullable(),
  }),
  customer: z.object({
    id: z.number().int(),
    externalId: z.string(),
    name: z.string().nullable(),
    monthlyRevenue: z.number().nullable(),
    statedReason: z.string().nullable(),
  }),
});
export type FeedbackItem = z.infer<typeof FeedbackItem>;

export const FeedbackGroup = z.object({
  team: z.string().nullable(),
  rep: z.string().nullable(),
  new: z.number().int(),
  shared: z.number().int(),
  coached: z.number().int(),
  closed: z.number().int(),
});
export type FeedbackGroup = z.infer<typeof FeedbackGroup>;

export const FeedbackCountRow = z.object({
  /** YYYY-MM the feedback was recorded in. */
  period: z.string(),
  team: z.string().nullable(),
  rep: z.string().nullable(),
  reasonId: z.string().nullable(),
  reason: z.string(),
  count: z.number().int(),
});
export type FeedbackCountRow = z.infer<typeof FeedbackCountRow>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.input.dayShort');

export const feedbackChannels = {
  /** Feedback grouped by team and rep (ordered that way), with the call and customer behind each. */
  'feedback.queue': channel({
    input: z
      .object({
        /** "open" is everything not closed. */
        status: z.enum([...FEEDBACK_STATUSES, 'open']).default('open'),
        team: z.string().max(200).optional(),
        rep: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(1000).default(300),
      })
      .strict(),
    output: z.object({ items: z.array(FeedbackItem), total: z.number().int(), groups: z.array(FeedbackGroup) }),
    roles: ['manager'],
  }),
  'feedback.setStatus': channel({
    input: z.object({ id: z.string().min(1).max(100), status: z.enum(FEEDBACK_STATUSES) }).strict(),
    output: FeedbackItem,
    roles: ['manager'],
  }),
  /** How much feedback each rep received per diagnosed reason, month by month. */
  'feedback.counts': channel({
    input: z.object({ from: day.optional(), to: day.optional() }).strict(),
    output: z.object({ rows: z.array(FeedbackCountRow) }),
    roles: ['manager'],
  }),
};
