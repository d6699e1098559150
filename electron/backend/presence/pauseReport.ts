import type { Person } from '../../../shared/api/session';
import { assemblePauseReport, type PauseReport, type PauseReportFilters } from '../../../shared/reports/pauses';
import { pauseTotals } from '../../../db/repos/pauses';
import type { ServiceDeps } from '../types';
import { appError } from '../i18n/errors';

/** Midnight at the start of a YYYY-MM-DD day on this desk's clock, as UTC text. */
function localMidnight(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) throw appError('invalid_input', 'common.notADate', { value: day });
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/**
 * Pause time by person and reason on this desk's database, from the start of `from` to the end of
 * `to` (the desk's days). A pause still open counts up to now. An agent or executive sees their own
 * pauses only; a manager everyone's.
 */
export function pauseReport(deps: ServiceDeps, user: Person, filters: PauseReportFilters): PauseReport {
  const from = localMidnight(filters.from);
  const end = localMidnight(filters.to, 1);
  const now = deps.now().toISOString();
  const until = end < now ? end : now;
  const rows = until <= from ? [] : pauseTotals(deps.db, { from, until }, user.role === 'manager' ? undefined : user.id);
  return assemblePauseReport(
    filters,
    rows.map((r) => ({ person: r.person, reasonId: r.reason_id, reason: r.reason, pauses: r.pauses, seconds: r.seconds, longestSeconds: r.longest_seconds })),
  );
}
