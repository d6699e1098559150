import { FREE_SPACE_CLEAN_KEY, type Db } from '../open';
import { getSetting, setSetting } from './settings';

/**
 * Whether every page's free space of this database is zeros: true for a database created with
 * `secure_delete` on from its first write (db/open.ts), and for one vacuumed since. A database made
 * by an older version holds old copies of rows in free space: its first erasure vacuums it once.
 */
const KEY = FREE_SPACE_CLEAN_KEY;

export function freeSpaceClean(db: Db): boolean {
  return getSetting<boolean>(db, KEY) === true;
}

export function markFreeSpaceClean(db: Db): void {
  setSetting(db, KEY, true);
}
