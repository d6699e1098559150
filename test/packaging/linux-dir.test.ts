import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractAll, listPackage, statFile } from '@electron/asar';
import { init as initLexer, parse as parseModule } from 'es-module-lexer';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { electronBinary } from '../../bin/start.mjs';
import { writePlaceholderElectron } from './placeholder-electron';

/**
 * Runs electron-builder for Linux with --dir on the built console (npm run build) and checks what a
 * desk would receive. Where the Electron binary is not installed, electron-builder is pointed at a
 * placeholder Electron folder (placeholder-electron.ts) for this check only: the archive, the
 * unpacked native module and the fuses are real; only the Electron executable is not.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

/** How a fuse's state is written in the binary (@electron/fuses keeps these constants internal). */
const FUSE_ON = '1'.charCodeAt(0);
const FUSE_OFF = '0'.charCodeAt(0);

const realBinary = electronBinary();
const electronKind = realBinary ? 'the installed Electron binary' : 'a placeholder Electron folder (the Electron binary is not installed here)';
const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
const nativeBinary = `node_modules/better-sqlite3/prebuilds/linux-${arch}.node`;

let work = '';
let appDir = '';
let asarPath = '';
let extracted = '';
let asarFiles: string[] = [];
let builderLog = '';

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Every package the production dependencies can reach (dependencies, optional and peer). */
function productionClosure(): Set<string> {
  const seen = new Set<string>();
  const queue = Object.keys(pkg.dependencies);
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const manifest = join(root, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) continue;
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, Record<string, unknown> | undefined>;
    for (const field of ['dependencies', 'optionalDependencies']) queue.push(...Object.keys(m[field] ?? {}));
    // An optional peer (i18next's `typescript`, for its types) is what the app may bring, not what
    // the package needs: npm neither installs nor packages it for that package's sake.
    const optionalPeers = m.peerDependenciesMeta ?? {};
    queue.push(...Object.keys(m.peerDependencies ?? {}).filter((peer) => (optionalPeers[peer] as { optional?: boolean } | undefined)?.optional !== true));
  }
  return seen;
}

/**
 * The packages the main-process bundle imports at run time (electron-vite leaves dependencies
 * external), read with a real module lexer: SQL text in the bundle can look like `from '...'`.
 */
async function mainBundleImports(): Promise<string[]> {
  await initLexer;
  const dir = join(root, 'out', 'main');
  const specs = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const [imports] = parseModule(readFileSync(join(dir, file), 'utf8'));
    for (const i of imports) if (i.n && !i.n.startsWith('.') && !i.n.startsWith('/')) specs.add(i.n);
  }
  return [...specs].filter((s) => !s.startsWith('node:') && s !== 'electron').sort();
}

