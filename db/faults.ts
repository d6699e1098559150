import { existsSync } from 'node:fs';
import { isWritable } from './readOnly';

/**
 * Faults of the machine rather than of the data: a full disk, a read-only disk or file, a missing
 * permission. Node and SQLite say them in their own words ("ENOSPC: no space left on device,
 * write", "database or disk is full", "attempt to write a readonly database", "unable to open
 * database file"); a person gets one plain line that names the disk or the permission.
 */

export type FaultCode = 'disk_full' | 'read_only' | 'permission' | 'cannot_open';

export interface PlainFault {
  code: FaultCode;
  message: string;
}

interface ErrnoLike {
  code?: unknown;
  path?: unknown;
  dest?: unknown;
  syscall?: unknown;
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'SQLITE_FULL']);
const READ_ONLY = new Set(['EROFS']);
const PERMISSION = new Set(['EACCES', 'EPERM', 'SQLITE_PERM', 'SQLITE_AUTH']);

function verb(syscall: unknown): string {
  switch (syscall) {
    case 'mkdir':
      return 'create the folder';
    case 'rename':
      return 'rename';
    case 'unlink':
    case 'rmdir':
      return 'remove';
    case 'scandir':
    case 'read':
      return 'read';
    default:
      return 'write';
  }
}

/**
 * The plain words for a fault, or null when the error is something else. `databasePath` names the
 * database for SQLite's errors, which carry no file name of their own.
 */
export function plainFault(error: unknown, databasePath?: string): PlainFault | null {
  if (error === null || typeof error !== 'object') return null;
  const e = error as ErrnoLike;
  const code = typeof e.code === 'string' ? e.code : '';
  const isSqlite = code.startsWith('SQLITE_');
  const path = typeof e.path === 'string' ? e.path : isSqlite ? databasePath : undefined;
  const what = path ? (isSqlite ? `the database ${path}` : path) : isSqlite ? 'the database' : 'the file';
  if (DISK_FULL.has(code)) {
    return { code: 'disk_full', message: `The disk holding ${what} is full, so it could not be written. Free some space on that disk and try again.` };
  }
  // SQLite cannot create the -wal and -shm of a database in a read-only folder and says only that it
  // cannot open it: the folder's own state tells which it is.
  const readOnlyDatabase = code === 'SQLITE_CANTOPEN' && path !== undefined && existsSync(path) && !isWritable(path);
  if (READ_ONLY.has(code) || code.startsWith('SQLITE_READONLY') || readOnlyDatabase) {
    return {
      code: 'read_only',
      message: isSqlite
        ? `${capital(what)} is read-only (a read-only disk or file), so nothing can be written to it. Reports and exports to another place can still read it.`
        : `${capital(what)} is on a read-only disk, so it cannot be written. Choose a place on a writable disk.`,
    };
  }
  if (PERMISSION.has(code)) {
    return {
      code: 'permission',
      message: `No permission to ${isSqlite ? 'write' : verb(e.syscall)} ${what}. Ask whoever manages this computer for access, or choose another place.`,
    };
  }
  if (code === 'SQLITE_CANTOPEN') {
    return {
      code: 'cannot_open',
      message: `${capital(what)} cannot be opened: its folder is missing, or this user may not read it or create files beside it.`,
    };
  }
  return null;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
