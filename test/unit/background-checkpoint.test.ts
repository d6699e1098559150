import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open';
import {
  backgroundCheckpointsFinished,
  checkpointSettled,
  setBackgroundCheckpointEnabled,
  withCheckpointAfter,
} from '../../electron/backend/workers/checkpoint';
import { tempDir } from '../helpers/backend';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
  setBackgroundCheckpointEnabled(true);
});

function database(): { db: Db; path: string; dir: string } {
  const t = tempDir();
  const path = join(t.dir, 'console.db');
  const db = openDatabase(path);
  db.exec('CREATE TABLE IF NOT EXISTS bulk (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  cleanup.push(t.dispose, () => db.close());
  return { db, path, dir: t.dir };
}

/** One transaction writing `rows` rows of a kilobyte each, as an import writes its customers. */
function bulkWrite(db: Db, rows: number): void {
  const insert = db.prepare('INSERT INTO bulk (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i += 1) insert.run(`${i}:${'x'.repeat(1000)}`);
  })();
}

/** The rows a copy of the database file alone holds, without its write-ahead log. */
function rowsInFileAlone(path: string, dir: string): number {
  const copy = join(dir, `file-alone-${Date.now()}-${Math.random()}.db`);
  copyFileSync(path, copy);
  const db = new Database(copy, { readonly: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'bulk'").get();
    return table ? (db.prepare('SELECT count(*) FROM bulk').pluck().get() as number) : 0;
  } finally {
    db.close();
  }
}

describe('the checkpoint after a large write', () => {
  it('commits without copying the log, then a worker thread copies it into the database file', async () => {
    const { db, path, dir } = database();
    const before = backgroundCheckpointsFinished();
    withCheckpointAfter(db, () => bulkWrite(db, 8000));

    // Committed and readable on the console's connection at once, and SQLite's own automatic
    // checkpoint is back as it was for every later commit.
    expect(db.prepare('SELECT count(*) FROM bulk').pluck().get()).toBe(8000);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);

    const answer = await checkpointSettled();
    expect(answer).toMatchObject({ ok: true });
    expect(answer?.log).toBeGreaterThan(1000);
    expect(answer?.checkpointed).toBe(answer?.log);
    expect(backgroundCheckpointsFinished()).toBe(before + 1);
    expect(rowsInFileAlone(path, dir)).toBe(8000);
  });

  it('leaves the log in place when nothing checkpoints it, which is what the worker is for', () => {
    const { db, path, dir } = database();
    db.pragma('wal_autocheckpoint = 0');
    bulkWrite(db, 8000);
    expect(rowsInFileAlone(path, dir)).toBe(0);
  });

  it('checkpoints on the calling thread when there is no worker', () => {
    setBackgroundCheckpointEnabled(false);
    const { db, path, dir } = database();
    const before = backgroundCheckpointsFinished();
    withCheckpointAfter(db, () => bulkWrite(db, 8000));
    expect(rowsInFileAlone(path, dir)).toBe(8000);
    expect(backgroundCheckpointsFinished()).toBe(before);
  });

  it('leaves a small write to the next commit, as SQLite would, with no worker started', async () => {
    const { db } = database();
    await checkpointSettled();
    const before = backgroundCheckpointsFinished();
    withCheckpointAfter(db, () => bulkWrite(db, 20));
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointSettled();
    expect(backgroundCheckpointsFinished()).toBe(before);
  });

  it('puts the automatic checkpoint back when the write fails, and the failed write leaves nothing', () => {
    const { db } = database();
    expect(() =>
      withCheckpointAfter(db, () =>
        db.transaction(() => {
          db.prepare('INSERT INTO bulk (body) VALUES (?)').run('kept only if committed');
          throw new Error('a row is invalid');
        })(),
      ),
    ).toThrow('a row is invalid');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.prepare('SELECT count(*) FROM bulk').pluck().get()).toBe(0);
  });
});
