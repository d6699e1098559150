import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/open';
import { currentUser, insertPerson, findPersonByName } from '../../../db/repos/people';
import { getSetting, setSetting, SETTING_KEYS } from '../../../db/repos/settings';
import { audit } from '../../../db/repos/audit';
import type { AppError } from '../../../shared/api/result';
import type { Person, Session } from '../../../shared/api/session';
import { ROLES, type Role } from '../../../shared/domain/roles';
import { said } from '../../../shared/i18n/said';
import type { ServiceDeps } from '../types';
import { hashPassphrase, hasManagerPassphrase, managerPassphraseMatches, storePassphraseHash } from './passphrase';
import { hubTokenRole } from './hubRole';
import { appError } from '../i18n/errors';
import { adoptCustomerLanguage } from '../locale/settings';

export { currentUser };

/**
 * Who uses the desk. The first-run set-up happens once; after it, the person (and so the role)
 * changes only through Switch person, which never gives the desk a role a manager has not given it.
 */
export const DESK_ROLES_KEY = 'session.deskRoles';

export function readSession(deps: ServiceDeps): Session {
  return {
    user: currentUser(deps.db),
    demo: getSetting<boolean>(deps.db, SETTING_KEYS.demo) ?? false,
    callingHoursEnforced: getSetting<boolean>(deps.db, SETTING_KEYS.callingHoursEnforced) ?? true,
    appVersion: deps.appVersion,
  };
}

/** The roles a manager has given this desk (its first person's role, and any granted since). */
export function deskRoles(db: Db): Role[] {
  const stored = getSetting<unknown>(db, DESK_ROLES_KEY);
  if (Array.isArray(stored)) return ROLES.filter((r) => stored.includes(r));
  // A desk set up before roles were recorded has been given its person's role.
  const user = currentUser(db);
  return user ? [user.role] : [];
}

function giveRole(db: Db, role: Role): void {
  const roles = new Set(deskRoles(db));
  roles.add(role);
  setSetting(db, DESK_ROLES_KEY, ROLES.filter((r) => roles.has(r)));
}

/** Makes `input` the desk's person (reusing one of the same name and role), with its audit entry. */
export function choosePerson(deps: ServiceDeps, input: { name: string; role: Role }, action: 'session.setup' | 'session.switch', from: Person | null): Person {
  const now = deps.now().toISOString();
  let person = findPersonByName(deps.db, input.name, input.role);
  if (!person) {
    person = { id: randomUUID(), name: input.name, role: input.role };
    insertPerson(deps.db, person, now);
  }
  setSetting(deps.db, SETTING_KEYS.currentUser, person.id);
  giveRole(deps.db, person.role);
  audit(deps.db, { at: now, actorId: person.id, action, entity: 'person', entityId: person.id, detail: from ? { fromPersonId: from.id, fromRole: from.role } : undefined });
  return person;
}

/**
 * First run: who uses this console. Runs once: once someone is set up, a second call is refused
 * (it would otherwise hand anyone the role they ask for). A manager may set the desk's manager
 * passphrase here; it is derived before the transaction, so the check and the write stay together.
 */
export async function setupSession(deps: ServiceDeps, input: { name: string; role: Role; managerPassphrase?: string | undefined }): Promise<Session> {
  const refuseIfSetUp = () => {
    const user = currentUser(deps.db);
    if (user) {
      throw appError('conflict', 'session.alreadySetUp', { name: user.name, role: said(`role.${user.role}`) });
    }
  };
  refuseIfSetUp();
  if (input.managerPassphrase !== undefined && input.role !== 'manager') {
    throw appError('invalid_input', 'session.passphraseManagerOnly');
  }
  const hash = input.managerPassphrase === undefined ? null : await hashPassphrase(input.managerPassphrase);
  deps.db.transaction(() => {
    refuseIfSetUp();
    const person = choosePerson(deps, input, 'session.setup', null);
    // The first manager's language is the company's to its customers until a manager changes it (Admin).
    if (person.role === 'manager') adoptCustomerLanguage(deps.db, person.id);
    if (hash) storePassphraseHash(deps.db, hash);
  })();
  return readSession(deps);
}

