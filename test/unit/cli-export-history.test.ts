import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillCallHistory } from '../../bench/lib/callHistory';
import { openDatabase } from '../../db/open';
import { tempDir } from '../helpers/backend';

/**
 * A year of generated calls exported by the command line, byte for byte as the export wrote them
 * before it was made faster. Two processes over 3,000 calls: a thorough check, run by
 * `npm run test:slow`; export-output.test.ts keeps the awkward values' bytes in `npm test`.
 */
const root = join(import.meta.dirname, '..', '..');
const winback = (args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin', 'winback.mjs'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

describe('a year of generated calls exports as before', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.dispose());

  it('writes the same bytes for 3,000 calls', () => {
    const dbPath = join(tmp.dir, 'history.db');
    const db = openDatabase(dbPath);
    fillCallHistory(db, 3000);
    db.close();
    const out = join(tmp.dir, 'calls.csv');
    const r = winback(['export', 'calls', '--db', dbPath, '--out', out]);
    expect(r.status).toBe(0);
    const cli = winback(['export', 'calls', '--db', dbPath]);
    expect(readFileSync(out, 'utf8')).toBe(cli.stdout);
    const digest = createHash('sha256').update(cli.stdout, 'utf8').digest('hex');
    expect({ lines: cli.stdout.split('\r\n').length, bytes: Buffer.byteLength(cli.stdout), digest }).toMatchInlineSnapshot(`
      {
        "bytes": 754462,
        "digest": "ca37b064c3b103b40b30a03a0389575706dc3fe07a0bb8fec6381610757cb951",
        "lines": 3002,
      }
    `);
  });
});
