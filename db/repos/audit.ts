import type { Db } from '../open';
import { prepared } from '../statements';

/** Who did what, for changes a manager may need to trace later. */
export function audit(
  db: Db,
  entry: { at: string; actorId: string | null; action: string; entity: string; entityId?: string; detail?: unknown },
): void {
  prepared(
    db,
    'INSERT INTO audit_log (at, actor_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(entry.at, entry.actorId, entry.action, entry.entity, entry.entityId ?? null, JSON.stringify(entry.detail ?? {}));
}
