import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'winback.mjs');
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function winback(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
}

const customers = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('winback backup and winback restore', () => {
  it('both document --db', () => {
    for (const command of ['backup', 'restore']) {
      const help = winback([command, '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('--db');
    }
  });

  it('back up a console, and bring that backup back over a later state', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const db = join(t.dir, 'console.db');
    const out = join(t.dir, 'monday.db');
    expect(winback(['demo', '--db', db]).status).toBe(0);

    const backup = winback(['backup', '--db', db, '--out', out]);
    expect(backup.stderr).toBe('');
    expect(backup.stdout.trim()).toBe(`Backed up ${db} to ${out} (schema ${String(customersSchema(db))}: 1869 customers, 0 calls).`);

    const later = new Database(db);
    later.prepare("DELETE FROM customers WHERE external_id LIKE '1%'").run();
    later.close();
    expect(customers(db)).toBeLessThan(1869);

    const restore = winback(['restore', out, '--db', db]);
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(new RegExp(`^Restored ${out} into ${db} \\(schema \\d+: 1869 customers, 0 calls\\)\\. The previous file is kept as ${db}\\.replaced-`));
    expect(customers(db)).toBe(1869);
  });

  it('refuse with one line, changing nothing, when the file is not a good backup', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const db = join(t.dir, 'console.db');
    expect(winback(['demo', '--db', db]).status).toBe(0);
    const before = readFileSync(db);
    const junk = join(t.dir, 'junk.db');
    writeFileSync(junk, 'these are not the pages you are looking for');
    const r = winback(['restore', junk, '--db', db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`winback: ${junk} is not a SQLite database, so it cannot be a Winback backup.\n`);
    expect(readFileSync(db).equals(before)).toBe(true);

    const missing = winback(['backup', '--db', join(t.dir, 'none.db'), '--out', join(t.dir, 'x.db')]);
    expect(missing.stderr).toBe(`winback: There is no database at ${join(t.dir, 'none.db')}.\n`);
  });
});

function customersSchema(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}
