import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';

/**
 * Overwrites pages in the middle of a closed database file with junk, the way a failing disk or an
 * interrupted copy does. Page 1 (the header) is left alone, so SQLite still opens the file and only
 * an integrity check finds the damage.
 */
export function damagePages(path: string, pages = 4): void {
  const fd = openSync(path, 'r+');
  try {
    const pageSize = 4096;
    const total = Math.floor(fstatSync(fd).size / pageSize);
    if (total < 3 + pages) throw new Error(`The file has only ${total} pages; put more data in it first.`);
    const first = Math.floor(total / 2);
    const junk = Buffer.alloc(pageSize * pages, 0x5a);
    writeSync(fd, junk, 0, junk.length, pageSize * first);
  } finally {
    closeSync(fd);
  }
}

/** Overwrites the SQLite header, so the file is no database at all. */
export function damageHeader(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.from('this is not sqlite'), 0, 16, 0);
  } finally {
    closeSync(fd);
  }
}
