import type { HandlerGroup, ServiceDeps } from '../types';
import { queryQueuePage, queueFilterOptions } from '../../../db/repos/queue';
import { readQueueSettings, writeQueueSettings } from '../../../db/repos/queueSettings';
import { ensureSelectionFresh } from '../../../db/repos/selection';
import { audit } from '../../../db/repos/audit';
import { toQueueItems } from './items';
import { organisationCurrency } from '../locale/settings';
import { saveSelection, selectionView } from './selection';
import { listCycles, summariseCycle } from './cycles';
import { assignByRule, assignCustomers, assignmentOverview } from './assignment';

const today = (deps: ServiceDeps) => deps.now().toISOString().slice(0, 10);

/** Whom to call: the queue, its settings, the selection rules, the cycles and who calls whom. */
export const queueHandlers: HandlerGroup<
  | 'queue.list'
  | 'queue.filters'
  | 'queue.settings.get'
  | 'queue.settings.save'
  | 'selection.get'
  | 'selection.save'
  | 'cycles.list'
  | 'cycles.summary'
  | 'assignment.overview'
  | 'assignment.assign'
  | 'assignment.byRule'
> = {
  'queue.list': (deps, input, ctx) => {
    const user = ctx.user;
    ensureSelectionFresh(deps.db, today(deps));
    const settings = readQueueSettings(deps.db);
    const now = deps.now();
    const { rows, total } = queryQueuePage(deps.db, {
      ...input,
      // Only a manager chooses whose queue to look at; the others always get their own.
      assignee: user.role === 'manager' ? input.assignee : undefined,
      viewer: { id: user.id, role: user.role },
      now: now.toISOString(),
      maxAttempts: settings.maxAttempts,
      onlyCallable: input.callableNow,
      callable: {
        now: now.toISOString(),
        window: settings.callingHoursEnforced ? settings.callingWindow : null,
        defaultZone: settings.defaultTimezone,
      },
    });
    const rules = {
      window: settings.callingWindow,
      defaultTimezone: settings.defaultTimezone,
      enforced: settings.callingHoursEnforced,
    };
    return { items: toQueueItems(rows, now, rules, organisationCurrency(deps.db).currency), total };
  },
  'queue.filters': (deps) => {
    ensureSelectionFresh(deps.db, today(deps));
    return queueFilterOptions(deps.db);
  },
  'queue.settings.get': (deps) => readQueueSettings(deps.db),
  'queue.settings.save': (deps, input, ctx) => {
    const now = deps.now().toISOString();
    deps.db.transaction(() => {
      writeQueueSettings(deps.db, input);
      audit(deps.db, {
        at: now,
        actorId: ctx.user.id,
        action: 'queue.settings.save',
        entity: 'settings',
        detail: input,
      });
    })();
    return readQueueSettings(deps.db);
  },
  'selection.get': (deps) => selectionView(deps),
  'selection.save': (deps, input, ctx) => saveSelection(deps, input, ctx.user.id),
  'cycles.list': (deps) => listCycles(deps),
  'cycles.summary': (deps, input) => summariseCycle(deps, input),
  'assignment.overview': (deps, input) => assignmentOverview(deps, input),
  'assignment.assign': (deps, input, ctx) => ({ assigned: assignCustomers(deps, input.customerIds, input.personId, ctx.user.id) }),
  'assignment.byRule': (deps, input, ctx) => assignByRule(deps, input, ctx.user.id),
};
