export interface Timing {
  median: number;
  p95: number;
  min: number;
  samples: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

/**
 * Times `fn` in milliseconds: a warm-up (statement caches, page cache) and then `iterations` runs.
 * Medians, not means: one stall from another process on a shared machine must not move the figure.
 */
export async function measure(fn: (i: number) => unknown, options: { warmup: number; iterations: number }): Promise<Timing> {
  for (let i = 0; i < options.warmup; i += 1) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < options.iterations; i += 1) {
    const start = performance.now();
    await fn(options.warmup + i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95), min: times[0] ?? Number.NaN, samples: times.length };
}

/** Alternates two measurements so both see the same machine load, and returns both. */
export async function measurePair(
  a: (i: number) => unknown,
  b: (i: number) => unknown,
  options: { warmup: number; iterations: number; rounds?: number },
): Promise<[Timing, Timing]> {
  const rounds = options.rounds ?? 5;
  const per = Math.max(1, Math.ceil(options.iterations / rounds));
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < options.warmup; i += 1) {
    await a(i);
    await b(i);
  }
  for (let r = 0; r < rounds; r += 1) {
    for (const [fn, out] of [
      [a, ta],
      [b, tb],
    ] as const) {
      for (let i = 0; i < per; i += 1) {
        const start = performance.now();
        await fn(r * per + i);
        out.push(performance.now() - start);
      }
    }
  }
  const summary = (times: number[]): Timing => {
    times.sort((x, y) => x - y);
    return { median: percentile(times, 0.5), p95: percentile(times, 0.95), min: times[0] ?? Number.NaN, samples: times.length };
  };
  return [summary(ta), summary(tb)];
}
