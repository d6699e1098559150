import type { Db } from '../../../db/open';
import type { ReportQuery } from '../../../db/repos/reportsFilters';
import { reasonsReport, type ReasonsQuery } from '../../../db/repos/reportsReasons';
import { agreement, offerMatrix, recoveryGroups } from '../../../db/repos/reportsRecovery';
import { offersMadeCells, wonBackCells } from '../../../db/repos/effectReports';
import { attributionCounts } from '../../../db/repos/attribution';

/**
 * The heavy part of each report: the SQL over every call. Plain data in, plain data out, so it can
 * run on a worker thread's own connection as well as on the console's.
 */
export type ReportTask =
  | { kind: 'reasons'; query: ReasonsQuery }
  | { kind: 'recovery'; query: ReportQuery }
  | { kind: 'offerMatrix'; query: ReportQuery }
  | { kind: 'agreement'; query: ReportQuery }
  /** Offer economics' cells for one cycle (null: every cycle). */
  | { kind: 'offerEconomics'; cycleId: string | null }
  /** "Did it work": touches and returns worked out over a window of `days` (seconds over a year of calls). */
  | { kind: 'attribution'; days: number };

export interface ReportTaskResults {
  reasons: ReturnType<typeof reasonsReport>;
  recovery: ReturnType<typeof recoveryGroups>;
  offerMatrix: ReturnType<typeof offerMatrix>;
  agreement: ReturnType<typeof agreement>;
  offerEconomics: { won: ReturnType<typeof wonBackCells>; made: ReturnType<typeof offersMadeCells> };
  attribution: ReturnType<typeof attributionCounts>;
}

export type ReportTaskResult<T extends ReportTask> = ReportTaskResults[T['kind']];

export function runReportTask<T extends ReportTask>(db: Db, task: T): ReportTaskResult<T> {
  switch (task.kind) {
    case 'reasons':
      return reasonsReport(db, task.query) as ReportTaskResult<T>;
    case 'recovery':
      return recoveryGroups(db, task.query) as ReportTaskResult<T>;
    case 'offerMatrix':
      return offerMatrix(db, task.query) as ReportTaskResult<T>;
    case 'agreement':
      return agreement(db, task.query) as ReportTaskResult<T>;
    case 'offerEconomics':
      return { won: wonBackCells(db, task.cycleId), made: offersMadeCells(db, task.cycleId) } as ReportTaskResult<T>;
    case 'attribution':
      return attributionCounts(db, task.days) as ReportTaskResult<T>;
  }
  throw new Error('Unknown report task.');
}
