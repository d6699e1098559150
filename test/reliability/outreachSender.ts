/**
 * The send crash test's worker: the console's outreach sender over the console's database, once
 * through what is due, then exit. The parent kills it with SIGKILL mid-batch. Usage: outreachSender.ts <db>
 */
import { writeSync } from 'node:fs';
import { createBackend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import { sendDue } from '../../electron/backend/outreach/sender';

const [dbPath] = process.argv.slice(2);
if (!dbPath) {
  process.stderr.write('usage: outreachSender.ts <db>\n');
  process.exit(2);
}
const backend = createBackend({ dbPath, log: silentLogger });
writeSync(1, 'ready\n');
const result = await sendDue(backend.deps, { sleep: () => Promise.resolve() });
writeSync(1, `done ${JSON.stringify(result)}\n`);
backend.close();
