import type { ReasonsReport, ReasonsReportFilters } from '../../../shared/reports/reasons';
import type { Person } from '../../../shared/api/session';
import type { Db } from '../../../db/open';
import { reasonsReport } from '../../../db/repos/reportsReasons';
import { resolveReportQuery } from './scope';

/** The reasons report (stated or diagnosed, optionally by cycle or month) in the shared shape. */
export function buildReasonsReport(db: Db, filters: ReasonsReportFilters, user: Person | null): ReasonsReport {
  const query = resolveReportQuery(db, filters, user);
  return reasonsReport(db, { ...query, by: filters.by ?? 'stated', group: filters.group });
}
