/** One figure of `npm run bench`, as printed and as written by --json. */
export interface BenchResult {
  name: string;
  /** The measured figure (a median unless the name says otherwise). */
  value: number;
  unit: string;
  /** The goal for `value` in the same unit; null for figures measured for reference only. */
  target: number | null;
  /** The same work done the simplest fast way directly on better-sqlite3 (or the sqlite3 shell), in the same run. */
  baseline: number | null;
  /** value / baseline: holds on a noisy machine where absolute times do not. */
  ratio: number | null;
  /** The goal for `ratio`, when there is one. */
  ratioTarget: number | null;
  pass: boolean;
  /** The size measured and anything a reader needs to trust the figure. */
  note: string;
}

export interface BenchContext {
  quick: boolean;
  /** A fresh temporary folder for this benchmark's databases. */
  dir: string;
  log: (line: string) => void;
}

/** A benchmark file exports one of these; bench/index.ts lists them in the order they run. */
export interface Benchmark {
  name: string;
  run: (ctx: BenchContext) => Promise<BenchResult[]>;
}

/** A result judged against its targets: pass only when every target that exists is met. */
export function judged(r: Omit<BenchResult, 'pass' | 'ratio'> & { higherIsBetter?: boolean }): BenchResult {
  const { higherIsBetter, ...rest } = r;
  const ratio = rest.baseline !== null && rest.baseline > 0 ? rest.value / rest.baseline : null;
  const meetsTarget = rest.target === null || (higherIsBetter ? rest.value >= rest.target : rest.value <= rest.target);
  const meetsRatio = rest.ratioTarget === null || (ratio !== null && ratio <= rest.ratioTarget);
  return { ...rest, ratio, pass: meetsTarget && meetsRatio };
}
