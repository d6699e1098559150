import type { ServiceDeps } from '../types';
import type { SelectionView } from '../../../shared/api/queue';
import type { SelectionSettings } from '../../../shared/domain/selection';
import {
  readSelectionSettings,
  refreshSelection,
  writeSelectionSettings,
  ensureSelectionFresh,
} from '../../../db/repos/selection';
import { audit } from '../../../db/repos/audit';

/** The selection rules with the choices a manager picks from and how many customers they select today. */
export function selectionView(deps: ServiceDeps): SelectionView {
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

/** The rules and the selection they produce change together, or not at all. */
export function saveSelection(deps: ServiceDeps, input: SelectionSettings, actorId: string): SelectionView {
  const now = deps.now().toISOString();
  deps.db.transaction(() => {
    writeSelectionSettings(deps.db, input, now);
    refreshSelection(deps.db, now.slice(0, 10));
    audit(deps.db, { at: now, actorId, action: 'selection.save', entity: 'selection_rules', detail: input });
  })();
  return selectionView(deps);
}
