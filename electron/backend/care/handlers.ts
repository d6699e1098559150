import type { HandlerGroup } from '../types';
import { dueReviews, getCareDetail, listCare } from './views';
import { completeReview } from './reviews';
import { reassignOwner } from './owner';
import { markDeparted } from './relost';
import { importIndicators } from './indicators';
import { retention } from './retention';
import { reviewIntervalMonths, setReviewIntervalMonths } from './clock';
import { audit } from '../../../db/repos/audit';

export const careHandlers: HandlerGroup<
  | 'care.list'
  | 'care.get'
  | 'care.completeReview'
  | 'care.dueReviews'
  | 'care.reassign'
  | 'care.markDeparted'
  | 'care.importIndicators'
  | 'care.retention'
  | 'care.getSettings'
  | 'care.setSettings'
> = {
  'care.list': (deps, input, ctx) => listCare(deps, ctx.user, input.scope),
  'care.get': (deps, input) => getCareDetail(deps, input.enrolmentId),
  'care.completeReview': (deps, input, ctx) => completeReview(deps, ctx.user, input),
  'care.dueReviews': (deps, _input, ctx) => dueReviews(deps, ctx.user),
  'care.reassign': (deps, input, ctx) => reassignOwner(deps, ctx.user, input),
  'care.markDeparted': (deps, input, ctx) => markDeparted(deps, ctx.user, input),
  'care.importIndicators': (deps, input, ctx) => importIndicators(deps, ctx.user.id, input),
  'care.retention': (deps) => retention(deps),
  'care.getSettings': (deps) => ({ reviewIntervalMonths: reviewIntervalMonths(deps.db) }),
  'care.setSettings': (deps, input, ctx) => {
    const nowIso = deps.now().toISOString();
    deps.db.transaction(() => {
      setReviewIntervalMonths(deps.db, input.reviewIntervalMonths);
      audit(deps.db, { at: nowIso, actorId: ctx.user.id, action: 'care.settings', entity: 'settings', detail: input });
    })();
    return { reviewIntervalMonths: reviewIntervalMonths(deps.db) };
  },
};
