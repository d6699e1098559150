import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import { loadDemo } from '../../electron/backend/session/demo';
import { startSyncLoop } from '../../electron/backend/sync/loop';
import { damagePages } from '../helpers/damage';
import { tempDir } from '../helpers/backend';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('the sync loop on a damaged database', () => {
  it('starts and stops without touching the file, so the console can still offer its backups', async () => {
    const t = tempDir();
    cleanup = t.dispose;
    const dbPath = join(t.dir, 'w.db');
    const healthy = createBackend({ dbPath, log: silentLogger });
    loadDemo(healthy.deps, null);
    healthy.close();
    damagePages(dbPath);

    const backend = createBackend({ dbPath, log: silentLogger, recovery: true });
    try {
      expect(backend.database.damaged()).toBe(true);
      const loop = startSyncLoop(backend.deps, { idleMs: 10 });
      loop.nudge();
      await expect(loop.stop()).resolves.toBeUndefined();
    } finally {
      backend.close();
    }
  });
});