beforeAll(async () => {
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) throw new Error('Build the console first: npm run build');
  work = mkdtempSync(join(tmpdir(), 'winback-packaging-'));
  const electronDist = realBinary ? dirname(realBinary) : writePlaceholderElectron(join(work, 'electron-dist'), electronVersion);
  const output = join(work, 'release');
  const result = await run(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--linux',
      '--dir',
      `--${arch}`,
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
    ],
    { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  );
  builderLog = result.output;
  if (result.code !== 0) throw new Error(`electron-builder failed (exit ${result.code}):\n${builderLog.slice(-3000)}`);
  appDir = join(output, arch === 'arm64' ? 'linux-arm64-unpacked' : 'linux-unpacked');
  asarPath = join(appDir, 'resources', 'app.asar');
  asarFiles = listPackage(asarPath, { isPack: false }).map((f) => f.replace(/^[/\\]/, '').replace(/\\/g, '/'));
  extracted = join(work, 'extracted');
  extractAll(asarPath, extracted);
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe(`electron-builder --linux --dir, built with ${electronKind}`, () => {
  it('packaged the Electron it says it did', () => {
    process.stdout.write(`packaging test: built with ${electronKind}\n`);
    const head = readFileSync(join(appDir, pkg.name)).subarray(0, 200).toString('latin1');
    if (realBinary) expect(head.startsWith('\x7fELF')).toBe(true);
    else expect(head).toContain('Placeholder Electron used by the packaging test');
  });

  it('puts the built main, preload and renderer in the archive, with the demo sample and package.json', () => {
    for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json', 'data/telco-customer-churn.csv']) {
      expect(asarFiles, file).toContain(file);
    }
    expect(asarFiles.some((f) => /^out\/renderer\/assets\/.+\.js$/.test(f))).toBe(true);
    const topLevel = new Set(asarFiles.map((f) => f.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['data', 'node_modules', 'out', 'package.json']);
    const packaged = JSON.parse(readFileSync(join(extracted, 'package.json'), 'utf8')) as { main: string; type: string };
    expect(packaged).toMatchObject({ main: 'out/main/index.js', type: 'module' });
  });

  it('packs the report, export and checkpoint workers beside the main script that starts them', () => {
    // A worker is found next to the module that starts it (electron/backend/workers/entry.ts); were
    // the bundler to move that module into out/main/chunks, exports and reports would quietly run on
    // the main thread. So: each worker is packed, and only top-level main scripts name it.
    for (const worker of ['report-worker.js', 'export-worker.js', 'checkpoint-worker.js']) {
      expect(asarFiles, worker).toContain(`out/main/${worker}`);
      const starters = asarFiles.filter((f) => f.startsWith('out/main/') && f.endsWith('.js') && readFileSync(join(extracted, f), 'utf8').includes(worker));
      expect(starters.length, `scripts naming ${worker}`).toBeGreaterThan(0);
      expect(starters.filter((f) => f.includes('/chunks/')), `scripts naming ${worker} from a chunk`).toEqual([]);
    }
  });

  it('leaves out source maps, tests, sources and docs', () => {
    const leaks = asarFiles.filter(
      (f) => f.endsWith('.map') || /(^|\/)(test|tests|__tests__)\//.test(f) || /\.(ts|tsx|mts|cts)$/.test(f) && !f.endsWith('.d.ts') || /(^|\/)README\.md$/i.test(f),
    );
    expect(leaks).toEqual([]);
    expect(asarFiles.filter((f) => /^(electron|shared|db|renderer|docs|bin)\//.test(f))).toEqual([]);
  });

  it('contains no development dependency', () => {
    const production = productionClosure();
    const devOnly = Object.keys(pkg.devDependencies).filter((d) => !production.has(d));
    expect(devOnly).toEqual(expect.arrayContaining(['electron', 'electron-builder', 'vite', 'vitest', 'typescript', 'eslint', 'playwright-core', 'jsdom']));
    const packagedModules = new Set(asarFiles.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/').slice(1, f.split('/')[1]?.startsWith('@') ? 3 : 2).join('/')));
    expect(devOnly.filter((d) => packagedModules.has(d))).toEqual([]);
    // The command line runs TypeScript through tsx; the desktop app never does.
    expect(packagedModules.has('tsx') || packagedModules.has('esbuild')).toBe(false);
  });

  it('unpacks the better-sqlite3 native binary for this platform only, and it loads', () => {
    expect(statFile(asarPath, nativeBinary)).toMatchObject({ unpacked: true });
    const unpacked = join(appDir, 'resources', 'app.asar.unpacked', nativeBinary);
    expect(existsSync(unpacked)).toBe(true);
    const prebuilds = readdirSync(join(appDir, 'resources', 'app.asar.unpacked', 'node_modules/better-sqlite3/prebuilds'));
    expect(prebuilds.every((f) => f.startsWith('linux'))).toBe(true);
    // N-API: the binary Electron loads is the one Node 24 loads.
    const probe = spawnSync(process.execPath, ['-e', `const m = { exports: {} }; process.dlopen(m, ${JSON.stringify(unpacked)}); process.stdout.write(typeof m.exports.Database);`], { encoding: 'utf8' });
    expect(probe.stderr).toBe('');
    expect(probe.stdout).toBe('function');
  });

  it('resolves every package the main process imports from inside the package, and runs the database', async () => {
    const imports = await mainBundleImports();
    expect(imports).toEqual(expect.arrayContaining(['better-sqlite3', 'zod']));
    // Resolved from inside the extracted app (in a temporary folder, so nothing outside it can help);
    // packages that need Electron itself to load are resolved, the others imported.
    const needsElectron = ['electron-log/main', 'electron-updater'];
    const script = `
      const results = {};
      for (const spec of ${JSON.stringify(imports)}) {
        const url = import.meta.resolve(spec);
        if (!url.startsWith(${JSON.stringify(`file://${extracted}/node_modules/`)})) throw new Error(spec + ' resolved outside the package: ' + url);
        if (!${JSON.stringify(needsElectron)}.includes(spec)) await import(spec);
        results[spec] = true;
      }
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(':memory:');
      results.sqlite = db.prepare('SELECT sqlite_version() AS v').get().v;
      process.stdout.write(JSON.stringify(results));
    `;
    const probeFile = join(extracted, 'out', 'main', 'packaging-probe.mjs');
    writeFileSync(probeFile, script);
    const probe = spawnSync(process.execPath, [probeFile], { encoding: 'utf8' });
    expect(probe.stderr).toBe('');
    const results = JSON.parse(probe.stdout) as Record<string, unknown>;
    for (const spec of imports) expect(results[spec], spec).toBe(true);
    expect(results.sqlite).toMatch(/^3\.\d+\.\d+$/);
  });

  it('names the executable after the product and hardens it with fuses', async () => {
    const executable = join(appDir, pkg.name);
    expect(existsSync(executable)).toBe(true);
    const wire = await getCurrentFuseWire(executable);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FUSE_OFF);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FUSE_OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FUSE_OFF);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FUSE_ON);
  });
});
