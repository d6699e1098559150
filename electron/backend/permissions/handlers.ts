import type { HandlerGroup, ServiceDeps } from '../types';
import type { LedgerEntry, LedgerList } from '../../../shared/api/permissions';
import { getSetting, setSetting } from '../../../db/repos/settings';
import { audit } from '../../../db/repos/audit';
import { getCustomerRow } from '../../../db/repos/customers';
import { countEntries, countPendingPermissionChanges, listEntries, listLists, listsHolding, type EntryRow, type ListRow } from '../../../db/repos/permissions';
import { isCountryCode } from '../../../shared/domain/phoneE164';
import { addEntry, applyLedger, customerBlock, deskCountry, expire, ledgerValue, PERMISSION_KEYS } from './ledger';
import { importSuppressionList } from './listImport';
import { appError } from '../i18n/errors';

export function toEntry(r: EntryRow): LedgerEntry {
  return {
    id: r.uid,
    kind: r.kind,
    value: r.value,
    scope: r.scope,
    source: r.source,
    note: r.note,
    addedAt: r.added_at,
    addedBy: r.added_by,
    expiresAt: r.expires_at,
    expiredAt: r.expired_at,
    expiredBy: r.expired_by,
  };
}

function toList(r: ListRow): LedgerList {
  return {
    id: r.uid,
    name: r.name,
    scope: r.scope,
    registry: r.registry === 1,
    size: r.size,
    addedAt: r.added_at,
    addedBy: r.added_by,
    expiresAt: r.expires_at,
    expiredAt: r.expired_at,
    expiredBy: r.expired_by,
  };
}

/** A searched value as the ledger keys it: a number in E.164, an email in lower case, else as typed. */
function searchKey(deps: ServiceDeps, search: string | undefined): string | null {
  if (search === undefined || search === '') return null;
  if (search.includes('@')) {
    const v = ledgerValue(deps.db, 'email', search);
    return v.ok ? v.value : search;
  }
  const phone = ledgerValue(deps.db, 'phone', search);
  return phone.ok ? phone.value : search;
}

export const permissionsHandlers: HandlerGroup<
  'permissions.ledger' | 'permissions.add' | 'permissions.expire' | 'permissions.importList' | 'permissions.settings.set' | 'permissions.customer'
> = {
  'permissions.ledger': (deps, input) => {
    const now = deps.now().toISOString();
    const search = searchKey(deps, input.search);
    return {
      entries: listEntries(deps.db, { search, includeExpired: input.includeExpired, now, limit: 500 }).map(toEntry),
      lists: listLists(deps.db).map(toList),
      listsMatching: search === null ? [] : listsHolding(deps.db, search),
      counts: countEntries(deps.db, now),
      country: deskCountry(deps.db),
      relationshipMonths: getSetting<number | null>(deps.db, PERMISSION_KEYS.relationshipMonths) ?? null,
      syncedAt: getSetting<string>(deps.db, PERMISSION_KEYS.syncedAt) ?? null,
      pending: countPendingPermissionChanges(deps.db),
    };
  },
  'permissions.add': (deps, input, ctx) => {
    const now = deps.now();
    const entry = deps.db.transaction(() => {
      const added = addEntry(deps.db, ctx.user, { kind: input.kind, value: input.value, scope: input.scope, source: 'manager', note: input.note || null, expiresAt: input.expiresAt ?? null }, now);
      if (!added) throw appError('conflict', 'permissions.alreadyHeld');
      applyLedger(deps.db, now);
      return added;
    })();
    deps.log.info('ledger entry added', { kind: entry.kind, scope: entry.scope });
    return toEntry(entry);
  },
  'permissions.expire': (deps, input, ctx) => {
    const now = deps.now();
    const expired = deps.db.transaction(() => {
      const what = expire(deps.db, ctx.user, input.id, now);
      applyLedger(deps.db, now);
      return what;
    })();
    deps.log.info('ledger entry expired', { what: expired });
    return { expired };
  },
  'permissions.importList': (deps, input, ctx) => {
    if (input.country !== undefined && !isCountryCode(input.country)) throw appError('invalid_input', 'permissions.unknownCountry', { country: input.country });
    const result = importSuppressionList(
      deps.db,
      ctx.user,
      input.text,
      { name: input.name, scope: input.scope, registry: input.registry, column: input.column ?? null, country: input.country ?? null, expiresAt: input.expiresAt ?? null },
      deps.now(),
    );
    deps.log.info('suppression list imported', { numbers: result.numbers, customersBlocked: result.customersBlocked });
    return result;
  },
  'permissions.settings.set': (deps, input, ctx) => {
    if (input.country !== null && !isCountryCode(input.country)) throw appError('invalid_input', 'permissions.unknownCountry', { country: input.country });
    const now = deps.now();
    deps.db.transaction(() => {
      setSetting(deps.db, PERMISSION_KEYS.country, input.country);
      if (input.relationshipMonths !== undefined) setSetting(deps.db, PERMISSION_KEYS.relationshipMonths, input.relationshipMonths);
      // Every number is read again with the new country.
      deps.db.prepare('UPDATE customers SET phone_key = NULL WHERE phone_key IS NOT NULL').run();
      applyLedger(deps.db, now);
      audit(deps.db, { at: now.toISOString(), actorId: ctx.user.id, action: 'permissions.settings', entity: 'settings', detail: { country: input.country, relationshipMonths: input.relationshipMonths ?? null } });
    })();
    return { country: deskCountry(deps.db), relationshipMonths: getSetting<number | null>(deps.db, PERMISSION_KEYS.relationshipMonths) ?? null };
  },
  'permissions.customer': (deps, input) => {
    const row = getCustomerRow(deps.db, input.customerId);
    if (!row) throw appError('not_found', 'customer.notFound', { id: String(input.customerId) });
    const now = deps.now();
    return { call: customerBlock(deps.db, row, 'call', now), email: customerBlock(deps.db, row, 'email', now) };
  },
};
