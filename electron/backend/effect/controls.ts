import type { ControlSetting } from '../../../shared/api/effect';
import type { ServiceDeps } from '../types';
import { getCycle } from '../../../db/repos/cycles';
import { callsInCycle, groupSizes, listControls, setControlShare } from '../../../db/repos/effect';
import { refreshSelection } from '../../../db/repos/selection';
import { audit } from '../../../db/repos/audit';
import { enqueueEvent } from '../../../db/repos/outbox';
import { appError } from '../i18n/errors';

export function listControlSettings(deps: ServiceDeps): ControlSetting[] {
  return listControls(deps.db).map((c) => ({ cycleId: c.cycle_id, cycle: c.cycle_name, sharePercent: c.share_percent, ...groupSizes(deps.db, c.cycle_id) }));
}

/**
 * Sets a cycle's control share and re-runs the selection pass, so the held-out customers leave the
 * queues at once. Fixed once the cycle's calls have begun: moving customers between groups after
 * some were called would compare called customers with called ones.
 */
export function setControl(deps: ServiceDeps, input: { cycleId: string; sharePercent: number }, actorId: string): ControlSetting {
  const { db } = deps;
  const cycle = getCycle(db, input.cycleId);
  if (!cycle) throw appError('not_found', 'cycle.notFound', { id: input.cycleId });
  const now = deps.now().toISOString();
  db.transaction(() => {
    const current = listControls(db).find((c) => c.cycle_id === cycle.id);
    if ((current?.share_percent ?? 0) === input.sharePercent) return;
    const called = callsInCycle(db, cycle.id);
    if (called > 0) {
      throw appError('conflict', 'effect.controlFixed', { cycle: cycle.name, count: called });
    }
    setControlShare(db, cycle.id, input.sharePercent, actorId, now);
    enqueueEvent(db, 'cycle.control', { cycle: cycle.id, cycleName: cycle.name, sharePercent: input.sharePercent, setAt: now }, now);
    refreshSelection(db, now.slice(0, 10));
    audit(db, { at: now, actorId, action: 'effect.setControl', entity: 'cycle', entityId: cycle.id, detail: { sharePercent: input.sharePercent } });
  })();
  return { cycleId: cycle.id, cycle: cycle.name, sharePercent: input.sharePercent, ...groupSizes(db, cycle.id) };
}
