import type { Person } from '../../../shared/api/session';
import type { ReportScope } from '../../../shared/api/reports';
import type { Db } from '../../../db/open';
import { findCycleIdByIdOrName } from '../../../db/repos/reportsLookups';
import type { ReportQuery } from '../../../db/repos/reportsFilters';
import { appError } from '../i18n/errors';

export interface ReportFilterInput {
  cycle?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  segment?: string | undefined;
  product?: string | undefined;
  team?: string | undefined;
}

/**
 * Managers see every call; agents and executives only their own. The command line runs as the
 * console's owner at the desk, without a signed-in person, and sees everything.
 */
export function scopeOf(user: Person | null): ReportScope {
  return user === null || user.role === 'manager' ? 'all' : 'own';
}

/** Turns what a person asked for into the repository's query, refusing what cannot mean anything. */
export function resolveReportQuery(db: Db, filters: ReportFilterInput, user: Person | null): ReportQuery {
  if (filters.from !== undefined && filters.to !== undefined && filters.from > filters.to) {
    throw appError('invalid_input', 'reports.startAfterEnd', { from: filters.from, to: filters.to });
  }
  for (const day of [filters.from, filters.to]) {
    const parsed = day === undefined ? null : new Date(`${day}T00:00:00Z`);
    // A round trip catches 2026-02-30 as well as 2026-13-45.
    if (day !== undefined && (parsed === null || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day)) {
      throw appError('invalid_input', 'common.notACalendarDate', { value: day });
    }
  }
  let cycleId: string | undefined;
  if (filters.cycle !== undefined && filters.cycle !== '') {
    cycleId = findCycleIdByIdOrName(db, filters.cycle);
    if (cycleId === undefined) throw appError('not_found', 'cycle.notFoundNamed', { name: filters.cycle });
  }
  const blankToUndefined = (v: string | undefined) => (v === '' ? undefined : v);
  return {
    cycleId,
    from: filters.from,
    to: filters.to,
    segment: blankToUndefined(filters.segment),
    product: blankToUndefined(filters.product),
    team: blankToUndefined(filters.team),
    callerId: scopeOf(user) === 'own' ? user?.id : undefined,
  };
}
