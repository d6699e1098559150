import { randomUUID } from 'node:crypto';
import type { IssueDetail, IssueStatus, IssueSummary, LinkedCall } from '../../../shared/api/issues';
import type { Outcome } from '../../../shared/domain/outcomes';
import type { Db } from '../../../db/open';
import { audit } from '../../../db/repos/audit';
import {
  getIssueRow,
  insertIssue,
  issueCallIds,
  issueImpact,
  issueImpacts,
  issueReasonIds,
  linkedCalls,
  listIssueRows,
  missingIds,
  reasonMonthlyCounts,
  recentCalls,
  setIssueCalls,
  setIssueReasons,
  updateIssueRow,
  type IssueImpact,
  type IssueRow,
  type LinkedCallRow,
} from '../../../db/repos/issues';
import { listReasonLabels } from '../../../db/repos/reportsLookups';
import type { HandlerGroup } from '../types';
import { appError } from '../i18n/errors';

const NO_IMPACT: IssueImpact = { customers: 0, stillLost: 0, revenueAtStake: 0 };

function toSummary(db: Db, row: IssueRow, impact: IssueImpact, reasonNames: Map<string, { name: string; category: string }>): IssueSummary {
  return {
    id: row.id,
    title: row.title,
    owner: row.owner,
    description: row.description,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    fixedAt: row.fixed_at,
    reasons: issueReasonIds(db, row.id).map((id) => ({ id, name: reasonNames.get(id)?.name ?? id, category: reasonNames.get(id)?.category ?? '' })),
    callCount: issueCallIds(db, row.id).length,
    ...impact,
  };
}

function reasonNameIndex(db: Db): Map<string, { name: string; category: string }> {
  return new Map(listReasonLabels(db).map((r) => [r.id, { name: r.name, category: r.categoryName }]));
}

export function toLinkedCall(r: LinkedCallRow): LinkedCall {
  return {
    id: r.id,
    completedAt: r.completed_at,
    outcome: r.outcome as Outcome,
    caller: r.caller_name,
    customerId: r.customer_id,
    customer: r.customer_name ?? r.customer_external_id,
    monthlyRevenue: r.monthly_revenue,
    diagnosedReason: r.diagnosed_reason,
  };
}

