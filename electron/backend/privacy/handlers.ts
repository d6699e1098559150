import type { HandlerGroup } from '../types';
import { getCustomerRow } from '../../../db/repos/customers';
import { audit } from '../../../db/repos/audit';
import type { RetentionSettings } from '../../../shared/api/privacy';
import type { Db } from '../../../db/open';
import { eraseCustomer } from './erase';
import { appError } from '../i18n/errors';
import { lastRetentionRun, nextRetentionRunAt, retentionCandidates, retentionSetting, setRetentionSetting } from './retention';

function retentionSettings(db: Db, now: Date): RetentionSettings {
  const { months, daily } = retentionSetting(db);
  return {
    months,
    daily,
    lastRun: lastRetentionRun(db),
    nextRunAt: nextRetentionRunAt(db, now),
    wouldErase: months === null ? null : retentionCandidates(db, months, now).length,
  };
}

const WHAT: Record<string, string> = {
  'permissions.add': 'ledger entry added',
  'permissions.expire': 'ledger entry expired',
  'permissions.importList': 'suppression list imported',
  'permissions.settings': "desk's country set",
  'consent.record': 'consent recorded',
  'privacy.erase': 'customer erased',
  'privacy.erase.relayed': 'customer erased on another desk',
  'privacy.erase.replayed': 'erasure applied again to a restored backup',
  'privacy.retention': 'retention applied',
  'privacy.retention.setting': 'daily retention set',
};

export const privacyHandlers: HandlerGroup<'privacy.erase' | 'privacy.audit' | 'privacy.retention' | 'privacy.retention.set'> = {
  'privacy.audit': (deps, input) => {
    const rows = deps.db
      .prepare(
        `SELECT a.at, coalesce(p.name, 'the command line') AS who, a.action, a.detail FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id
         WHERE a.action IN (${Object.keys(WHAT).map(() => '?').join(', ')}) ORDER BY a.at DESC, a.id DESC LIMIT ?`,
      )
      .all(...Object.keys(WHAT), input.limit) as { at: string; who: string; action: string; detail: string }[];
    return rows.map((r) => {
      const d = JSON.parse(r.detail) as { kind?: string; scope?: string; channel?: string; answer?: string; count?: number };
      const kind = [d.kind, d.scope, d.channel, d.answer].filter((x): x is string => typeof x === 'string').join(' ');
      return { at: r.at, who: r.who, what: WHAT[r.action] ?? r.action, kind, count: typeof d.count === 'number' ? d.count : 1 };
    });
  },
  'privacy.retention': (deps) => retentionSettings(deps.db, deps.now()),
  'privacy.retention.set': (deps, input, ctx) => {
    const now = deps.now();
    deps.db.transaction(() => {
      setRetentionSetting(deps.db, { months: input.months, daily: input.daily });
      audit(deps.db, { at: now.toISOString(), actorId: ctx.user.id, action: 'privacy.retention.setting', entity: 'settings', detail: { months: input.months, daily: input.daily } });
    })();
    return retentionSettings(deps.db, now);
  },
  'privacy.erase': (deps, input, ctx) => {
    const row = getCustomerRow(deps.db, input.customerId);
    if (!row) throw appError('not_found', 'customer.notFound', { id: String(input.customerId) });
    if (input.confirm !== row.external_id) throw appError('invalid_input', 'privacy.confirmMismatch');
    const result = eraseCustomer(deps.db, ctx.user, row.id, deps.now());
    deps.log.info('customer erased', { calls: result.calls });
    return result;
  },
};
