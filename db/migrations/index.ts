import type { Migration } from './types';
import { migration001Core } from './001_core';
import { migration002DefaultTaxonomy } from './002_default_taxonomy';
import { migration004GuidedCall } from './004_guided_call';

/**
 * Version 3 belongs to the departed-customers and queue work, which lands on its own branch;
 * until it does, this no-op keeps the registry's numbering whole. Replace it with that migration.
 */
const migration003Reserved: Migration = { version: 3, name: 'reserved for departed customers and the queue', up: '' };

/** Every migration in the order it runs. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration001Core, migration002DefaultTaxonomy, migration003Reserved, migration004GuidedCall];
