import type { Benchmark } from './types';
import { durableInsertBenchmark } from './durable-insert';
import { queueBenchmark } from './queue';
import { reportsBenchmark } from './reports';
import { completeCallBenchmark } from './complete-call';
import { importBenchmark } from './import';
import { exportBenchmark } from './export';
import { syncBenchmark } from './sync';
import { chromiumBenchmark } from './chromium';
import { hubScaleBenchmark } from './hub-scale';

/**
 * Every benchmark of `npm run bench`, in the order it runs. Add a figure as its own file exporting a
 * Benchmark and list it here: completing a call, the reasons report over 1,000,000 calls, importing
 * 100,000 rows beside the sqlite3 shell's .import, exporting 1,000,000 calls, syncing to the hub,
 * the Queue view's first paint in Chromium.
 */
export const BENCHMARKS: Benchmark[] = [
  durableInsertBenchmark,
  queueBenchmark,
  completeCallBenchmark,
  importBenchmark,
  reportsBenchmark,
  exportBenchmark,
  syncBenchmark,
  hubScaleBenchmark,
  chromiumBenchmark,
];
