/**
 * Benchmark: import 200,000 departed customers, then page, filter and search the queue.
 * Run with `npx tsx test/bench/queue-200k.ts [count]`. Prints timings and the query plans;
 * speed is measured here, never asserted in the test suites.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { vi } from 'vitest';
import { statSync } from 'node:fs';
import { testBackend, call, signIn } from '../helpers/backend';
import { writeDepartedCsv } from '../helpers/departedCsv';
import { runImport } from '../../electron/backend/import/run';
import { refreshSelection } from '../../db/repos/selection';

const count = Number(process.argv[2] ?? 200_000);
const b = testBackend(() => new Date('2026-11-16T15:00:00Z'));
const out = (s: string) => process.stdout.write(`${s}\n`);

async function time<T>(label: string, fn: () => Promise<T> | T, rounds = 1): Promise<T> {
  let result: T | undefined;
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, c) => a - c);
  out(`${label.padEnd(48)} median ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms (${rounds} rounds)`);
  return result as T;
}

try {
  const csv = join(b.dir, 'departed.csv');
  await time(`write a ${count.toLocaleString('en-US')}-row CSV`, () => writeDepartedCsv(csv, count));
  out(`file size ${(statSync(csv).size / 1024 / 1024).toFixed(1)} MB`);
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
  const result = await time('import (read, validate, stage, one transaction)', () =>
    runImport(b.deps, { path: csv, fileName: 'departed.csv', dryRun: false, skipInvalid: false, actorId: null }),
  );
  out(
    `imported ${result.written?.imported}, no contact ${result.plan.noContact}, memory rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`,
  );
  await time('selection pass over every customer', () => b.db.transaction(() => refreshSelection(b.db, '2026-11-16'))(), 3);
  await time('queue.list first page (manager)', () => call(b.dispatch, 'queue.list', { limit: 100 }), 10);
  await time('queue.list page 50', () => call(b.dispatch, 'queue.list', { limit: 100, offset: 5000 }), 10);
  await time('queue.list filtered by cycle', () => call(b.dispatch, 'queue.list', { limit: 100, cycleId: '2026-10' }), 10);
  await time('queue.list filtered by segment', () => call(b.dispatch, 'queue.list', { limit: 100, segment: 'Two year' }), 10);
  await time(
    'queue.list filtered by reason category',
    () => call(b.dispatch, 'queue.list', { limit: 100, reasonCategory: 'price' }),
    10,
  );
  await time('queue.list search by id', () => call(b.dispatch, 'queue.list', { limit: 100, search: 'C0123456' }), 10);
  await time('queue.list search by name (no match)', () => call(b.dispatch, 'queue.list', { limit: 100, search: 'Nobody' }), 10);
  await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
  await time('queue.list first page (agent)', () => call(b.dispatch, 'queue.list', { limit: 100 }), 10);
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
  await time('cycles.summary', () => call(b.dispatch, 'cycles.summary', { cycleId: '2026-10' }), 5);
  // The plans of the statements queue.list really runs (an agent, filtered by cycle and segment).
  const seen: string[] = [];
  const prepare = b.db.prepare.bind(b.db);
  const spy = vi.spyOn(b.db, 'prepare').mockImplementation((sql: string) => {
    if (/FROM customers c/.test(sql) && /c\.selected = 1/.test(sql)) seen.push(sql);
    return prepare(sql);
  });
  await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
  await call(b.dispatch, 'queue.list', { limit: 100, cycleId: '2026-10', segment: 'Two year' });
  spy.mockRestore();
  const params = { maxAttempts: 3, viewer: 'x', now: 'x', cycle: 'x', segment: 'x', limit: 1, offset: 0 };
  for (const sql of seen) {
    out(`plan: ${sql.replace(/\s+/g, ' ').slice(0, 90)}…`);
    for (const row of b.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]) out(`  ${row.detail}`);
  }
} finally {
  b.dispose();
}
