import type { Db } from '../open';

export interface Cycle {
  id: string;
  name: string;
  kind: 'monthly' | 'quarterly';
  startsOn: string;
  endsOn: string;
}

interface CycleRow {
  id: string;
  name: string;
  kind: 'monthly' | 'quarterly';
  starts_on: string;
  ends_on: string;
}

const toCycle = (r: CycleRow): Cycle => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
});

export function upsertCycle(db: Db, cycle: Cycle, now: string): void {
  db.prepare(
    `INSERT INTO cycles (id, name, kind, starts_on, ends_on, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO NOTHING`,
  ).run(cycle.id, cycle.name, cycle.kind, cycle.startsOn, cycle.endsOn, now);
}

export function listCycles(db: Db): Cycle[] {
  return (db.prepare('SELECT * FROM cycles ORDER BY starts_on DESC').all() as CycleRow[]).map(toCycle);
}

export function getCycle(db: Db, id: string): Cycle | undefined {
  const row = db.prepare('SELECT * FROM cycles WHERE id = ?').get(id) as CycleRow | undefined;
  return row && toCycle(row);
}
