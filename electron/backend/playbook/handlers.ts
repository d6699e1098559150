import type { HandlerGroup } from '../types';
import { listTaxonomy, retireCategory, retireReason, saveCategory, saveReason } from './taxonomy';
import { deleteRule, listPlaybook, retireOffer, saveOffer, saveRule } from './offers';
import { mapStatedReasonText, unmappedStatedReasons } from './statedReasons';
import { saveOwnNames, taxonomyNames } from './taxonomyNames';

export const playbookHandlers: HandlerGroup<
  | 'taxonomy.list'
  | 'taxonomy.saveCategory'
  | 'taxonomy.retireCategory'
  | 'taxonomy.saveReason'
  | 'taxonomy.retireReason'
  | 'taxonomy.names'
  | 'taxonomy.saveNames'
  | 'playbook.list'
  | 'playbook.saveOffer'
  | 'playbook.retireOffer'
  | 'playbook.saveRule'
  | 'playbook.deleteRule'
  | 'reasons.unmapped'
  | 'reasons.mapText'
> = {
  'taxonomy.list': (deps) => listTaxonomy(deps.db),
  'taxonomy.saveCategory': (deps, input, ctx) => saveCategory(deps, ctx.user, input),
  'taxonomy.retireCategory': (deps, input, ctx) => retireCategory(deps, ctx.user, input),
  'taxonomy.saveReason': (deps, input, ctx) => saveReason(deps, ctx.user, input),
  'taxonomy.retireReason': (deps, input, ctx) => retireReason(deps, ctx.user, input),
  'taxonomy.names': (deps) => taxonomyNames(deps.db),
  'taxonomy.saveNames': (deps, input, ctx) => saveOwnNames(deps, ctx.user, input),
  'playbook.list': (deps) => listPlaybook(deps.db),
  'playbook.saveOffer': (deps, input, ctx) => saveOffer(deps, ctx.user, input),
  'playbook.retireOffer': (deps, input, ctx) => retireOffer(deps, ctx.user, input),
  'playbook.saveRule': (deps, input, ctx) => saveRule(deps, ctx.user, input),
  'playbook.deleteRule': (deps, input, ctx) => deleteRule(deps, ctx.user, input),
  'reasons.unmapped': (deps) => unmappedStatedReasons(deps),
  'reasons.mapText': (deps, input, ctx) => mapStatedReasonText(deps, input, ctx.user.id),
};
