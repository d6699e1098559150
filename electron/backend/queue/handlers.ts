import { AppError } from '../../../shared/api/result';
import type { HandlerGroup } from '../handlers';
import type { ServiceDeps } from '../types';
import { queryQueuePage, queueFilterOptions } from '../../../db/repos/queue';
import { readQueueSettings, writeQueueSettings } from '../../../db/repos/queueSettings';
import { ensureSelectionFresh } from '../../../db/repos/selection';
import { audit } from '../../../db/repos/audit';
import { toQueueItems } from './items';

const today = (deps: ServiceDeps) => deps.now().toISOString().slice(0, 10);

export const queueHandlers: HandlerGroup<'queue.list' | 'queue.filters' | 'queue.settings.get' | 'queue.settings.save'> = {
  'queue.list': (deps, input, ctx) => {
    const user = ctx.user;
    if (!user) throw new AppError('not_set_up', 'Say who is using this console first.');
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
    });
    const rules = {
      window: settings.callingWindow,
      defaultTimezone: settings.defaultTimezone,
      enforced: settings.callingHoursEnforced,
    };
    return { items: toQueueItems(rows, now, rules), total };
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
        actorId: ctx.user?.id ?? null,
        action: 'queue.settings.save',
        entity: 'settings',
        detail: input,
      });
    })();
    return readQueueSettings(deps.db);
  },
};
