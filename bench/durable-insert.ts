import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../db/open';
import { audit } from '../db/repos/audit';
import { measurePair } from './lib/measure';
import { judged, type Benchmark } from './types';

/**
 * What one durable commit costs on this machine: a single row in its own transaction, WAL with
 * synchronous=FULL, so it is on disk when the call returns. The floor under every figure that writes
 * (completing a call is one such transaction), and the baseline later write benchmarks divide by.
 *
 * Through the console's own open (pragmas) and repository, beside the same insert on a bare
 * better-sqlite3 connection set to the same durability.
 */
export const durableInsertBenchmark: Benchmark = {
  name: 'durable insert',
  run: async (ctx) => {
    const db = openDatabase(join(ctx.dir, 'durable.db'));
    const raw = new Database(join(ctx.dir, 'durable-raw.db'));
    try {
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = FULL');
      raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, at TEXT NOT NULL, detail TEXT NOT NULL)');
      const insert = raw.prepare('INSERT INTO t (at, detail) VALUES (?, ?)');
      const at = new Date().toISOString();
      const iterations = ctx.quick ? 200 : 1000;
      const [app, bare] = await measurePair(
        (i) => audit(db, { at, actorId: null, action: 'bench.insert', entity: 'bench', entityId: String(i), detail: { i } }),
        (i) => insert.run(at, JSON.stringify({ i })),
        { warmup: 20, iterations, rounds: 4 },
      );
      return [
        judged({
          name: 'durable single insert (audit entry)',
          value: app.median,
          unit: 'ms',
          target: null,
          baseline: bare.median,
          ratioTarget: null,
          note: `median of ${app.samples} commits, WAL + synchronous=FULL; p95 ${app.p95.toFixed(2)} ms. For reference: the floor under every write.`,
        }),
      ];
    } finally {
      db.close();
      raw.close();
    }
  },
};
