import type { Migration } from './types';
import { migration001Core } from './001_core';
import { migration002DefaultTaxonomy } from './002_default_taxonomy';
import { migration003ImportQueue } from './003_import_queue';
import { migration004GuidedCall } from './004_guided_call';
import { migration005TrendsExports } from './005_trends_exports';
import { migration006IntensiveCare } from './006_intensive_care';
import { migration007ReportSummaries } from './007_report_summaries';
import { migration008ImportSpeed } from './008_import_speed';
import { migration009RecoverySummaries } from './009_recovery_summaries';
import { migration010CallExportColumns } from './010_call_export_columns';
import { migration011PortableTriggers } from './011_portable_triggers';
import { migration012Outreach } from './012_outreach';
import { migration013PresencePauses } from './013_presence_pauses';
import { migration014FloorRules } from './014_floor_rules';
import { migration015Permissions } from './015_permissions';
import { migration016CallLeases } from './016_call_leases';
import { migration017Effect } from './017_effect';
import { migration018KeepInTouch } from './018_keep_in_touch';
import { migration019EffectSummaries } from './019_effect_summaries';
import { migration020ContactColumns } from './020_contact_columns';
import { migration021EffectCells } from './021_effect_cells';
import { migration022CustomerContactKeys } from './022_customer_contact_keys';
import { migration023TaxonomyNames } from './023_taxonomy_names';
import { migration024OfferWinCells } from './024_offer_win_cells';
import { migration025MessageLanguage } from './025_message_language';

/** Every migration in the order it runs. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  migration001Core,
  migration002DefaultTaxonomy,
  migration003ImportQueue,
  migration004GuidedCall,
  migration005TrendsExports,
  migration006IntensiveCare,
  migration007ReportSummaries,
  migration008ImportSpeed,
  migration009RecoverySummaries,
  migration010CallExportColumns,
  migration011PortableTriggers,
  migration012Outreach,
  migration013PresencePauses,
  migration014FloorRules,
  migration015Permissions,
  migration016CallLeases,
  migration017Effect,
  migration018KeepInTouch,
  migration019EffectSummaries,
  migration020ContactColumns,
  migration021EffectCells,
  migration022CustomerContactKeys,
  migration023TaxonomyNames,
  migration024OfferWinCells,
  migration025MessageLanguage,
];
