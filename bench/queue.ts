import { join } from 'node:path';
import { openDatabase, type Db } from '../db/open';
import { createBackend } from '../electron/backend/create';
import { silentLogger } from '../electron/backend/logger';
import type { QueueQuery } from '../shared/api/customers';
import { fillDeparted } from './lib/fixtures';
import { measurePair } from './lib/measure';
import { judged, type Benchmark } from './types';

const NOW = new Date('2026-11-16T15:00:00Z');

/**
 * The next 50 customers to call, as an agent sees them (their own and the unassigned), with the
 * filters the queue view offers, through the real path: the dispatcher, its checks, the zod parse,
 * the `queue.list` handler and the repository query, exactly as the window calls it.
 *
 * Baseline: the same 50 rows straight from better-sqlite3 with prepared statements and the indexes
 * that suit them (due callbacks by their date, then a walk down the revenue index), no count, no
 * mapping. The benchmark checks the baseline returns the same customers in the same order; when the
 * queue's order or filters change, that check fails loudly and the baseline here must follow.
 */
export const queueBenchmark: Benchmark = {
  name: 'queue',
  run: async (ctx) => {
    const customers = ctx.quick ? 20_000 : 200_000;
    const dbPath = join(ctx.dir, 'queue.db');
    const fill = openDatabase(dbPath);
    const started = performance.now();
    const fixture = fillDeparted(fill, customers, NOW);
    fill.close();
    ctx.log(`queue: ${customers.toLocaleString('en-US')} departed customers written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const backend = createBackend({ dbPath, log: silentLogger, now: () => NOW });
    try {
      const agent = 'Bench Agent 0';
      const session = await backend.dispatch('session.setup', { name: agent, role: 'agent' });
      if (!session.ok) throw new Error(`session.setup failed: ${session.error.message}`);
      const agentId = fixture.agentIds[0] ?? '';

      const filters: QueueQuery[] = [
        {},
        { segment: 'Month-to-month' },
        { cycleId: fixture.currentCycleId },
        { reasonCategory: 'price' },
        { segment: 'One year', cycleId: fixture.currentCycleId },
        { cycleId: fixture.currentCycleId, reasonCategory: 'service' },
      ];
      const raw = rawQueue(backend.db, agentId);

      const realIds: number[][] = [];
      const real = async (i: number) => {
        const r = await backend.dispatch('queue.list', { ...filters[i % filters.length], limit: 50 });
        if (!r.ok) throw new Error(`queue.list failed: ${r.error.message}`);
        realIds[i % filters.length] = (r.value as { items: { id: number }[] }).items.map((x) => x.id);
      };
      const rawIds: number[][] = [];
      const baseline = (i: number) => {
        rawIds[i % filters.length] = raw(filters[i % filters.length] ?? {}).map((row) => row.id);
      };

      const iterations = ctx.quick ? 24 : 60;
      const [realTime, rawTime] = await measurePair(real, baseline, { warmup: filters.length, iterations, rounds: 4 });
      const mismatched = filters.map((f, i) => ({ f, same: JSON.stringify(realIds[i]) === JSON.stringify(rawIds[i]), n: realIds[i]?.length ?? 0 }));
      const wrong = mismatched.filter((m) => !m.same || m.n !== 50);
      const result = judged({
        name: `queue: next 50 of ${customers.toLocaleString('en-US')} departed, filtered`,
        value: realTime.median,
        unit: 'ms',
        target: 2,
        baseline: rawTime.median,
        ratioTarget: 1.5,
        note:
          `median over ${realTime.samples} calls across ${filters.length} filter sets, as an agent; p95 ${realTime.p95.toFixed(2)} ms.` +
          (wrong.length > 0
            ? ` BASELINE INVALID: it differs from queue.list for ${wrong.map((m) => JSON.stringify(m.f)).join(', ')}; update bench/queue.ts.`
            : ' Baseline verified: same 50 customers in the same order for every filter set.'),
      });
      return [wrong.length > 0 ? { ...result, pass: false } : result];
    } finally {
      backend.close();
    }
  },
};

interface RawRow {
  id: number;
}

/**
 * The fastest plain way to the same rows, with prepared statements made once: due callbacks first
 * (found through an index on callback_at, then sorted by revenue among themselves), then the rest by
 * walking the monthly-revenue index and stopping at 50. Columns as the queue shows them.
 */
function rawQueue(db: Db, agentId: string): (f: QueueQuery) => RawRow[] {
  db.exec('CREATE INDEX IF NOT EXISTS bench_baseline_callbacks ON customers(callback_at) WHERE callback_at IS NOT NULL');
  const cols = `c.*, r.name AS stated_reason_name, rc.name AS category_name, cy.name AS cycle_name, p.name AS assigned_name`;
  const joins = `LEFT JOIN reasons r ON r.id = c.stated_reason_id
    LEFT JOIN reason_categories rc ON rc.id = r.category_id
    LEFT JOIN cycles cy ON cy.id = c.cycle_id
    LEFT JOIN people p ON p.id = c.assigned_to`;
  const callable = `c.do_not_contact = 0 AND (c.phone IS NOT NULL OR c.email IS NOT NULL)
    AND (c.last_outcome IS NULL OR c.last_outcome IN ('callback', 'no_answer', 'considering'))
    AND coalesce(rc.recoverable, 1) = 1 AND (c.assigned_to IS NULL OR c.assigned_to = @agent)`;
  const statements = new Map<string, { due: ReturnType<Db['prepare']>; rest: ReturnType<Db['prepare']> }>();
  const now = NOW.toISOString();
  return (f) => {
    const extra = [
      f.segment ? 'AND c.segment = @segment' : '',
      f.cycleId ? 'AND c.cycle_id = @cycle' : '',
      f.reasonCategory ? 'AND r.category_id = @category' : '',
    ].join(' ');
    let s = statements.get(extra);
    if (!s) {
      s = {
        due: db.prepare(
          `SELECT ${cols} FROM customers c INDEXED BY bench_baseline_callbacks ${joins} WHERE c.callback_at IS NOT NULL AND c.callback_at <= @now
             AND ${callable} ${extra} ORDER BY c.monthly_revenue DESC NULLS LAST, c.id LIMIT 50`,
        ),
        rest: db.prepare(
          `SELECT ${cols} FROM customers c INDEXED BY customers_revenue ${joins} WHERE NOT (c.callback_at IS NOT NULL AND c.callback_at <= @now)
             AND ${callable} ${extra} ORDER BY c.monthly_revenue DESC NULLS LAST, c.id LIMIT @limit`,
        ),
      };
      statements.set(extra, s);
    }
    const params = {
      now,
      agent: agentId,
      ...(f.segment ? { segment: f.segment } : {}),
      ...(f.cycleId ? { cycle: f.cycleId } : {}),
      ...(f.reasonCategory ? { category: f.reasonCategory } : {}),
    };
    const due = s.due.all(params) as RawRow[];
    if (due.length >= 50) return due;
    return [...due, ...(s.rest.all({ ...params, limit: 50 - due.length }) as RawRow[])];
  };
}
