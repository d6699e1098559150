import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../electron/backend/exports/toFile';
import { plainFault } from '../../db/faults';
import { tempDir } from '../helpers/backend';
import { smallDisk } from '../helpers/readOnly';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'winback.mjs');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function winback(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
}

const noSpace = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

/** A file stream whose disk fills after `room` bytes, as fs reports it. */
function fillingDisk(room: number): (path: string) => Writable {
  return (path) => {
    writeFileSync(path, '');
    let used = 0;
    return new Writable({
      write(chunk: Buffer, _encoding, done) {
        used += chunk.length;
        if (used > room) done(noSpace());
        else done();
      },
    });
  };
}

describe('a file written whole or not at all', () => {
  it('a disk that fills mid-file leaves neither the file nor a partial one', async () => {
    const t = tempDir();
    cleanups.push(t.dispose);
    const target = join(t.dir, 'calls.csv');
    const failure = await writeFileAtomically(
      target,
      async (out) => {
        for (let i = 0; i < 1000; i += 1) if (!out.write(`row ${i},${'x'.repeat(100)}\n`)) await once(out, 'drain');
      },
      { open: fillingDisk(10_000) },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(plainFault(failure)).toEqual({
      code: 'disk_full',
      message: `The disk holding ${target} is full, so it could not be written. Free some space on that disk and try again.`,
    });
    expect(readdirSync(t.dir)).toEqual([]);
  });

  it('a finished file appears under its name only once it is whole', async () => {
    const t = tempDir();
    cleanups.push(t.dispose);
    const target = join(t.dir, 'r.csv');
    await writeFileAtomically(target, (out) => {
      expect(existsSync(target)).toBe(false);
      out.write('a,b\n');
      return Promise.resolve();
    });
    expect(readdirSync(t.dir)).toEqual(['r.csv']);
  });
});

describe('plain words for faults of the machine', () => {
  it('permission, read-only and SQLite faults each become one line', () => {
    expect(plainFault(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', syscall: 'open', path: '/srv/out.csv' }))).toEqual({
      code: 'permission',
      message: 'No permission to write /srv/out.csv. Ask whoever manages this computer for access, or choose another place.',
    });
    expect(plainFault(Object.assign(new Error('EROFS'), { code: 'EROFS', syscall: 'open', path: '/mnt/x.csv' }))?.code).toBe('read_only');
    expect(plainFault(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), '/d/w.db')?.message).toBe(
      'The disk holding the database /d/w.db is full, so it could not be written. Free some space on that disk and try again.',
    );
    expect(plainFault(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }), '/d/w.db')?.code).toBe('read_only');
    expect(plainFault(new Error('something else'))).toBeNull();
  });
});

describe('winback export onto a full disk', () => {
  let db = '';
  beforeAll(() => {
    const t = tempDir();
    cleanups.push(t.dispose);
    db = join(t.dir, 'console.db');
    expect(winback(['demo', '--db', db]).status).toBe(0);
    return t.dispose;
  }, 120_000);

  it('one line naming the disk, the JSON error shape with --json, and no file left behind', (ctx) => {
    const t = tempDir();
    cleanups.push(t.dispose);
    const disk = smallDisk(join(t.dir, 'disk'), 64 * 1024);
    if (!disk) return ctx.skip('no small disk can be mounted here (needs root); the failing-stream test covers the rest');
    cleanups.push(disk.dispose);
    const out = join(disk.dir, 'customers.csv');

    const r = winback(['export', 'customers', '--db', db, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`winback: The disk holding ${out} is full, so it could not be written. Free some space on that disk and try again.\n`);
    expect(readdirSync(disk.dir)).toEqual([]);

    const j = winback(['export', 'customers', '--db', db, '--out', out, '--json']);
    expect(j.status).toBe(1);
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: false, error: { code: 'disk_full', message: expect.stringContaining(out) as string } });
    expect(readdirSync(disk.dir)).toEqual([]);

    // A disk already full: not even an empty file.
    mkdirSync(join(disk.dir, 'x'));
    const filler = spawnSync('dd', ['if=/dev/zero', `of=${join(disk.dir, 'x', 'filler')}`, 'bs=4096']);
    expect(filler.status).not.toBe(0);
    const full = winback(['export', 'customers', '--db', db, '--out', out]);
    expect(full.status).toBe(1);
    expect(readdirSync(disk.dir)).toEqual(['x']);
  }, 120_000);
});
