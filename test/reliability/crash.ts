import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { latestVersion } from '../../db/migrate';
import { DEFAULT_WORKLOADS, workload } from './workloads';

const ROOT = join(import.meta.dirname, '..', '..');
const CHILD = join(import.meta.dirname, 'child.ts');

/**
 * The child is bundled once per run: through tsx each start takes about a second, which would
 * make the time between kills mostly start-up. Inside node_modules so better-sqlite3 resolves.
 */
async function bundleChild(): Promise<string> {
  const dir = join(ROOT, 'node_modules', '.cache', 'winback-crash');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `child-${process.pid}.mjs`);
  await build({
    entryPoints: [CHILD],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['better-sqlite3'],
    // Under a name of its own: bundled modules (the CSV reader's) import createRequire themselves.
    banner: { js: "import { createRequire as __crashRequire } from 'node:module'; const require = __crashRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return outfile;
}

export interface CrashOptions {
  kills: number;
  workloads?: string[];
  seed?: number;
  /** Kill after this many milliseconds of work at most (uniformly chosen). */
  maxWorkMs?: number;
  /** Share of kills aimed at start-up (opening, checking and migrating the database). */
  startupShare?: number;
  onRound?: (round: RoundReport) => void;
}

export interface RoundReport {
  round: number;
  duringStartup: boolean;
  newAcks: number;
  totalAcks: number;
  problems: string[];
}

export interface CrashReport {
  seed: number;
  kills: number;
  killsDuringStartup: number;
  acknowledged: Record<string, number>;
  problems: string[];
  schemaVersion: number;
}

/** A small seeded generator so a failing run can be repeated with its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ack {
  w: string;
  id: string;
}

/** Starts the child, kills it with SIGKILL at the chosen moment, and returns what it acknowledged. */
function oneLife(
  childFile: string,
  dbPath: string,
  start: number,
  names: string[],
  killAt: { startup: boolean; ms: number },
): Promise<{ acks: Ack[]; ready: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childFile, dbPath, String(start), names.join(',')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Ack[] = [];
    let ready = false;
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    if (killAt.startup) timer = setTimeout(kill, killAt.ms);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl = buffered.indexOf('\n');
      while (nl >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line === 'ready') {
          ready = true;
          if (!killAt.startup) timer = setTimeout(kill, killAt.ms);
        } else if (line.startsWith('ack ')) {
          acks.push(JSON.parse(line.slice(4)) as Ack);
        }
        nl = buffered.indexOf('\n');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // A line cut off by the kill was never acknowledged: only whole lines count.
      if (signal !== 'SIGKILL') {
        reject(new Error(`the crash-test child stopped by itself (code ${code}): ${stderr.slice(-2000)}`));
        return;
      }
      resolve({ acks, ready, stderr });
    });
  });
}

/** Opens the database as the next start would, and checks it and every acknowledged piece of work. */
function inspect(dbPath: string, acks: Ack[], names: string[]): string[] {
  const problems: string[] = [];
  const db = new Database(dbPath);
  try {
    const check = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (check.join() !== 'ok') problems.push(`integrity_check: ${check.slice(0, 3).join('; ')}`);
    const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'customers'").pluck().get() as number;
    if (tables === 0) return acks.length === 0 ? problems : [...problems, 'acknowledged work but no schema'];
    for (const ack of acks) {
      const problem = workload(ack.w).verify(db, ack.id);
      if (problem) problems.push(`${ack.w}: ${problem}`);
    }
    for (const name of names) {
      const problem = workload(name).invariant?.(db);
      if (problem) problems.push(`${name}: ${problem}`);
    }
  } finally {
    db.close();
  }
  return problems;
}

/**
 * The crash test: a child process does durable work through the real services in a loop and is
 * killed with SIGKILL at random moments, some during start-up and most during work. After every
 * kill the database must pass integrity_check, every piece of work acknowledged before any kill so
 * far must be present and whole, and every workload's invariant must hold.
 * SIGKILL proves the transactions; it cannot prove fsync (the OS keeps the page cache), which is
 * why synchronous=FULL is also checked directly (test/unit/db-open.test.ts).
 */
export async function runCrashTest(options: CrashOptions): Promise<CrashReport> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const rnd = random(seed);
  const names = options.workloads ?? DEFAULT_WORKLOADS;
  const dir = mkdtempSync(join(tmpdir(), 'winback-crash-'));
  const dbPath = join(dir, 'winback.db');
  const acked: Ack[] = [];
  const problems: string[] = [];
  let killsDuringStartup = 0;
  let next = 0;
  const childFile = await bundleChild();
  try {
    for (let round = 1; round <= options.kills; round += 1) {
      // Every tenth life runs long enough for the slowest workload (the demo, about half a second)
      // to commit; the others are cut short, many of them inside a transaction.
      const long = round % 10 === 2;
      const startup = !long && rnd() < (options.startupShare ?? 0.15);
      const ms = long ? 600 + Math.floor(rnd() * 900) : Math.floor(rnd() * (startup ? 500 : (options.maxWorkMs ?? 250)));
      const life = await oneLife(childFile, dbPath, next, names, { startup, ms });
      if (!life.ready) killsDuringStartup += 1;
      acked.push(...life.acks);
      // Indexes never repeat across lives, so every name and event is new.
      next += 100_000;
      const found = inspect(dbPath, acked, names).map((p) => `after kill ${round} (seed ${seed}): ${p}`);
      problems.push(...found);
      options.onRound?.({ round, duringStartup: !life.ready, newAcks: life.acks.length, totalAcks: acked.length, problems: found });
      if (problems.length > 20) break;
    }
    const db = new Database(dbPath, { readonly: true });
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    db.close();
    const acknowledged = Object.fromEntries(names.map((n) => [n, acked.filter((a) => a.w === n).length]));
    return { seed, kills: options.kills, killsDuringStartup, acknowledged, problems, schemaVersion };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(childFile, { force: true });
  }
}

export const LATEST_SCHEMA = latestVersion();
