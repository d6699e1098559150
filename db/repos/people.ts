import type { Db } from '../open';
import { prepared } from '../statements';
import { getSetting, SETTING_KEYS } from './settings';
import type { Role } from '../../shared/domain/roles';
import type { Person } from '../../shared/api/session';

interface PersonRow {
  id: string;
  name: string;
  role: Role;
}

export function insertPerson(db: Db, person: Person, now: string): void {
  db.prepare('INSERT INTO people (id, name, role, created_at) VALUES (?, ?, ?, ?)').run(
    person.id,
    person.name,
    person.role,
    now,
  );
}

export function getPerson(db: Db, id: string): Person | undefined {
  return prepared(db, 'SELECT id, name, role FROM people WHERE id = ?').get(id) as PersonRow | undefined;
}

export function findPersonByName(db: Db, name: string, role: Role): Person | undefined {
  return db
    .prepare('SELECT id, name, role FROM people WHERE name = ? AND role = ?')
    .get(name, role) as PersonRow | undefined;
}

export function listPeople(db: Db, role?: Role): Person[] {
  const rows =
    role === undefined
      ? db.prepare('SELECT id, name, role FROM people ORDER BY name').all()
      : db.prepare('SELECT id, name, role FROM people WHERE role = ? ORDER BY name').all(role);
  return rows as PersonRow[];
}

/** The person using the desk now, or null before the first-run set-up. */
export function currentUser(db: Db): Person | null {
  const id = getSetting<string>(db, SETTING_KEYS.currentUser);
  return (id && getPerson(db, id)) || null;
}
