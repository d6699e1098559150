import type { ServiceDeps } from '../types';
import { cycleSummary, listCyclesWithCounts, type CycleListRow } from '../../../db/repos/cycleSummary';
import { readQueueSettings } from '../../../db/repos/queueSettings';
import { ensureSelectionFresh } from '../../../db/repos/selection';
import { appError } from '../i18n/errors';

const toItem = (r: CycleListRow) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  departed: r.departed,
  revenue: r.revenue,
});

export function listCycles(deps: ServiceDeps) {
  return listCyclesWithCounts(deps.db).map(toItem);
}

export function summariseCycle(deps: ServiceDeps, input: { cycleId: string }) {
  const cycle = listCyclesWithCounts(deps.db).find((c) => c.id === input.cycleId);
  if (!cycle) throw appError('not_found', 'cycle.notFound', { id: input.cycleId });
  ensureSelectionFresh(deps.db, deps.now().toISOString().slice(0, 10));
  return { cycle: toItem(cycle), ...cycleSummary(deps.db, cycle.id, readQueueSettings(deps.db).maxAttempts) };
}
