import type { ReasonsReport, ReasonsReportFilters } from '../../../shared/reports/reasons';
import type { Person } from '../../../shared/api/session';
import type { Db } from '../../../db/open';
import type { Logger } from '../types';
import { runReport } from '../reportWorkers/runner';
import { resolveReportQuery } from './scope';

/** The reasons report (stated or diagnosed, optionally by cycle or month) in the shared shape. */
export async function buildReasonsReport(db: Db, filters: ReasonsReportFilters, user: Person | null, log?: Logger): Promise<ReasonsReport> {
  const query = resolveReportQuery(db, filters, user);
  return runReport(db, { kind: 'reasons', query: { ...query, by: filters.by ?? 'stated', group: filters.group } }, log);
}
