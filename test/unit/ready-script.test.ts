import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend';

/**
 * `bash bin/ready npm test` (the README's test command, and CI's) installs what the tests need from
 * the system when it is missing: Debian's chromium and sqlite3 shell, with apt-get as root or through
 * a sudo that asks no password. Where it cannot, one line says what to install and the tests run
 * anyway; `npm start` installs nothing.
 *
 * The script runs for real, copied into a folder laid out as a checkout whose dependencies are
 * installed, with a PATH of its own: the real node, and stand-ins for npm (prints what it was asked
 * to run), id (the user), and apt-get and sudo where a case has them (they write down their calls).
 */

const root = join(import.meta.dirname, '..', '..');
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

interface Machine {
  uid: number;
  aptGet?: boolean;
  /** sudo that runs commands without a password (`sudo -n`). */
  sudo?: boolean;
  sqlite3?: boolean;
  chromium?: boolean;
}

function ready(machine: Machine, command: string[]): { status: number | null; stdout: string; stderr: string; calls: string[] } {
  const t = tempDir();
  cleanup = t.dispose;
  const checkout = join(t.dir, 'checkout');
  const path = join(t.dir, 'bin');
  const log = join(t.dir, 'calls.log');
  mkdirSync(join(checkout, 'bin'), { recursive: true });
  mkdirSync(join(checkout, 'node_modules'), { recursive: true });
  mkdirSync(path);
  copyFileSync(join(root, 'bin', 'ready'), join(checkout, 'bin', 'ready'));
  // Dependencies installed after the lock file last changed: no `npm ci`.
  writeFileSync(join(checkout, 'package-lock.json'), '{}');
  writeFileSync(join(checkout, 'node_modules', '.package-lock.json'), '{}');
  utimesSync(join(checkout, 'package-lock.json'), new Date('2026-01-01'), new Date('2026-01-01'));

  const tool = (name: string, script: string) => {
    writeFileSync(join(path, name), `#!/bin/sh\n${script}\n`);
    chmodSync(join(path, name), 0o755);
  };
  symlinkSync(process.execPath, join(path, 'node'));
  for (const name of ['dirname', 'env', 'true']) symlinkSync(['/usr/bin', '/bin'].map((d) => join(d, name)).find((p) => existsSync(p)) ?? name, join(path, name));
  tool('npm', `if [ "$1" = --version ]; then echo 11.0.0; else echo "ran: npm $*"; fi`);
  tool('id', `echo ${machine.uid}`);
  if (machine.aptGet) tool('apt-get', `echo "apt-get $* (DEBIAN_FRONTEND=$DEBIAN_FRONTEND, uid $(id -u))" >> '${log}'`);
  if (machine.sudo) tool('sudo', `[ "$1" = -n ] || exit 1; shift; echo "sudo -n $*" >> '${log}'; PATH="${path}-root:$PATH" exec "$@"`);
  if (machine.sudo) {
    // What `id -u` says under sudo.
    mkdirSync(`${path}-root`);
    writeFileSync(join(`${path}-root`, 'id'), '#!/bin/sh\necho 0\n');
    chmodSync(join(`${path}-root`, 'id'), 0o755);
  }
  if (machine.sqlite3) tool('sqlite3', 'echo 3.40.1');
  const chromium = join(t.dir, 'chromium');
  if (machine.chromium) {
    writeFileSync(chromium, '#!/bin/sh\n');
    chmodSync(chromium, 0o755);
  }

  const r = spawnSync('/bin/bash', [join(checkout, 'bin', 'ready'), ...command], {
    encoding: 'utf8',
    env: { PATH: path, HOME: t.dir, CHROMIUM_PATH: chromium },
  });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls };
}

const NOTHING = { chromium: false, sqlite3: false };

describe('bin/ready', () => {
  it('as root with apt-get, installs Debian’s chromium and sqlite3 before the tests, then runs them', () => {
    const r = ready({ uid: 0, aptGet: true, ...NOTHING }, ['npm', 'test']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.calls).toEqual([
      'apt-get update -qq (DEBIAN_FRONTEND=, uid 0)',
      'apt-get install -y -qq chromium sqlite3 (DEBIAN_FRONTEND=noninteractive, uid 0)',
    ]);
    expect(r.stdout).toContain("Installing Debian's chromium sqlite3 for the tests");
    expect(r.stdout.trim().split('\n').at(-1)).toBe('ran: npm test');
  });

  it('installs only what is missing', () => {
    const r = ready({ uid: 0, aptGet: true, chromium: true, sqlite3: false }, ['npm', 'run', 'test:unit']);
    expect(r.calls.at(-1)).toBe('apt-get install -y -qq sqlite3 (DEBIAN_FRONTEND=noninteractive, uid 0)');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('ran: npm run test:unit');
  });

  it('not root, installs through sudo when it asks no password', () => {
    const r = ready({ uid: 1000, aptGet: true, sudo: true, ...NOTHING }, ['npm', 'test']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.calls).toEqual([
      'sudo -n true',
      'sudo -n apt-get update -qq',
      'apt-get update -qq (DEBIAN_FRONTEND=, uid 0)',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium sqlite3',
      'apt-get install -y -qq chromium sqlite3 (DEBIAN_FRONTEND=noninteractive, uid 0)',
    ]);
  });

  it('not root and no sudo: one line says what is missing and the command that installs it, and the tests run anyway', () => {
    const r = ready({ uid: 1000, aptGet: true, ...NOTHING }, ['npm', 'test']);
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([]);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^The tests need Chromium at \S+chromium and the sqlite3 shell, missing here: install with `sudo apt-get install -y chromium sqlite3`/);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('ran: npm test');
  });

  it('without apt-get: one line says what is missing', () => {
    const r = ready({ uid: 0, chromium: true, sqlite3: false }, ['npm', 'test']);
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([
      "The tests need the sqlite3 shell, missing here: install with this system's package manager (set CHROMIUM_PATH to a Chromium elsewhere) and run this again (going on without).",
    ]);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('ran: npm test');
  });

  it('says nothing and installs nothing when the tests have what they need', () => {
    const r = ready({ uid: 0, aptGet: true, chromium: true, sqlite3: true }, ['npm', 'test']);
    expect(r.calls).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['Node ' + process.version + ', npm 11.0.0', 'ran: npm test']);
  });

  it('installs nothing for npm start, which needs neither', () => {
    const r = ready({ uid: 0, aptGet: true, ...NOTHING }, ['npm', 'start']);
    expect(r.calls).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('ran: npm start');
  });
});
