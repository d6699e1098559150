import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/open';
import { getPerson, insertPerson, findPersonByName, listPeople } from '../../../db/repos/people';
import { getSetting, setSetting, SETTING_KEYS } from '../../../db/repos/settings';
import { audit } from '../../../db/repos/audit';
import type { Person, Session } from '../../../shared/api/session';
import type { HandlerGroup } from '../types';
import type { ServiceDeps } from '../types';
import { loadDemo } from './demo';

export function currentUser(db: Db): Person | null {
  const id = getSetting<string>(db, SETTING_KEYS.currentUser);
  return (id && getPerson(db, id)) || null;
}

export function readSession(deps: ServiceDeps): Session {
  return {
    user: currentUser(deps.db),
    demo: getSetting<boolean>(deps.db, SETTING_KEYS.demo) ?? false,
    callingHoursEnforced: getSetting<boolean>(deps.db, SETTING_KEYS.callingHoursEnforced) ?? true,
    appVersion: deps.appVersion,
  };
}

/** First run: who uses this console. Reuses the person when the same name and role already exist. */
export function setupSession(deps: ServiceDeps, input: { name: string; role: Person['role'] }): Session {
  const now = deps.now().toISOString();
  deps.db.transaction(() => {
    let person = findPersonByName(deps.db, input.name, input.role);
    if (!person) {
      person = { id: randomUUID(), name: input.name, role: input.role };
      insertPerson(deps.db, person, now);
    }
    setSetting(deps.db, SETTING_KEYS.currentUser, person.id);
    audit(deps.db, { at: now, actorId: person.id, action: 'session.setup', entity: 'person', entityId: person.id });
  })();
  return readSession(deps);
}

export const sessionHandlers: HandlerGroup<'session.get' | 'session.setup' | 'people.list' | 'demo.load'> = {
  'session.get': (deps) => readSession(deps),
  'session.setup': (deps, input) => setupSession(deps, input),
  'people.list': (deps, input) => listPeople(deps.db, input.role),
  'demo.load': (deps, _input, ctx) => loadDemo(deps, ctx.user),
};
