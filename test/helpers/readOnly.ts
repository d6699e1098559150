import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ReadOnlyView {
  /** The folder as the console sees it: every file in it readable, none writable, nothing creatable. */
  dir: string;
  /** How it was made read-only (a bind mount as root, permissions otherwise). */
  how: 'mount' | 'permissions';
  dispose: () => void;
}

/**
 * A read-only view of `dir`, as a database on a read-only mount or a file without write
 * permission meets the console. As an ordinary user, permissions do it; as root (whom
 * permissions do not stop), a read-only bind mount does. Null when neither is possible here
 * (root without the right to mount), and the caller skips with that reason.
 */
export function readOnlyView(dir: string): ReadOnlyView | null {
  if (process.getuid?.() !== 0) {
    const files = readdirSync(dir);
    for (const f of files) chmodSync(join(dir, f), 0o444);
    chmodSync(dir, 0o555);
    return {
      dir,
      how: 'permissions',
      dispose: () => {
        chmodSync(dir, 0o755);
        for (const f of files) chmodSync(join(dir, f), 0o644);
      },
    };
  }
  const view = `${dir}-ro`;
  mkdirSync(view, { recursive: true });
  const bind = spawnSync('mount', ['--bind', dir, view]);
  if (bind.status !== 0) return null;
  const ro = spawnSync('mount', ['-o', 'remount,ro,bind', view]);
  if (ro.status !== 0) {
    spawnSync('umount', [view]);
    return null;
  }
  return { dir: view, how: 'mount', dispose: () => void spawnSync('umount', [view]) };
}

/**
 * A folder on a disk of `bytes` bytes (a tmpfs), to meet a full disk for real. Only root may mount
 * one; null elsewhere, and the caller skips with that reason (the failing-stream tests still run).
 */
export function smallDisk(dir: string, bytes: number): { dir: string; dispose: () => void } | null {
  if (process.getuid?.() !== 0) return null;
  mkdirSync(dir, { recursive: true });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir]);
  if (mounted.status !== 0) return null;
  return { dir, dispose: () => void spawnSync('umount', [dir]) };
}
