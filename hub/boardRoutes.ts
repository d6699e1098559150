import { z } from 'zod';
import { PauseReasonList, PresenceReport } from '../shared/sync/board';
import { PauseReportFilters } from '../shared/reports/pauses';
import { publishPauseReasons, readBoard, readPauseReasons, recordPresence } from './board';
import { floorPauseReport } from './pauses';
import { callerOf, firstIssue, problem, type HubRoutes } from './routeKit';

const PublishPauseReasons = z.object({ pauseReasons: PauseReasonList.refine((l) => l.length > 0, 'Keep at least one pause reason.') }).strict();

/**
 * The live floor board: desks post their presence (any token, about its own person), managers
 * read the board and publish the floor's pause reasons. Consoles poll the board (docs/hub.md says
 * why polling rather than server-sent events).
 */
export const boardRoutes: HubRoutes = (app, { store, now }) => {
  app.post('/v1/presence', async (req, reply) => {
    const body = PresenceReport.safeParse(req.body);
    if (!body.success) return problem(reply, 400, 'bad_request', `The presence report is not valid: ${firstIssue(body.error)}`);
    const heardAt = await recordPresence(store, callerOf(req), body.data, now());
    const { pauseReasons } = await readPauseReasons(store);
    return { heardAt, pauseReasons };
  });

  app.get('/v1/board', { config: { roles: ['manager'] } }, () => readBoard(store, now()));

  app.get('/v1/pause-reasons', () => readPauseReasons(store));

  app.get('/v1/reports/pauses', { config: { roles: ['manager'] } }, async (req, reply) => {
    const filters = PauseReportFilters.safeParse(req.query ?? {});
    if (!filters.success) return problem(reply, 400, 'bad_request', `The dates are not valid: ${firstIssue(filters.error)}`);
    return floorPauseReport(store, filters.data);
  });

  app.put('/v1/pause-reasons', { config: { roles: ['manager'] } }, async (req, reply) => {
    const body = PublishPauseReasons.safeParse(req.body);
    if (!body.success) return problem(reply, 400, 'bad_request', `The pause reasons are not valid: ${firstIssue(body.error)}`);
    return publishPauseReasons(store, body.data.pauseReasons, callerOf(req), now());
  });
};
