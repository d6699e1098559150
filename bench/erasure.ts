import { join } from 'node:path';
import { openDatabase } from '../db/open';
import { prepareCustomerUpsert } from '../db/repos/customers';
import { insertPerson } from '../db/repos/people';
import { eraseCustomers } from '../electron/backend/privacy/erase';
import { applyRetention, RETENTION_BATCH } from '../electron/backend/privacy/retention';
import { measure } from './lib/measure';
import { judged, type Benchmark, type BenchResult } from './types';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const MANAGER = { id: 'bench-manager', name: 'Bench Manager' };

/**
 * Erasure and retention (electron/backend/privacy): erasing one customer in a console of 1,000,000
 * calls (100,000 customers, ten calls each), timed up to the commit and, separately, with the WAL
 * checkpoint that follows; and retention over 100,000 customers of whom a tenth departed long ago.
 * Retention's baseline is erasing customers one at a time: the same work, one commit each.
 */
export const erasureBenchmark: Benchmark = {
  name: 'erasure',
  run: async (ctx) => {
    const customers = ctx.quick ? 10_000 : 100_000;
    const callsEach = 10;
    const results: BenchResult[] = [];
    const db = openDatabase(join(ctx.dir, 'winback.db'));
    try {
      ctx.log(`  seeding ${customers.toLocaleString('en')} customers and ${(customers * callsEach).toLocaleString('en')} calls…`);
      db.transaction(() => {
        insertPerson(db, { id: 'bench-agent', name: 'Bench Agent', role: 'agent' }, NOW.toISOString());
        const upsert = prepareCustomerUpsert(db);
        const call = db.prepare(
          `INSERT INTO calls (id, customer_id, caller_id, caller_role, started_at, completed_at, outcome, customer_words, summary)
           VALUES (?, ?, 'bench-agent', 'agent', ?, ?, 'recovered', ?, ?)`,
        );
        for (let i = 0; i < customers; i += 1) {
          // A tenth departed three years ago and were not called since: retention's share.
          const old = i % 10 === 0;
          upsert(
            {
              externalId: `E${i}`, name: `Erase Bench ${i}`, company: null, phone: `+1415${String(2_000_000 + i).padStart(7, '0')}`, email: `e${i}@example.test`,
              timezone: null, segment: 'Month-to-month', product: 'DSL', monthlyRevenue: 20 + (i % 90), tenureMonths: 12,
              departedAt: old ? '2023-06-01' : '2026-10-01', lastActivityAt: null, statedReasonText: 'Too dear', statedReasonId: null,
              frontlineRep: null, frontlineTeam: null, notes: `Notes of ${i}`, cycleId: null,
            },
            NOW.toISOString(),
          );
          const id = i + 1;
          const when = old ? '2023-07-01T10:00:00.000Z' : '2026-11-02T10:00:00.000Z';
          for (let k = 0; k < callsEach; k += 1) call.run(`c-${i}-${k}`, id, when, when, `Words of customer ${i}`, `Summary ${i}`);
        }
      })();
      db.pragma('wal_checkpoint(TRUNCATE)');

      // One customer at a time, each a different one; the commit is timed apart from the checkpoint.
      let next = 1;
      const commitOnly = await measure(
        () => {
          const id = 10 * next + 1;
          next += 1;
          eraseCustomers(db, MANAGER, [{ id }], NOW, { skipCheckpoint: true });
        },
        { warmup: 3, iterations: 30 },
      );
      const withCheckpoint = await measure(
        () => {
          const id = 10 * next + 1;
          next += 1;
          eraseCustomers(db, MANAGER, [{ id }], NOW);
        },
        { warmup: 3, iterations: 30 },
      );
      results.push(
        judged({
          name: `erasure of one customer, ${(customers * callsEach).toLocaleString('en')} calls, before the checkpoint`,
          value: commitOnly.median,
          unit: 'ms',
          target: ctx.quick ? null : 100,
          baseline: null,
          ratioTarget: null,
          note: `${customers.toLocaleString('en')} customers; ten calls each cleared, the ledger's hashed entries, the erasure log flushed, secure_delete on; p95 ${commitOnly.p95.toFixed(1)} ms.`,
        }),
        judged({
          name: 'erasure of one customer, with the WAL checkpoint (TRUNCATE)',
          value: withCheckpoint.median,
          unit: 'ms',
          target: null,
          baseline: null,
          ratioTarget: null,
          note: `the same, up to an empty -wal; p95 ${withCheckpoint.p95.toFixed(1)} ms.`,
        }),
      );

      ctx.log(`  retention over ${customers.toLocaleString('en')} customers…`);
      const start = performance.now();
      const cpuBefore = process.cpuUsage();
      const { erased } = applyRetention(db, MANAGER, 24, NOW);
      const cpu = process.cpuUsage(cpuBefore);
      const retentionMs = performance.now() - start;
      // CPU time beside the wall clock: on a shared machine the wall clock also counts waiting for a core.
      const cpuPerCustomer = erased > 0 ? (cpu.user + cpu.system) / 1000 / erased : 0;
      // Per customer, beside erasing them one at a time (the manager's "Erase this customer", each
      // its own erasure-log flush and commit, measured above): what doing the batch set-based saves.
      const perCustomer = erased > 0 ? retentionMs / erased : 0;
      results.push(
        judged({
          name: `retention over ${customers.toLocaleString('en')} customers, per customer erased`,
          value: perCustomer,
          unit: 'ms',
          target: 2,
          baseline: commitOnly.median,
          ratioTarget: null,
          note: `${erased.toLocaleString('en')} departed before the cutoff and not called since were erased in ${(retentionMs / 1000).toFixed(2)} s, ${RETENTION_BATCH.toLocaleString('en')} to a transaction, each with their ten calls, WAL checkpoint after each batch included, ${cpuPerCustomer.toFixed(2)} ms of CPU per customer; baseline: one customer erased alone (before its checkpoint).`,
        }),
      );
    } finally {
      db.close();
    }
    return results;
  },
};
