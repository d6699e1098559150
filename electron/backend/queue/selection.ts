import type { HandlerGroup } from '../handlers';
import type { ServiceDeps } from '../types';
import type { SelectionView } from '../../../shared/api/queue';
import {
  readSelectionSettings,
  refreshSelection,
  writeSelectionSettings,
  ensureSelectionFresh,
} from '../../../db/repos/selection';
import { audit } from '../../../db/repos/audit';

function selectionView(deps: ServiceDeps): SelectionView {
  const { db } = deps;
  ensureSelectionFresh(db, deps.now().toISOString().slice(0, 10));
  return {
    ...readSelectionSettings(db),
    choices: {
      segments: db
        .prepare('SELECT DISTINCT segment FROM customers WHERE segment IS NOT NULL ORDER BY segment')
        .pluck()
        .all() as string[],
      products: db
        .prepare('SELECT DISTINCT product FROM customers WHERE product IS NOT NULL ORDER BY product')
        .pluck()
        .all() as string[],
      categories: db.prepare('SELECT id, name FROM reason_categories WHERE retired_at IS NULL ORDER BY sort, name').all() as {
        id: string;
        name: string;
      }[],
    },
    selected: db.prepare('SELECT count(*) FROM customers WHERE selected = 1').pluck().get() as number,
  };
}

export const selectionHandlers: HandlerGroup<'selection.get' | 'selection.save'> = {
  'selection.get': (deps) => selectionView(deps),
  'selection.save': (deps, input, ctx) => {
    const now = deps.now().toISOString();
    // The rules and the selection they produce change together, or not at all.
    deps.db.transaction(() => {
      writeSelectionSettings(deps.db, input, now);
      refreshSelection(deps.db, now.slice(0, 10));
      audit(deps.db, {
        at: now,
        actorId: ctx.user?.id ?? null,
        action: 'selection.save',
        entity: 'selection_rules',
        detail: input,
      });
    })();
    return selectionView(deps);
  },
};
