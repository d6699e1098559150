import type { Migration } from './types';
import { migration001Core } from './001_core';
import { migration002DefaultTaxonomy } from './002_default_taxonomy';
import { migration003ImportQueue } from './003_import_queue';
import { migration004GuidedCall } from './004_guided_call';
import { migration005TrendsExports } from './005_trends_exports';
import { migration008IntensiveCare } from './008_intensive_care';

/** Versions 6 and 7 belong to work landing on other branches; no-ops until they do. Replace them with those migrations. */
const migration006Reserved: Migration = { version: 6, name: 'reserved for work on another branch', up: '' };
const migration007Reserved: Migration = { version: 7, name: 'reserved for work on another branch', up: '' };

/** Every migration in the order it runs. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  migration001Core,
  migration002DefaultTaxonomy,
  migration003ImportQueue,
  migration004GuidedCall,
  migration005TrendsExports,
  migration006Reserved,
  migration007Reserved,
  migration008IntensiveCare,
];
