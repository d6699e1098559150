import type { Retention } from '../../../shared/api/care';
import { RETENTION_HORIZONS_MONTHS, retentionAfter } from '../../../shared/domain/care';
import { listRecoveryEpisodes, type EpisodeRow } from '../../../db/repos/careRetention';
import type { ServiceDeps } from '../types';
import { consoleDay } from './clock';

interface Group {
  key: string | null;
  name: string;
  categoryName: string | null;
  recovered: number;
  relost: number;
  relostRevenue: number;
}

function groupBy(rows: EpisodeRow[], keyOf: (r: EpisodeRow) => { key: string | null; name: string; categoryName: string | null }): Group[] {
  const groups = new Map<string | null, Group>();
  for (const row of rows) {
    const k = keyOf(row);
    const g = groups.get(k.key) ?? { ...k, recovered: 0, relost: 0, relostRevenue: 0 };
    g.recovered += 1;
    if (row.relost_on !== null) {
      g.relost += 1;
      g.relostRevenue += row.monthly_revenue ?? 0;
    }
    groups.set(k.key, g);
  }
  // Most re-losses first, then the lost revenue they carry: what to fix first.
  return [...groups.values()].sort((a, b) => b.relost - a.relost || b.relostRevenue - a.relostRevenue || b.recovered - a.recovered || a.name.localeCompare(b.name));
}

const cents = (n: number) => Math.round(n * 100) / 100;

/**
 * How recoveries hold: re-losses by the reason diagnosed on the recovery call and by the offer the
 * customer accepted on it, and the share still retained 6 and 12 months after their recovery.
 */
export function retention(deps: ServiceDeps): Retention {
  const today = consoleDay(deps.now());
  const rows = listRecoveryEpisodes(deps.db);
  const episodes = rows.map((r) => ({ recoveredOn: r.recovered_on, relostOn: r.relost_on }));
  return {
    today,
    recovered: rows.length,
    relost: rows.filter((r) => r.relost_on !== null).length,
    byReason: groupBy(rows, (r) => ({ key: r.reason_id, name: r.reason_name ?? 'No diagnosed reason', categoryName: r.category_name })).map((g) => ({
      reasonId: g.key,
      reasonName: g.name,
      categoryName: g.categoryName,
      recovered: g.recovered,
      relost: g.relost,
      relostRevenue: cents(g.relostRevenue),
    })),
    byOffer: groupBy(rows, (r) => ({ key: r.offer_id, name: r.offer_name ?? 'No offer accepted', categoryName: null })).map((g) => ({
      offerId: g.key,
      offerName: g.name,
      recovered: g.recovered,
      relost: g.relost,
      relostRevenue: cents(g.relostRevenue),
    })),
    retained: RETENTION_HORIZONS_MONTHS.map((months) => retentionAfter(episodes, months, today)),
  };
}
