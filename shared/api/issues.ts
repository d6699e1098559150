import { z } from 'zod';
import { channel } from './channel';
import { OUTCOMES } from '../domain/outcomes';
import { ISSUE_STATUSES } from '../domain/issueStatus';

/** Issues to fix: what the company must change, with the reasons and calls behind it. */
export { ISSUE_STATUSES, ISSUE_STATUS_LABELS, type IssueStatus } from '../domain/issueStatus';

const idList = (what: 'reasons' | 'calls', max: number) =>
  z.array(z.string().min(1).max(100)).max(max, what === 'reasons' ? 'errors.input.issueReasonsMax' : 'errors.input.issueCallsMax');

export const IssueSummary = z.object({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  description: z.string(),
  status: z.enum(ISSUE_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  fixedAt: z.string().nullable(),
  reasons: z.array(z.object({ id: z.string(), name: z.string(), category: z.string() })),
  callCount: z.number().int(),
  /** Departed customers behind it: stated or diagnosed one of its reasons, or on one of its calls. */
  customers: z.number().int(),
  /** Of those, the ones not won back. */
  stillLost: z.number().int(),
  /** Their monthly revenue, computed on every read. */
  revenueAtStake: z.number(),
});
export type IssueSummary = z.infer<typeof IssueSummary>;

export const LinkedCall = z.object({
  id: z.string(),
  completedAt: z.string(),
  outcome: z.enum(OUTCOMES),
  caller: z.string(),
  customerId: z.number().int(),
  customer: z.string(),
  monthlyRevenue: z.number().nullable(),
  diagnosedReason: z.string().nullable(),
});
export type LinkedCall = z.infer<typeof LinkedCall>;

const MonthPoint = z.object({
  month: z.string(),
  departed: z.number().int(),
  revenue: z.number(),
  diagnosedCalls: z.number().int(),
});

export const IssueDetail = IssueSummary.extend({
  calls: z.array(LinkedCall),
  /** Once fixed: its reasons month by month from the fix date on, against the three months before it. */
  afterFix: z
    .object({
      months: z.array(MonthPoint),
      /** Monthly average over the three months before the fix date. */
      before: z.object({ departed: z.number(), revenue: z.number(), diagnosedCalls: z.number() }),
    })
    .nullable(),
});
export type IssueDetail = z.infer<typeof IssueDetail>;

const title = z.string().trim().min(1, 'errors.input.issueTitle').max(200, 'errors.input.titleLong');
const owner = z.string().trim().max(120, 'errors.input.ownerLong');
const description = z.string().max(4000, 'errors.input.descriptionLong');

export const issueChannels = {
  'issues.list': channel({
    input: z.object({ status: z.enum(ISSUE_STATUSES).optional() }).strict(),
    output: z.object({ items: z.array(IssueSummary) }),
    roles: ['manager'],
  }),
  'issues.get': channel({
    input: z.object({ id: z.string().min(1).max(100) }).strict(),
    output: IssueDetail,
    roles: ['manager'],
  }),
  'issues.create': channel({
    input: z
      .object({
        title,
        owner: owner.default(''),
        description: description.default(''),
        reasonIds: idList('reasons', 50).default([]),
        callIds: idList('calls', 500).default([]),
      })
      .strict(),
    output: IssueDetail,
    roles: ['manager'],
  }),
  'issues.update': channel({
    input: z
      .object({
        id: z.string().min(1).max(100),
        title: title.optional(),
        owner: owner.optional(),
        description: description.optional(),
        status: z.enum(ISSUE_STATUSES).optional(),
        reasonIds: idList('reasons', 50).optional(),
        callIds: idList('calls', 500).optional(),
      })
      .strict(),
    output: IssueDetail,
    roles: ['manager'],
  }),
  /** Recent calls a manager can link: those diagnosed with the given reasons, or all recent ones. */
  'issues.candidateCalls': channel({
    input: z.object({ reasonIds: idList('reasons', 50).default([]), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.object({ items: z.array(LinkedCall) }),
    roles: ['manager'],
  }),
};
