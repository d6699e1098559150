/**
 * Work the console does as it opens that the person does not see first: the floor presence, the
 * sync status, the unfinished calls, the queue's filter choices, due reviews, own reason names. While
 * the console opens on the Queue, each waits until the Queue has drawn its first rows: on two cores
 * every request the window sends then is script and server time taken from those rows (the
 * first-paint benchmark, bench/chromium.ts). At any other time it runs at once.
 */
let held: { shown: Promise<void>; release: () => void; drop: () => void } | null = null;

/** However the opening goes (the Queue never drawn, its load failed), the work waits no longer than this. */
const AT_MOST_MS = 2_000;

/** The console is opening on the Queue: work given to `afterFirstRows` waits for its rows from now. */
export function holdUntilFirstRows(): void {
  if (held) return;
  let resolve = () => {};
  const shown = new Promise<void>((r) => {
    resolve = r;
  });
  const timer = setTimeout(firstRowsShown, AT_MOST_MS);
  held = {
    shown,
    release: () => {
      clearTimeout(timer);
      resolve();
    },
    drop: () => clearTimeout(timer),
  };
}

/** The Queue has drawn its first rows (or found none): what waited runs now. */
export function firstRowsShown(): void {
  const was = held;
  held = null;
  was?.release();
}

/** A new start (a test's, say): what an earlier start held back is dropped, never run. */
export function dropHeldWork(): void {
  held?.drop();
  held = null;
}

/** Runs `work` once the Queue's first rows are on screen while the console opens, else at once. */
export function afterFirstRows(work: () => void): void {
  if (held) void held.shown.then(work);
  else work();
}

/** Runs `work` once the frame after this one has been painted (at once where nothing paints frames). */
export function afterNextPaint(work: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(work, 0));
  else setTimeout(work, 0);
}
