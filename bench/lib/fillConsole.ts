import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The console after an import, made by the checkout's own code (in its own process, so its own
 * migrations): the customers, an agent set up, the selection pass done. bench/chromium.ts fills its
 * own console so too, with this checkout as `root`.
 */
export function fillConsole(root: string, dbPath: string, customers: number, dir: string): void {
  const script = join(dir, `fill-${customers}-${Math.random().toString(36).slice(2)}.mts`);
  const from = (file: string) => JSON.stringify(join(root, file));
  writeFileSync(
    script,
    `import { openDatabase } from ${from('db/open.ts')};
import { createBackend } from ${from('electron/backend/create.ts')};
import { silentLogger } from ${from('electron/backend/logger.ts')};
import { fillDeparted } from ${from('bench/lib/fixtures.ts')};
const dbPath = ${JSON.stringify(dbPath)};
const fill = openDatabase(dbPath);
fillDeparted(fill, ${customers}, new Date('2026-11-16T15:00:00Z'));
fill.close();
const backend = createBackend({ dbPath, log: silentLogger });
const session = await backend.dispatch('session.setup', { name: 'Bench Agent 0', role: 'agent' });
const warm = await backend.dispatch('queue.list', { limit: 1 });
backend.close();
if (!session.ok || !warm.ok) throw new Error('the console could not be set up for the benchmark');
`,
  );
  const done = spawnSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (done.status !== 0) throw new Error(`filling the console with ${root}'s code failed (exit ${String(done.status)}).`);
}

