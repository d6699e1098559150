import type { Db } from '../../../db/open';

/**
 * Tells whoever listens (the presence sender, when a hub is configured) that this desk's presence
 * changed, so the hub hears of it within a second or two. A leaf: the presence domain signals here
 * without knowing about the hub.
 */
const listeners = new WeakMap<Db, Set<() => void>>();

export function onPresenceChange(db: Db, listener: () => void): () => void {
  let set = listeners.get(db);
  if (!set) {
    set = new Set();
    listeners.set(db, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

export function presenceChanged(db: Db): void {
  for (const listener of listeners.get(db) ?? []) listener();
}
