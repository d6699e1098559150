import type { Migration } from './types';

/**
 * A version number held for a migration that lives on a parallel branch (the runner requires
 * versions 1..N without gaps). It changes nothing; when the branches meet, the real migration
 * takes its place in the registry.
 */
export function reservedMigration(version: number, heldFor: string): Migration {
  return { version, name: `reserved for ${heldFor}`, up: '' };
}
