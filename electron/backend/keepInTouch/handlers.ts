import type { HandlerGroup } from '../types';
import { attributionCsv, attributionReport, readAttributionDays, saveAttributionDays } from './attribution';
import { keepInTouchFilterChoices, keepInTouchList } from './list';
import { audit } from '../../../db/repos/audit';

export const keepInTouchHandlers: HandlerGroup<
  | 'keepInTouch.choices'
  | 'keepInTouch.list'
  | 'keepInTouch.attribution'
  | 'keepInTouch.attribution.export'
  | 'keepInTouch.settings.get'
  | 'keepInTouch.settings.set'
> = {
  'keepInTouch.choices': (deps) => keepInTouchFilterChoices(deps.db),
  'keepInTouch.list': (deps, input) => keepInTouchList(deps, input),
  'keepInTouch.attribution': (deps) => attributionReport(deps.db, deps.log),
  'keepInTouch.attribution.export': async (deps) => ({
    fileName: `returns-by-touch-${deps.now().toISOString().slice(0, 10)}.csv`,
    text: attributionCsv(await attributionReport(deps.db, deps.log)),
  }),
  'keepInTouch.settings.get': (deps) => ({ attributionDays: readAttributionDays(deps.db) }),
  'keepInTouch.settings.set': (deps, input, ctx) =>
    deps.db.transaction(() => {
      audit(deps.db, { at: deps.now().toISOString(), actorId: ctx.user.id, action: 'keepInTouch.settings', entity: 'settings', detail: { attributionDays: input.attributionDays } });
      return saveAttributionDays(deps.db, input.attributionDays);
    })(),
};
