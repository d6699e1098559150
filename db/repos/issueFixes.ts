import type { Db } from '../open';
import { prepared } from '../statements';

export interface IssueFixRow {
  issue_id: string;
  what_changed: string;
  fixed_on: string;
  recorded_by: string | null;
  recorded_at: string;
}

export function getIssueFix(db: Db, issueId: string): IssueFixRow | undefined {
  return prepared(db, 'SELECT * FROM issue_fixes WHERE issue_id = ?').get(issueId) as IssueFixRow | undefined;
}

export function saveIssueFix(db: Db, row: IssueFixRow): void {
  prepared(
    db,
    `INSERT INTO issue_fixes (issue_id, what_changed, fixed_on, recorded_by, recorded_at)
     VALUES (@issue_id, @what_changed, @fixed_on, @recorded_by, @recorded_at)
     ON CONFLICT(issue_id) DO UPDATE SET what_changed = excluded.what_changed, fixed_on = excluded.fixed_on,
       recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
  ).run(row);
}
