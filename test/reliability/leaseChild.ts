/**
 * One person on the shared database for lease-processes.test.ts: waits for "go" on stdin, then asks
 * for the next customer `count` times as fast as it can (never completing), and prints the
 * customers it was given as one JSON line. Usage: leaseChild.ts <db> <person name> <count>
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { writeSync } from 'node:fs';
import { createBackend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import { startCall } from '../../electron/backend/call/session';
import { findPersonByName, insertPerson } from '../../db/repos/people';
import type { Person } from '../../shared/api/session';

const [dbPath, name, count] = process.argv.slice(2);
if (!dbPath || !name || !count) {
  process.stderr.write('usage: leaseChild.ts <db> <person name> <count>\n');
  process.exit(2);
}
const backend = createBackend({ dbPath, log: silentLogger });
const person: Person = backend.db.transaction(() => {
  const found = findPersonByName(backend.db, name, 'agent');
  if (found) return found;
  const made: Person = { id: randomUUID(), name, role: 'agent' };
  insertPerson(backend.db, made, new Date().toISOString());
  return made;
}).immediate();
writeSync(1, 'ready\n');
await once(process.stdin, 'data');
const got: string[] = [];
for (let i = 0; i < Number(count); i += 1) got.push(startCall(backend.deps, person, { next: true }).customer.externalId);
writeSync(1, `${JSON.stringify(got)}\n`);
backend.close();
process.exit(0);
