import type { Migration } from './types';
import { migration001Core } from './001_core';
import { migration002DefaultTaxonomy } from './002_default_taxonomy';
import { reservedMigration } from './reserved';
import { migration005TrendsExports } from './005_trends_exports';

/** Every migration in the order it runs. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  migration001Core,
  migration002DefaultTaxonomy,
  // 3 and 4 belong to the import/queue and call branches; their real migrations replace these on merge.
  reservedMigration(3, 'the import and queue migration'),
  reservedMigration(4, 'the call migration'),
  migration005TrendsExports,
];
