#!/usr/bin/env node
// `npm start`: build the console and open the desktop window. Where the Electron binary is missing
// (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or its download failed) say so in plain words and
// start the same console in the browser instead (`winback serve --open`): whoever typed `npm start`
// wants the console, not a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const EXECUTABLE = { linux: 'electron', win32: 'electron.exe', darwin: 'Electron.app/Contents/MacOS/Electron' };

/** The Electron binary's path, or null when the package is installed without it. */
export function electronBinary() {
  try {
    const pkgDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : EXECUTABLE[process.platform];
    if (!name) return null;
    const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist');
    const binary = join(dist, name);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Electron fetches its binary on first use; try once unless the install said not to. */
function tryDownloadElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') return;
  try {
    const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
    spawnSync(process.execPath, [installer], { stdio: ['ignore', 'ignore', 'ignore'], timeout: 180_000 });
  } catch {
    // Reported below as a missing binary.
  }
}

export const MISSING_ELECTRON_MESSAGE =
  'The Electron binary is not installed on this machine (it was skipped with ELECTRON_SKIP_BINARY_DOWNLOAD=1, ' +
  'or its download failed), so the desktop window cannot open. Starting the same console in your browser ' +
  'instead (`npx winback serve --open`), at a private address on this computer. To get the desktop window, ' +
  'reinstall with network access to the Electron download (`npm install electron`).';

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!electronBinary()) tryDownloadElectron();
  const binary = electronBinary();
  if (!binary) {
    process.stderr.write(`${MISSING_ELECTRON_MESSAGE}\n`);
    const serve = spawn(process.execPath, [join(root, 'bin', 'winback.mjs'), 'serve', '--open', ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
    });
    // Ctrl+C reaches both through the terminal; a signal sent to this process alone is passed on, so
    // the server never outlives it.
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => serve.kill(signal));
    serve.on('exit', (code) => process.exit(code ?? 0));
  } else {
    startWindow(binary);
  }
}

function startWindow(binary) {
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
