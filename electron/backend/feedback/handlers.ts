import { FEEDBACK_STATUSES, type FeedbackItem, type FeedbackStatus } from '../../../shared/api/feedback';
import type { Outcome } from '../../../shared/domain/outcomes';
import type { Db } from '../../../db/open';
import { audit } from '../../../db/repos/audit';
import { listReasonLabels } from '../../../db/repos/reportsLookups';
import {
  feedbackCounts,
  feedbackGroups,
  feedbackQueue,
  getFeedbackRow,
  setFeedbackStatus,
  type FeedbackQueueRow,
} from '../../../db/repos/feedbackQueue';
import type { HandlerGroup } from '../types';
import { resolveReportQuery } from '../reports/scope';
import { appError } from '../i18n/errors';

export const NOT_DIAGNOSED = 'Not diagnosed';

function toItem(r: FeedbackQueueRow): FeedbackItem {
  return {
    id: r.id,
    createdAt: r.created_at,
    status: r.status,
    statusChangedAt: r.status_changed_at,
    text: r.text,
    frontlineRep: r.frontline_rep,
    frontlineTeam: r.frontline_team,
    call: {
      id: r.call_id,
      completedAt: r.completed_at,
      outcome: r.outcome as Outcome,
      caller: r.caller_name,
      diagnosedReasonId: r.reason_id,
      diagnosedReason: r.reason_name,
    },
    customer: {
      id: r.customer_id,
      externalId: r.external_id,
      name: r.customer_name,
      monthlyRevenue: r.monthly_revenue,
      statedReason: r.stated_reason_text,
    },
  };
}

export function feedbackQueueFor(
  db: Db,
  input: { status: FeedbackStatus | 'open'; team?: string | undefined; rep?: string | undefined; limit: number },
) {
  const statuses: FeedbackStatus[] = input.status === 'open' ? FEEDBACK_STATUSES.filter((s) => s !== 'closed') : [input.status];
  const { rows, total } = feedbackQueue(db, { statuses, team: input.team, rep: input.rep, limit: input.limit });
  return { items: rows.map(toItem), total, groups: feedbackGroups(db) };
}

/** Moves feedback along new -> shared -> coached -> closed (or back, when it was set by mistake). */
export function changeFeedbackStatus(db: Db, id: string, status: FeedbackStatus, actorId: string | null, now: Date): FeedbackItem {
  const before = getFeedbackRow(db, id);
  if (!before) throw appError('not_found', 'feedback.notFound');
  const at = now.toISOString();
  db.transaction(() => {
    setFeedbackStatus(db, id, status, actorId, at);
    audit(db, { at, actorId, action: 'feedback.status', entity: 'feedback', entityId: id, detail: { from: before.status, to: status } });
  })();
  const after = getFeedbackRow(db, id);
  if (!after) throw appError('not_found', 'feedback.notFound');
  return toItem(after);
}

export function feedbackCountsFor(db: Db, range: { from?: string | undefined; to?: string | undefined }) {
  // Same date checks as the reports: a backwards or impossible range is refused, not silently empty.
  resolveReportQuery(db, range, null);
  const names = new Map(listReasonLabels(db).map((r) => [r.id, r.name]));
  return {
    rows: feedbackCounts(db, range).map((c) => ({
      period: c.period,
      team: c.team,
      rep: c.rep,
      reasonId: c.reason_id,
      reason: c.reason_id === null ? NOT_DIAGNOSED : (names.get(c.reason_id) ?? c.reason_id),
      count: c.count,
    })),
  };
}

export const feedbackHandlers: HandlerGroup<'feedback.queue' | 'feedback.setStatus' | 'feedback.counts'> = {
  'feedback.queue': (deps, input) => feedbackQueueFor(deps.db, input),
  'feedback.setStatus': (deps, input, ctx) => changeFeedbackStatus(deps.db, input.id, input.status, ctx.user.id, deps.now()),
  'feedback.counts': (deps, input) => feedbackCountsFor(deps.db, input),
};