/** Wrong passphrases in a row before the desk stops trying them, and for how long. */
export const PASSPHRASE_TRIES = 5;
export const PASSPHRASE_LOCKOUT_MS = 5 * 60 * 1000;
const FAILURES_KEY = 'session.passphraseFailures';

interface Failures {
  count: number;
  lockedUntil: string | null;
}

/**
 * Checks a passphrase, counting wrong ones: after PASSPHRASE_TRIES in a row the desk takes none for
 * PASSPHRASE_LOCKOUT_MS, so guessing at the desk (or through a script on it) gets a handful of
 * tries every few minutes, on top of scrypt's cost.
 */
async function passphraseAccepted(deps: ServiceDeps, passphrase: string, from: Person): Promise<boolean> {
  const now = deps.now();
  const failures = getSetting<Failures>(deps.db, FAILURES_KEY) ?? { count: 0, lockedUntil: null };
  if (failures.lockedUntil !== null && failures.lockedUntil > now.toISOString()) {
    throw appError('forbidden', 'session.lockedOut', { until: failures.lockedUntil.slice(11, 16) });
  }
  if (await managerPassphraseMatches(deps.db, passphrase)) {
    setSetting(deps.db, FAILURES_KEY, { count: 0, lockedUntil: null });
    return true;
  }
  const count = (failures.lockedUntil === null ? failures.count : 0) + 1;
  const lockedUntil = count >= PASSPHRASE_TRIES ? new Date(now.getTime() + PASSPHRASE_LOCKOUT_MS).toISOString() : null;
  deps.db.transaction(() => {
    setSetting(deps.db, FAILURES_KEY, { count, lockedUntil });
    audit(deps.db, { at: now.toISOString(), actorId: from.id, action: 'session.passphrase.wrong', entity: 'settings', detail: { count } });
  })();
  return false;
}

/** Why the desk may take `role` now, or null when nothing allows it. */
async function authority(deps: ServiceDeps, role: Role, from: Person, passphrase: string | undefined): Promise<string | null> {
  // The manager role is never merely "given" to a desk: someone must prove it each time.
  if (role !== 'manager' && deskRoles(deps.db).includes(role)) return 'desk role';
  if (from.role === 'manager') return 'manager present';
  if (passphrase !== undefined && (await passphraseAccepted(deps, passphrase, from))) return 'passphrase';
  const hubRole = await hubTokenRole(deps);
  if (hubRole === 'manager' || hubRole === role) return 'hub token';
  return null;
}

function refusal(deps: ServiceDeps, role: Role, passphrase: string | undefined): AppError {
  const params = { role: said(`role.${role}`) };
  if (passphrase !== undefined) return appError('forbidden', 'session.wrongPassphrase', params);
  if (!hasManagerPassphrase(deps.db)) return appError('forbidden', 'session.roleNotGivenNoPassphrase', params);
  return appError('forbidden', 'session.roleNotGiven', params);
}

/**
 * Switch person: hands the desk to another person. A role the desk has been given (agent or
 * executive) needs nothing more; the manager role, or a role the desk does not have, needs a
 * manager signed in, the manager passphrase, or a hub token (set by a manager) of that role.
 */
export async function switchPerson(deps: ServiceDeps, input: { name: string; role: Role; passphrase?: string | undefined }, from: Person): Promise<Session> {
  const why = await authority(deps, input.role, from, input.passphrase);
  if (why === null) throw refusal(deps, input.role, input.passphrase);
  deps.db.transaction(() => {
    // The person may have changed while the passphrase was checked: only the one who asked is replaced.
    if (currentUser(deps.db)?.id !== from.id) throw appError('conflict', 'session.switchedMeanwhile');
    choosePerson(deps, input, 'session.switch', from);
  })();
  return readSession(deps);
}

/** A manager sets (or changes) the desk's manager passphrase. */
export async function setManagerPassphrase(deps: ServiceDeps, passphrase: string, by: Person): Promise<void> {
  const hash = await hashPassphrase(passphrase);
  deps.db.transaction(() => {
    storePassphraseHash(deps.db, hash);
    audit(deps.db, { at: deps.now().toISOString(), actorId: by.id, action: 'session.passphrase.set', entity: 'settings' });
  })();
}
