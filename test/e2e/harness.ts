import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = join(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const BIN = join(ROOT, 'bin', 'winback.mjs');

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function winback(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`winback ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

export interface Served {
  url: string;
  dir: string;
  dbPath: string;
  child: ChildProcess;
  stderr: () => string;
  stop(): Promise<void>;
}

/** Starts `winback serve` on a fresh database in a temporary folder, the way a person would. */
export async function serve(prepare?: (dbPath: string) => void): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'winback-e2e-'));
  const dbPath = join(dir, 'winback.db');
  prepare?.(dbPath);
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', dbPath], { cwd: ROOT });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0] ?? '';
      if (out.includes('\n')) resolve(line.replace(/^listening /, ''));
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return {
    url,
    dir,
    dbPath,
    child,
    stderr: () => err,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          rmSync(dir, { recursive: true, force: true });
          resolve();
          return;
        }
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}; .ci/run installs Debian's chromium package.`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Saves a screenshot under test/artifacts, and into docs/screenshots when asked to refresh the docs. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.WINBACK_DOC_SCREENSHOTS === '1') {
    mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
    copyFileSync(file, join(ROOT, 'docs', 'screenshots', `${name}.png`));
  }
}

/**
 * Which of the console's customers a log names: every name, phone number (as stored and as its bare
 * digits) and email in the database, looked for in the text. The answer says only which customer and
 * which field, so a failing test does not print the data either.
 */
export function customerDataIn(log: string, dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT id, name, phone, email FROM customers').all() as {
      id: number;
      name: string | null;
      phone: string | null;
      email: string | null;
    }[];
    if (rows.length === 0) throw new Error('The database has no customers, so the log cannot be checked against them.');
    const found: string[] = [];
    for (const row of rows) {
      const digits = row.phone?.replace(/\D/g, '') ?? '';
      const phone = row.phone !== null && (log.includes(row.phone) || (digits.length >= 7 && log.includes(digits)));
      if (row.name && log.includes(row.name)) found.push(`customer ${row.id}: name`);
      if (phone) found.push(`customer ${row.id}: phone`);
      if (row.email && log.includes(row.email)) found.push(`customer ${row.id}: email`);
    }
    return found;
  } finally {
    db.close();
  }
}