const monthStart = (iso: string) => `${iso.slice(0, 7)}-01`;
function addMonths(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * After the fix: each month from the fix date to now, and the monthly average over the three
 * months before the fix date, so a manager sees whether the reason is fading.
 */
function afterFix(db: Db, row: IssueRow, now: Date): IssueDetail['afterFix'] {
  if (row.status !== 'fixed' || row.fixed_at === null) return null;
  const reasons = issueReasonIds(db, row.id);
  const fixDay = row.fixed_at.slice(0, 10);
  const end = addMonths(monthStart(now.toISOString()), 1);
  const counted = reasonMonthlyCounts(db, reasons, fixDay, end);
  const months: NonNullable<IssueDetail['afterFix']>['months'] = [];
  for (let m = monthStart(fixDay); m < end; m = addMonths(m, 1)) {
    const month = m.slice(0, 7);
    months.push(counted.find((c) => c.month === month) ?? { month, departed: 0, revenue: 0, diagnosedCalls: 0 });
  }
  const before = reasonMonthlyCounts(db, reasons, addMonths(fixDay, -3), fixDay);
  const avg = (f: (m: (typeof before)[number]) => number) => Math.round((before.reduce((s, m) => s + f(m), 0) / 3) * 100) / 100;
  return { months, before: { departed: avg((m) => m.departed), revenue: avg((m) => m.revenue), diagnosedCalls: avg((m) => m.diagnosedCalls) } };
}

export function issueDetail(db: Db, id: string, now: Date): IssueDetail {
  const row = getIssueRow(db, id);
  if (!row) throw appError('not_found', 'issues.notFound');
  return {
    ...toSummary(db, row, issueImpact(db, id), reasonNameIndex(db)),
    calls: linkedCalls(db, id).map(toLinkedCall),
    afterFix: afterFix(db, row, now),
  };
}

function assertLinksExist(db: Db, reasonIds: readonly string[] | undefined, callIds: readonly string[] | undefined): void {
  const badReasons = reasonIds ? missingIds(db, 'reasons', reasonIds) : [];
  if (badReasons.length > 0) throw appError('invalid_input', 'issues.unknownReasons', { ids: badReasons.slice(0, 3).join(', ') });
  const badCalls = callIds ? missingIds(db, 'calls', callIds) : [];
  if (badCalls.length > 0) throw appError('invalid_input', 'issues.unknownCalls', { ids: badCalls.slice(0, 3).join(', ') });
}

export interface NewIssue {
  title: string;
  owner: string;
  description: string;
  reasonIds: string[];
  callIds: string[];
}

export function createIssue(db: Db, input: NewIssue, actorId: string | null, now: Date): IssueDetail {
  if (input.reasonIds.length === 0 && input.callIds.length === 0) {
    throw appError('invalid_input', 'issues.linkSomething');
  }
  assertLinksExist(db, input.reasonIds, input.callIds);
  const at = now.toISOString();
  const id = randomUUID();
  db.transaction(() => {
    insertIssue(db, {
      id,
      title: input.title,
      owner: input.owner,
      description: input.description,
      status: 'open',
      created_by: actorId,
      created_at: at,
      updated_at: at,
      fixed_at: null,
    });
    setIssueReasons(db, id, input.reasonIds);
    setIssueCalls(db, id, input.callIds);
    audit(db, { at, actorId, action: 'issue.create', entity: 'issue', entityId: id, detail: { reasons: input.reasonIds.length, calls: input.callIds.length } });
  })();
  return issueDetail(db, id, now);
}

export interface IssueChange {
  id: string;
  title?: string | undefined;
  owner?: string | undefined;
  description?: string | undefined;
  status?: IssueStatus | undefined;
  reasonIds?: string[] | undefined;
  callIds?: string[] | undefined;
}

export function updateIssue(db: Db, change: IssueChange, actorId: string | null, now: Date): IssueDetail {
  const row = getIssueRow(db, change.id);
  if (!row) throw appError('not_found', 'issues.notFound');
  assertLinksExist(db, change.reasonIds, change.callIds);
  const reasons = change.reasonIds ?? issueReasonIds(db, row.id);
  const calls = change.callIds ?? issueCallIds(db, row.id);
  if (reasons.length === 0 && calls.length === 0) {
    throw appError('invalid_input', 'issues.keepSomething');
  }
  const at = now.toISOString();
  const status = change.status ?? row.status;
  // The fix date is when it was marked fixed; reopening clears it, fixing again starts a new trend.
  const fixedAt = status === 'fixed' ? (row.status === 'fixed' ? row.fixed_at : at) : null;
  db.transaction(() => {
    updateIssueRow(db, {
      ...row,
      title: change.title ?? row.title,
      owner: change.owner ?? row.owner,
      description: change.description ?? row.description,
      status,
      updated_at: at,
      fixed_at: fixedAt,
    });
    if (change.reasonIds) setIssueReasons(db, row.id, change.reasonIds);
    if (change.callIds) setIssueCalls(db, row.id, change.callIds);
    audit(db, {
      at,
      actorId,
      action: 'issue.update',
      entity: 'issue',
      entityId: row.id,
      detail: { from: row.status, to: status, fields: Object.keys(change).filter((k) => k !== 'id') },
    });
  })();
  return issueDetail(db, row.id, now);
}

export function listIssues(db: Db, status?: IssueStatus): IssueSummary[] {
  const impacts = issueImpacts(db);
  const names = reasonNameIndex(db);
  return listIssueRows(db, status).map((row) => toSummary(db, row, impacts.get(row.id) ?? NO_IMPACT, names));
}

export const issueHandlers: HandlerGroup<'issues.list' | 'issues.get' | 'issues.create' | 'issues.update' | 'issues.candidateCalls'> = {
  'issues.list': (deps, input) => ({ items: listIssues(deps.db, input.status) }),
  'issues.get': (deps, input) => issueDetail(deps.db, input.id, deps.now()),
  'issues.create': (deps, input, ctx) => createIssue(deps.db, input, ctx.user.id, deps.now()),
  'issues.update': (deps, input, ctx) => updateIssue(deps.db, input, ctx.user.id, deps.now()),
  'issues.candidateCalls': (deps, input) => ({ items: recentCalls(deps.db, input.reasonIds, input.limit).map(toLinkedCall) }),
};
