import type { Db } from '../open';
import { nextDay } from './reportsFilters';

export type FeedbackStatus = 'new' | 'shared' | 'coached' | 'closed';

export interface FeedbackQueueRow {
  id: string;
  created_at: string;
  status: FeedbackStatus;
  status_changed_at: string | null;
  text: string;
  frontline_rep: string | null;
  frontline_team: string | null;
  call_id: string;
  completed_at: string;
  outcome: string;
  caller_name: string;
  reason_id: string | null;
  reason_name: string | null;
  customer_id: number;
  external_id: string;
  customer_name: string | null;
  monthly_revenue: number | null;
  stated_reason_text: string | null;
}

export interface FeedbackQueueFilter {
  statuses: readonly FeedbackStatus[];
  team?: string | undefined;
  rep?: string | undefined;
  limit: number;
}

const ROW_SQL = `
  SELECT f.id, f.created_at, f.status, f.status_changed_at, f.text, f.frontline_rep, f.frontline_team,
    k.id AS call_id, k.completed_at, k.outcome, p.name AS caller_name, cr.reason_id, r.name AS reason_name,
    c.id AS customer_id, c.external_id, c.name AS customer_name, c.monthly_revenue, c.stated_reason_text
  FROM feedback f
  JOIN calls k ON k.id = f.call_id
  JOIN people p ON p.id = k.caller_id
  JOIN customers c ON c.id = f.customer_id
  LEFT JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1
  LEFT JOIN reasons r ON r.id = cr.reason_id`;

function filterSql(f: FeedbackQueueFilter, params: Record<string, unknown>): string {
  const where = ['f.status IN (SELECT value FROM json_each(@statuses))'];
  params.statuses = JSON.stringify(f.statuses);
  if (f.team !== undefined) {
    where.push('f.frontline_team IS @team');
    params.team = f.team === '' ? null : f.team;
  }
  if (f.rep !== undefined) {
    where.push('f.frontline_rep IS @rep');
    params.rep = f.rep === '' ? null : f.rep;
  }
  return `WHERE ${where.join(' AND ')}`;
}

/** The queue in the order a manager works it: team, then rep, oldest first within each. */
export function feedbackQueue(db: Db, f: FeedbackQueueFilter): { rows: FeedbackQueueRow[]; total: number } {
  const params: Record<string, unknown> = {};
  const where = filterSql(f, params);
  const rows = db
    .prepare(
      `${ROW_SQL} ${where}
       ORDER BY f.frontline_team IS NULL, f.frontline_team, f.frontline_rep IS NULL, f.frontline_rep, f.created_at, f.id
       LIMIT @limit`,
    )
    .all({ ...params, limit: f.limit }) as FeedbackQueueRow[];
  const total = db.prepare(`SELECT count(*) FROM feedback f ${where}`).pluck().get(params) as number;
  return { rows, total };
}

export function getFeedbackRow(db: Db, id: string): FeedbackQueueRow | undefined {
  return db.prepare(`${ROW_SQL} WHERE f.id = ?`).get(id) as FeedbackQueueRow | undefined;
}

export interface FeedbackGroupRow {
  team: string | null;
  rep: string | null;
  new: number;
  shared: number;
  coached: number;
  closed: number;
}

/** Every rep's feedback by status, whatever the queue's filter, so the groups show the whole picture. */
export function feedbackGroups(db: Db): FeedbackGroupRow[] {
  return db
    .prepare(
      `SELECT frontline_team AS team, frontline_rep AS rep,
         sum(status = 'new') AS new, sum(status = 'shared') AS shared,
         sum(status = 'coached') AS coached, sum(status = 'closed') AS closed
       FROM feedback GROUP BY frontline_team, frontline_rep
       ORDER BY frontline_team IS NULL, frontline_team, frontline_rep IS NULL, frontline_rep`,
    )
    .all() as FeedbackGroupRow[];
}

export function setFeedbackStatus(db: Db, id: string, status: FeedbackStatus, by: string | null, at: string): boolean {
  return (
    db
      .prepare('UPDATE feedback SET status = ?, status_changed_at = ?, status_changed_by = ? WHERE id = ?')
      .run(status, at, by, id).changes === 1
  );
}

export interface FeedbackCount {
  period: string;
  team: string | null;
  rep: string | null;
  reason_id: string | null;
  count: number;
}

export function feedbackCounts(db: Db, range: { from?: string | undefined; to?: string | undefined }): FeedbackCount[] {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (range.from !== undefined) {
    where.push('f.created_at >= @from');
    params.from = range.from;
  }
  if (range.to !== undefined) {
    where.push('f.created_at < @to');
    params.to = nextDay(range.to);
  }
  return db
    .prepare(
      `SELECT substr(f.created_at, 1, 7) AS period, f.frontline_team AS team, f.frontline_rep AS rep,
         cr.reason_id, count(*) AS count
       FROM feedback f
       LEFT JOIN call_reasons cr ON cr.call_id = f.call_id AND cr.is_primary = 1
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY 1, 2, 3, 4
       ORDER BY period, team IS NULL, team, rep IS NULL, rep, count DESC`,
    )
    .all(params) as FeedbackCount[];
}
