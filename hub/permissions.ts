import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Generated } from 'kysely';
import {
  MAX_CHANGES_PER_PULL,
  needsManager,
  PermissionChange,
  PushPermissionsRequest,
  type PullPermissionsResponse,
  type PushPermissionsResponse,
} from '../shared/sync/permissionsHubApi';
import type { HubStore } from './store/connect';
import { callerOf, firstIssue, problem, type HubRouteContext } from './routeKit';
import { storeErasures } from './erasure';

type PermissionTables = {
  permissions_changes: { rid: Generated<number>; uid: string; type: string; body: string; sent_by: string; received_at: string };
};

const tables = (store: HubStore) => store.db.withTables<PermissionTables>();

/**
 * The contact-permission ledger, org-wide. A desk posts its ledger's changes and pulls everyone's
 * by cursor; a manager's token may post any change (a manager adding an entry at the hub reaches
 * every desk the same way), any other token only the entry a customer asked for on a call.
 * A change already held (the same uid: a desk sending again after a lost answer) is counted as a
 * duplicate and changes nothing.
 */
export function permissionsRoutes(app: FastifyInstance, { store, now, log }: HubRouteContext): void {
  app.post('/v1/permissions/changes', async (req, reply): Promise<PushPermissionsResponse | FastifyReply> => {
    const body = PushPermissionsRequest.safeParse(req.body);
    if (!body.success) return problem(reply, 400, 'bad_request', `The ledger changes are not valid: ${firstIssue(body.error)}`);
    const caller = callerOf(req);
    if (caller.role !== 'manager' && body.data.changes.some(needsManager)) {
      return problem(reply, 403, 'forbidden', `Only a manager's token may add lists or manager entries to the ledger, or expire them; "${caller.name}" is ${caller.role}.`);
    }
    const receivedAt = now().toISOString();
    let accepted = 0;
    // One at a time in the desk's order, so a list always comes before its values.
    for (const change of body.data.changes) {
      if (change.type === 'erasure') continue;
      const result = await tables(store)
        .insertInto('permissions_changes')
        .values({ uid: change.uid, type: change.type, body: JSON.stringify(change), sent_by: caller.name, received_at: receivedAt })
        .onConflict((oc) => oc.column('uid').doNothing())
        .executeTakeFirst();
      accepted += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    // Erasures after the desk's other changes (its hashed entries come first): stored and applied in one transaction.
    const erasures = body.data.changes.filter((c): c is Extract<PermissionChange, { type: 'erasure' }> => c.type === 'erasure');
    const erased = await storeErasures(store, erasures, caller.name, receivedAt);
    accepted += erased.accepted;
    if (erasures.length > 0) log.info('erasures received', { from: caller.name, accepted: erased.accepted, customersHeld: erased.erased });
    log.info('ledger changes received', { from: caller.name, accepted, duplicate: body.data.changes.length - accepted });
    return { accepted, duplicate: body.data.changes.length - accepted };
  });

  app.get('/v1/permissions/changes', async (req, reply): Promise<PullPermissionsResponse | FastifyReply> => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const after = Number(query.after ?? 0);
    if (!Number.isInteger(after) || after < 0) return problem(reply, 400, 'bad_request', 'after: a whole number, the last ledger change this desk holds.');
    const rows = await tables(store)
      .selectFrom('permissions_changes')
      .select(['rid', 'body'])
      .where('rid', '>', after)
      .orderBy('rid')
      .limit(MAX_CHANGES_PER_PULL)
      .execute();
    return {
      changes: rows.map((r) => ({ rid: Number(r.rid), change: PermissionChange.parse(JSON.parse(r.body)) })),
      next: rows.length > 0 ? Number(rows[rows.length - 1]?.rid ?? after) : after,
    };
  });
}
