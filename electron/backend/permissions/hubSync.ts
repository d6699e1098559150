import type { Db } from '../../../db/open';
import { getSetting, setSetting } from '../../../db/repos/settings';
import {
  dropPermissionChanges,
  expireEntry,
  expireList,
  insertEntry,
  insertList,
  insertListValues,
  listIdOf,
  pendingPermissionChanges,
} from '../../../db/repos/permissions';
import {
  MAX_CHANGES_PER_PUSH,
  PermissionChange,
  type PullPermissionsResponse,
  type PushPermissionsRequest,
  type PushPermissionsResponse,
} from '../../../shared/sync/permissionsHubApi';

/** What the ledger needs of the hub client (sync/hubClient.ts), named here so the two folders do not import each other. */
export interface LedgerHub {
  pushPermissions: (request: PushPermissionsRequest) => Promise<PushPermissionsResponse>;
  pullPermissions: (after: number) => Promise<PullPermissionsResponse>;
}
import { applyLedger, PERMISSION_KEYS } from './ledger';
import { applyErasureNotices } from '../privacy/erase';
import type { ErasureNotice } from '../privacy/erasureLog';

/** Sends the ledger's changes waiting for the hub, in order; each acknowledged batch leaves the outbox. */
export async function pushLedger(db: Db, client: LedgerHub): Promise<{ sent: number }> {
  let sent = 0;
  for (;;) {
    const rows = pendingPermissionChanges(db, MAX_CHANGES_PER_PUSH);
    const last = rows[rows.length - 1];
    if (!last) return { sent };
    await client.pushPermissions({ changes: rows.map((r) => PermissionChange.parse(JSON.parse(r.change))) });
    dropPermissionChanges(db, last.seq);
    sent += rows.length;
  }
}

/** Applies one change from the hub; one this desk already has changes nothing. */
function applyChange(db: Db, change: PermissionChange): void {
  switch (change.type) {
    case 'entry':
      insertEntry(db, {
        uid: change.uid,
        kind: change.kind,
        value: change.value,
        scope: change.scope,
        source: change.source,
        note: change.note,
        added_at: change.addedAt,
        added_by: change.addedBy,
        expires_at: change.expiresAt,
      });
      return;
    case 'entry.expired':
      expireEntry(db, change.entryUid, change.expiredAt, change.expiredBy);
      return;
    case 'list':
      insertList(db, {
        uid: change.uid,
        name: change.name,
        scope: change.scope,
        registry: change.registry ? 1 : 0,
        size: change.size,
        added_at: change.addedAt,
        added_by: change.addedBy,
        expires_at: change.expiresAt,
      });
      return;
    case 'list.values': {
      // The hub keeps a desk's changes in the order it sent them, so a list always comes before its values.
      const id = listIdOf(db, change.listUid);
      if (id !== undefined) insertListValues(db, id, change.values);
      return;
    }
    case 'list.expired':
      expireList(db, change.listUid, change.expiredAt, change.expiredBy);
      return;
    case 'erasure':
      // Applied before the page (applyErasures): an erasure needs its own transaction and checkpoint.
      return;
  }
}

/**
 * Erasures made on other desks: the customer is erased here too if this desk holds them, before
 * the page's cursor moves (a desk stopped in between applies them again, which changes nothing).
 */
function applyErasures(db: Db, changes: readonly PermissionChange[], now: Date): void {
  const byWho = new Map<string, ErasureNotice[]>();
  for (const c of changes) {
    if (c.type !== 'erasure') continue;
    const list = byWho.get(c.erasedBy) ?? [];
    list.push({ uid: c.uid, idHash: c.idHash, phoneHash: c.phoneHash, emailHash: c.emailHash, erasedAt: c.erasedAt });
    byWho.set(c.erasedBy, list);
  }
  for (const [by, notices] of byWho) applyErasureNotices(db, notices, by, now, { relay: false, alreadyLogged: false, action: 'privacy.erase.relayed' });
}

/**
 * Brings every ledger change the hub has that this desk has not seen, a page at a time, each page
 * in one transaction with the cursor (a pull cut short is simply repeated), then works out the
 * customers' blocks again once.
 */
export async function pullLedger(db: Db, client: LedgerHub, now: () => Date): Promise<{ received: number }> {
  let received = 0;
  for (;;) {
    const after = getSetting<number>(db, PERMISSION_KEYS.cursor) ?? 0;
    const page = await client.pullPermissions(after);
    applyErasures(db, page.changes.map((c) => c.change), now());
    db.transaction(() => {
      for (const { change } of page.changes) applyChange(db, change);
      setSetting(db, PERMISSION_KEYS.cursor, Math.max(after, page.next));
      setSetting(db, PERMISSION_KEYS.syncedAt, now().toISOString());
    })();
    received += page.changes.length;
    if (page.changes.length === 0 || page.next <= after) break;
  }
  if (received > 0) db.transaction(() => applyLedger(db, now()))();
  return { received };
}

/** One exchange: this desk's changes up, everyone else's down. */
export async function syncLedger(db: Db, client: LedgerHub, now: () => Date): Promise<{ sent: number; received: number }> {
  const { sent } = await pushLedger(db, client);
  const { received } = await pullLedger(db, client, now);
  return { sent, received };
}
