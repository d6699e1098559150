import type { Benchmark } from './types';
import { durableInsertBenchmark } from './durable-insert';
import { queueBenchmark } from './queue';
import { reportsBenchmark } from './reports';
import { completeCallBenchmark } from './complete-call';
import { importBenchmark } from './import';
import { exportBenchmark } from './export';
import { syncBenchmark } from './sync';
import { chromiumBenchmark } from './chromium';
import { trendsChromiumBenchmark } from './trends-chromium';
import { outreachBenchmark } from './outreach';
import { hubScaleBenchmark } from './hub-scale';
import { hubEffectBenchmark } from './hub-effect';
import { effectBenchmark } from './effect';
import { permissionsBenchmark } from './permissions';
import { keepInTouchBenchmark } from './keepInTouch';
import { erasureBenchmark } from './erasure';

/**
 * Every benchmark of `npm run bench`, in the order it runs. Add a figure as its own file exporting a
 * Benchmark and list it here: completing a call, the reasons report over 1,000,000 calls, importing
 * 100,000 rows beside the sqlite3 shell's .import, exporting 1,000,000 calls, syncing to the hub,
 * outreach (building over 200,000 customers, 10,000 .eml files, 1,000 emails sent), the
 * keep-in-touch list over 200,000 departed customers, the Queue
 * view's first paint in Chromium, the Trends view from a click and from a filter in Chromium.
 */
export const BENCHMARKS: Benchmark[] = [
  durableInsertBenchmark,
  queueBenchmark,
  completeCallBenchmark,
  importBenchmark,
  reportsBenchmark,
  effectBenchmark,
  exportBenchmark,
  syncBenchmark,
  outreachBenchmark,
  hubScaleBenchmark,
  hubEffectBenchmark,
  permissionsBenchmark,
  keepInTouchBenchmark,
  erasureBenchmark,
  chromiumBenchmark,
  trendsChromiumBenchmark,
];
