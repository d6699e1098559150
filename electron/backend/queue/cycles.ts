import { AppError } from '../../../shared/api/result';
import type { HandlerGroup } from '../handlers';
import { cycleSummary, listCyclesWithCounts, type CycleListRow } from '../../../db/repos/cycleSummary';
import { readQueueSettings } from '../../../db/repos/queueSettings';
import { ensureSelectionFresh } from '../../../db/repos/selection';

const toItem = (r: CycleListRow) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  departed: r.departed,
  revenue: r.revenue,
});

export const cycleHandlers: HandlerGroup<'cycles.list' | 'cycles.summary'> = {
  'cycles.list': (deps) => listCyclesWithCounts(deps.db).map(toItem),
  'cycles.summary': (deps, input) => {
    const cycle = listCyclesWithCounts(deps.db).find((c) => c.id === input.cycleId);
    if (!cycle) throw new AppError('not_found', `There is no cycle ${input.cycleId}.`);
    ensureSelectionFresh(deps.db, deps.now().toISOString().slice(0, 10));
    return { cycle: toItem(cycle), ...cycleSummary(deps.db, cycle.id, readQueueSettings(deps.db).maxAttempts) };
  },
};
