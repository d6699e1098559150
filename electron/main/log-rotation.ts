import { existsSync, renameSync, rmSync } from 'node:fs';

/**
 * Size-based rotation: main.log becomes main.1.log, main.1.log becomes main.2.log, and so on;
 * the oldest beyond `keep` is deleted. Called by electron-log when the file reaches its limit.
 */
export function rotateLogFiles(current: string, keep: number): void {
  const archive = (n: number) => current.replace(/(\.log)?$/, `.${n}.log`);
  rmSync(archive(keep), { force: true });
  for (let n = keep - 1; n >= 1; n -= 1) {
    if (existsSync(archive(n))) renameSync(archive(n), archive(n + 1));
  }
  if (existsSync(current)) renameSync(current, archive(1));
}
