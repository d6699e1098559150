import type { Db } from '../open';
import { expectOneRow } from '../statements';

export type IssueStatus = 'open' | 'in_progress' | 'fixed';

export interface IssueRow {
  id: string;
  title: string;
  owner: string;
  description: string;
  status: IssueStatus;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  fixed_at: string | null;
}

export function insertIssue(db: Db, row: IssueRow): void {
  db.prepare(
    `INSERT INTO issues (id, title, owner, description, status, created_by, created_at, updated_at, fixed_at)
     VALUES (@id, @title, @owner, @description, @status, @created_by, @created_at, @updated_at, @fixed_at)`,
  ).run(row);
}

export function updateIssueRow(db: Db, row: IssueRow): void {
  expectOneRow(
    db.prepare(
      `UPDATE issues SET title = @title, owner = @owner, description = @description, status = @status,
         updated_at = @updated_at, fixed_at = @fixed_at WHERE id = @id`,
    ).run(row),
    'updateIssueRow',
  );
}

export function getIssueRow(db: Db, id: string): IssueRow | undefined {
  return db.prepare('SELECT * FROM issues WHERE id = ?').get(id) as IssueRow | undefined;
}

export function listIssueRows(db: Db, status?: IssueStatus): IssueRow[] {
  const order = "ORDER BY CASE status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END, updated_at DESC";
  return (
    status === undefined
      ? db.prepare(`SELECT * FROM issues ${order}`).all()
      : db.prepare(`SELECT * FROM issues WHERE status = ? ${order}`).all(status)
  ) as IssueRow[];
}

export function setIssueReasons(db: Db, issueId: string, reasonIds: readonly string[]): void {
  db.prepare('DELETE FROM issue_reasons WHERE issue_id = ?').run(issueId);
  const add = db.prepare('INSERT INTO issue_reasons (issue_id, reason_id) VALUES (?, ?)');
  for (const r of new Set(reasonIds)) add.run(issueId, r);
}

export function setIssueCalls(db: Db, issueId: string, callIds: readonly string[]): void {
  db.prepare('DELETE FROM issue_calls WHERE issue_id = ?').run(issueId);
  const add = db.prepare('INSERT INTO issue_calls (issue_id, call_id) VALUES (?, ?)');
  for (const c of new Set(callIds)) add.run(issueId, c);
}

export function issueReasonIds(db: Db, issueId: string): string[] {
  return db.prepare('SELECT reason_id FROM issue_reasons WHERE issue_id = ? ORDER BY reason_id').pluck().all(issueId) as string[];
}

export function issueCallIds(db: Db, issueId: string): string[] {
  return db.prepare('SELECT call_id FROM issue_calls WHERE issue_id = ? ORDER BY call_id').pluck().all(issueId) as string[];
}

/** Which of the given ids name no reason / no call, so a bad link is refused with its name. */
export function missingIds(db: Db, table: 'reasons' | 'calls', ids: readonly string[]): string[] {
  const exists = db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).pluck();
  return ids.filter((id) => exists.get(id) === undefined);
}

export interface IssueImpact {
  customers: number;
  /** Customers behind the issue who have not come back. */
  stillLost: number;
  /** Their monthly revenue: what fixing the issue is worth each month. */
  revenueAtStake: number;
}

/**
 * Computed live on every read: the departed customers behind an issue are those who stated one of
 * its reasons, those diagnosed with one of them on a call, and those of its linked calls. Revenue at
 * stake counts each of them once, and only while they have not been won back.
 */
export const ISSUE_IMPACT_SQL = `
  WITH affected AS (
    SELECT ir.issue_id, c.id AS customer_id
      FROM issue_reasons ir JOIN customers c ON c.stated_reason_id = ir.reason_id
    UNION
    SELECT ir.issue_id, k.customer_id
      FROM issue_reasons ir
      JOIN call_reasons cr ON cr.reason_id = ir.reason_id AND cr.is_primary = 1
      JOIN calls k ON k.id = cr.call_id
    UNION
    SELECT ic.issue_id, k.customer_id FROM issue_calls ic JOIN calls k ON k.id = ic.call_id
  )
  SELECT a.issue_id, count(*) AS customers,
    coalesce(sum(NOT EXISTS (SELECT 1 FROM calls w WHERE w.customer_id = a.customer_id AND w.outcome = 'recovered')), 0) AS still_lost,
    total(CASE WHEN NOT EXISTS (SELECT 1 FROM calls w WHERE w.customer_id = a.customer_id AND w.outcome = 'recovered')
               THEN c.monthly_revenue END) AS revenue_at_stake
  FROM affected a JOIN customers c ON c.id = a.customer_id`;

