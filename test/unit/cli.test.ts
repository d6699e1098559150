import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'winback.mjs');
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function winback(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('the winback command', () => {
  it('lists its commands with --help, and every command has --help', () => {
    const help = winback(['--help']);
    expect(help.status).toBe(0);
    for (const command of ['serve', 'demo']) {
      expect(help.stdout).toContain(command);
      const sub = winback([command, '--help']);
      expect(sub.status).toBe(0);
      expect(sub.stdout).toContain('--db');
    }
  });

  it('loads the demo into the database named by --db, then refuses a second time with one clear line', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const db = join(t.dir, 'demo.db');
    const first = winback(['demo', '--db', db]);
    expect(first.stdout).toContain('Loaded 1869 departed customers');
    const second = winback(['demo'], { WINBACK_DB: db });
    expect(second.status).toBe(1);
    expect(second.stderr.trim()).toBe('winback: The demo can only be loaded into an empty console; this one already has customers.');
  });

  it('reports an unknown command without a stack trace', () => {
    const r = winback(['frobnicate']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('serve refuses an unknown log level with the levels it takes, before opening anything', () => {
    const t = tempDir();
    cleanup = t.dispose;
    const r = winback(['serve', '--port', '0', '--db', join(t.dir, 'never.db'), '--log-level', 'loud']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('a log level is one of info, warn, error.');
    expect(existsSync(join(t.dir, 'never.db'))).toBe(false);
  });

  it('serve prints "listening <url>" as its first line', async () => {
    const t = tempDir();
    cleanup = t.dispose;
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', join(t.dir, 's.db')], { cwd: root });
    const firstLine = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    child.kill('SIGTERM');
    expect(firstLine).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+\/\?key=\S+$/);
  });

  it('npm start without the Electron binary says so in one paragraph and starts the console in the browser', async () => {
    const { electronBinary, MISSING_ELECTRON_MESSAGE } = await import('../../bin/start.mjs');
    // Where the binary exists the window opens instead; the test/e2e Electron smoke test covers it.
    if (electronBinary() !== null) return;
    const t = tempDir();
    cleanup = t.dispose;
    const child = spawn(process.execPath, [join(root, 'bin', 'start.mjs'), '--port', '0'], {
      cwd: root,
      // No browser to open here: an empty PATH makes --open fail politely, which is part of the check.
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', WINBACK_DB: join(t.dir, 'start.db'), PATH: '' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const firstLine = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
      });
      child.on('exit', (code) => reject(new Error(`npm start exited with ${code}: ${stderr}`)));
    });
    expect(firstLine).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+\/\?key=\S+$/);
    const stopped = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await stopped).toBe(0);
    expect(stderr.split('\n')[0]).toBe(MISSING_ELECTRON_MESSAGE);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
