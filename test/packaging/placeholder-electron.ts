import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A stand-in for Electron's Linux distribution folder, for packaging checks on machines without the
 * Electron binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1). It cannot run anything: the
 * "binary" is a shell script that exits with an error. It carries Electron's fuse wire (the sentinel
 * @electron/fuses looks for, then version 1 and eight fuses in Electron's default states), so
 * electron-builder flips the fuses exactly as it would in the real binary and the test can read
 * them back.
 */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults: RunAsNode, cookie encryption off, NODE_OPTIONS, inspect, integrity off, asar-only off, snapshot off, file privileges on. */
const DEFAULT_FUSES = '10110001';

export function writePlaceholderElectron(dir: string, version: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const script = [
    '#!/bin/sh',
    'echo "Placeholder Electron used by the packaging test: it cannot run the console." >&2',
    'exit 1',
    `# ${FUSE_SENTINEL}\u0001\u0008${DEFAULT_FUSES}`,
    '',
  ].join('\n');
  writeFileSync(join(dir, 'electron'), script, 'latin1');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), version);
  writeFileSync(join(dir, 'LICENSE'), 'Placeholder for the packaging test.\n');
  return dir;
}