export function issueImpacts(db: Db): Map<string, IssueImpact> {
  const rows = db.prepare(`${ISSUE_IMPACT_SQL} GROUP BY a.issue_id`).all() as {
    issue_id: string;
    customers: number;
    still_lost: number;
    revenue_at_stake: number;
  }[];
  return new Map(
    rows.map((r) => [
      r.issue_id,
      { customers: r.customers, stillLost: r.still_lost, revenueAtStake: Math.round(r.revenue_at_stake * 100) / 100 },
    ]),
  );
}

export function issueImpact(db: Db, issueId: string): IssueImpact {
  const r = db.prepare(`${ISSUE_IMPACT_SQL} WHERE a.issue_id = ?`).get(issueId) as
    | { customers: number; still_lost: number; revenue_at_stake: number }
    | undefined;
  return {
    customers: r?.customers ?? 0,
    stillLost: r?.still_lost ?? 0,
    revenueAtStake: Math.round((r?.revenue_at_stake ?? 0) * 100) / 100,
  };
}

export interface MonthCount {
  month: string;
  departed: number;
  revenue: number;
  diagnosedCalls: number;
}

/** Per month from `fromDay` on: customers who left stating one of the reasons, and calls that diagnosed one. */
export function reasonMonthlyCounts(db: Db, reasonIds: readonly string[], fromDay: string, toDayExclusive: string): MonthCount[] {
  if (reasonIds.length === 0) return [];
  const list = JSON.stringify(reasonIds);
  const departed = db
    .prepare(
      `SELECT substr(departed_at, 1, 7) AS month, count(*) AS departed, total(monthly_revenue) AS revenue
       FROM customers
       WHERE stated_reason_id IN (SELECT value FROM json_each(@list)) AND departed_at >= @from AND departed_at < @to
       GROUP BY 1`,
    )
    .all({ list, from: fromDay, to: toDayExclusive }) as { month: string; departed: number; revenue: number }[];
  const diagnosed = db
    .prepare(
      `SELECT substr(k.completed_at, 1, 7) AS month, count(*) AS calls
       FROM calls k JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1
       WHERE cr.reason_id IN (SELECT value FROM json_each(@list)) AND k.completed_at >= @from AND k.completed_at < @to
       GROUP BY 1`,
    )
    .all({ list, from: fromDay, to: toDayExclusive }) as { month: string; calls: number }[];
  const months = new Map<string, MonthCount>();
  const at = (month: string) => {
    let m = months.get(month);
    if (!m) {
      m = { month, departed: 0, revenue: 0, diagnosedCalls: 0 };
      months.set(month, m);
    }
    return m;
  };
  for (const d of departed) Object.assign(at(d.month), { departed: d.departed, revenue: Math.round(d.revenue * 100) / 100 });
  for (const d of diagnosed) at(d.month).diagnosedCalls = d.calls;
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

export interface LinkedCallRow {
  id: string;
  completed_at: string;
  outcome: string;
  caller_name: string;
  customer_id: number;
  customer_external_id: string;
  customer_name: string | null;
  monthly_revenue: number | null;
  diagnosed_reason: string | null;
}

export function linkedCalls(db: Db, issueId: string): LinkedCallRow[] {
  return db
    .prepare(
      `SELECT k.id, k.completed_at, k.outcome, p.name AS caller_name, c.id AS customer_id,
         c.external_id AS customer_external_id, c.name AS customer_name, c.monthly_revenue, r.name AS diagnosed_reason
       FROM issue_calls ic
       JOIN calls k ON k.id = ic.call_id
       JOIN customers c ON c.id = k.customer_id
       JOIN people p ON p.id = k.caller_id
       LEFT JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1
       LEFT JOIN reasons r ON r.id = cr.reason_id
       WHERE ic.issue_id = ? ORDER BY k.completed_at DESC`,
    )
    .all(issueId) as LinkedCallRow[];
}

/** Recent calls, newest first: those whose primary diagnosed reason is one of `reasonIds`, or all when none given. */
export function recentCalls(db: Db, reasonIds: readonly string[], limit: number): LinkedCallRow[] {
  return db
    .prepare(
      `SELECT k.id, k.completed_at, k.outcome, p.name AS caller_name, c.id AS customer_id,
         c.external_id AS customer_external_id, c.name AS customer_name, c.monthly_revenue, r.name AS diagnosed_reason
       FROM calls k
       JOIN customers c ON c.id = k.customer_id
       JOIN people p ON p.id = k.caller_id
       LEFT JOIN call_reasons cr ON cr.call_id = k.id AND cr.is_primary = 1
       LEFT JOIN reasons r ON r.id = cr.reason_id
       WHERE @all = 1 OR cr.reason_id IN (SELECT value FROM json_each(@list))
       ORDER BY k.completed_at DESC, k.id LIMIT @limit`,
    )
    .all({ all: reasonIds.length === 0 ? 1 : 0, list: JSON.stringify(reasonIds), limit }) as LinkedCallRow[];
}
