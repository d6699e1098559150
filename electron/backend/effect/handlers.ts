import type { HandlerGroup } from '../types';
import { listControlSettings, setControl } from './controls';
import { importReturns } from './returns';
import { effectReport, handleTimeReport, offerEconomicsReport } from './reports';
import { finishExperiment, setOfferCost, startExperiment } from './experiments';
import { finishGuidanceExperiment, startGuidanceExperiment } from './guidance';

export const effectHandlers: HandlerGroup<
  | 'effect.controls'
  | 'effect.setControl'
  | 'effect.importReturns'
  | 'effect.report'
  | 'effect.startExperiment'
  | 'effect.endExperiment'
  | 'effect.startGuidanceExperiment'
  | 'effect.endGuidanceExperiment'
  | 'effect.setOfferCost'
  | 'effect.offers'
  | 'effect.handleTime'
> = {
  'effect.controls': (deps) => listControlSettings(deps),
  'effect.setControl': (deps, input, ctx) => setControl(deps, input, ctx.user.id),
  'effect.importReturns': (deps, input, ctx) => importReturns(deps, input, ctx.user.id),
  'effect.report': (deps, input) => effectReport(deps.db, input),
  'effect.startExperiment': (deps, input, ctx) => startExperiment(deps, input, ctx.user.id),
  'effect.endExperiment': (deps, input, ctx) => finishExperiment(deps, input, ctx.user.id),
  'effect.startGuidanceExperiment': (deps, input, ctx) => startGuidanceExperiment(deps, input, ctx.user.id),
  'effect.endGuidanceExperiment': (deps, input, ctx) => finishGuidanceExperiment(deps, input, ctx.user.id),
  'effect.setOfferCost': (deps, input, ctx) => setOfferCost(deps, input, ctx.user.id),
  'effect.offers': (deps, input) => offerEconomicsReport(deps.db, input, deps.log),
  'effect.handleTime': (deps, input) => handleTimeReport(deps.db, input),
};
