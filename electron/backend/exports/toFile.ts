import { closeSync, createWriteStream, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finish } from './stream';

export interface FileOutputOptions {
  highWaterMark?: number;
  /** Opens the stream the file is written through (tests give one that fails as a full disk does). */
  open?: (path: string) => Writable;
}

/** The temporary name a file is written under, beside it and hidden, so it is renamed on the same disk. */
export function partialNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A write's error names no file ("ENOSPC: no space left on device, write"): it is given the file asked for. */
function named(error: unknown, file: string): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  if (typeof (error as { code?: unknown }).code === 'string') {
    const e = error as Error & { path?: string };
    if (e.path === undefined || e.path.includes('.partial-')) e.path = file;
  }
  return error;
}

/**
 * Writes a file the way the backups are written: under a temporary name beside it, synced, and
 * renamed to `target` only once whole. A full disk or a missing permission then leaves no file cut
 * mid-row under the requested name (a disk already full left an empty one), and the temporary file
 * is removed before the error reaches the caller.
 */
export async function writeFileAtomically<T>(target: string, write: (out: Writable) => Promise<T>, options: FileOutputOptions = {}): Promise<T> {
  const file = resolve(target);
  const tmp = partialNameFor(file);
  const out = options.open ? options.open(tmp) : createWriteStream(tmp, { highWaterMark: options.highWaterMark, flags: 'w' });
  // Kept until the end: a stream error between awaits must never become an unhandled one.
  const seen: { failure: Error | null } = { failure: null };
  const onError = (error: Error) => {
    seen.failure ??= named(error, file);
  };
  out.on('error', onError);
  const check = () => {
    if (seen.failure) throw seen.failure;
  };
  try {
    const result = await write(out);
    check();
    await finish(out);
    check();
    fsyncPath(tmp);
    renameSync(tmp, file);
    return result;
  } catch (error) {
    await new Promise<void>((done) => {
      if (out.closed || out.destroyed) done();
      else {
        out.once('close', () => done());
        out.destroy();
      }
    });
    rmSync(tmp, { force: true });
    throw named(seen.failure ?? error, file);
  }
}
