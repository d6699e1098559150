import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import type { Db } from '../../../db/open';
import { getSetting, setSetting } from '../../../db/repos/settings';
import { HASHED_KEY_PATTERN } from '../../../shared/domain/erasure';

/**
 * The erasure log: a file beside the database (`<database>.erasures.jsonl`), one line per erasure
 * with hashes only (never a name, number or address). A backup holds the database as it was; the
 * log outlives it, so restoring or opening an older backup replays every erasure made since
 * (electron/backend/database.ts) before anything else can read it.
 *
 * The database remembers how far into the log it has applied (a byte offset, in its settings): a
 * backup remembers the offset of its day, so exactly the erasures made after it are replayed.
 */
export interface ErasureNotice {
  uid: string;
  idHash: string;
  phoneHash: string | null;
  emailHash: string | null;
  erasedAt: string;
}

const APPLIED_KEY = 'privacy.erasureLogApplied';

export function erasureLogPath(dbPath: string): string {
  return `${dbPath}.erasures.jsonl`;
}

function logPathOf(db: Db): string | null {
  return db.memory || db.name === '' ? null : erasureLogPath(db.name);
}

/** Appends the notices and flushes them to disk before the erasure itself commits; gives the log's length after them. */
export function appendToErasureLog(db: Db, notices: readonly ErasureNotice[]): number | null {
  const path = logPathOf(db);
  if (path === null) return null;
  const text = notices.map((n) => `${JSON.stringify({ uid: n.uid, idHash: n.idHash, phoneHash: n.phoneHash, emailHash: n.emailHash, erasedAt: n.erasedAt })}\n`).join('');
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

/** Records in the database (inside the erasure's transaction) that the log is applied up to `offset`. */
export function markErasureLogApplied(db: Db, offset: number | null): void {
  if (offset === null) return;
  const before = getSetting<number>(db, APPLIED_KEY) ?? 0;
  setSetting(db, APPLIED_KEY, Math.max(before, offset));
}

function isNotice(x: unknown): x is ErasureNotice {
  if (!x || typeof x !== 'object') return false;
  const n = x as Record<string, unknown>;
  const hash = (v: unknown) => typeof v === 'string' && HASHED_KEY_PATTERN.test(v);
  return typeof n.uid === 'string' && hash(n.idHash) && (n.phoneHash === null || hash(n.phoneHash)) && (n.emailHash === null || hash(n.emailHash)) && typeof n.erasedAt === 'string';
}

/**
 * The notices this database has not applied yet, and the offset they run to. A log shorter than
 * the offset the database remembers was replaced or truncated: all of it is read again (applying an
 * erasure twice changes nothing). A last line cut short by a crash mid-write is left for later.
 */
export function pendingErasures(db: Db, logPath: string): { notices: ErasureNotice[]; end: number } {
  if (!existsSync(logPath)) return { notices: [], end: 0 };
  const size = statSync(logPath).size;
  let from = getSetting<number>(db, APPLIED_KEY) ?? 0;
  if (from > size) from = 0;
  if (from === size) return { notices: [], end: size };
  const bytes = readFileSync(logPath).subarray(from);
  const lastNewline = bytes.lastIndexOf(0x0a);
  if (lastNewline < 0) return { notices: [], end: from };
  const notices: ErasureNotice[] = [];
  for (const line of bytes.subarray(0, lastNewline).toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    if (isNotice(parsed)) notices.push(parsed);
  }
  return { notices, end: from + lastNewline + 1 };
}
