/**
 * The crash test's worker: opens the console's database the way the console does and loops through
 * the workloads, printing "ack <json>" only after each piece of work has committed. The parent
 * kills it with SIGKILL at a random moment. Usage: child.ts <db> <first index> <workload,...>
 */
import { writeSync } from 'node:fs';
import { createBackend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import { workload } from './workloads';

const [dbPath, start, names] = process.argv.slice(2);
if (!dbPath || !start || !names) {
  process.stderr.write('usage: child.ts <db> <first index> <workload,...>\n');
  process.exit(2);
}
const workloads = names.split(',').map(workload);
const backend = createBackend({ dbPath, log: silentLogger });
// writeSync: the acknowledgement is in the pipe before the next piece of work starts.
writeSync(1, 'ready\n');

for (let i = Number(start); ; i += 1) {
  for (const w of workloads) {
    const id = await w.run(backend.deps, i);
    if (id !== null) writeSync(1, `ack ${JSON.stringify({ w: w.name, id })}\n`);
  }
}
