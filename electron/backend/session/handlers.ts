import { listPeople } from '../../../db/repos/people';
import type { HandlerGroup } from '../types';
import { loadDemo } from './demo';
import { readSession, setManagerPassphrase, setupSession, switchPerson } from './person';

export { currentUser, readSession, setupSession } from './person';

export const sessionHandlers: HandlerGroup<'session.get' | 'session.setup' | 'session.switch' | 'session.passphrase.set' | 'people.list' | 'demo.load'> = {
  'session.get': (deps) => readSession(deps),
  'session.setup': (deps, input) => setupSession(deps, input),
  'session.switch': (deps, input, ctx) => switchPerson(deps, input, ctx.user),
  'session.passphrase.set': async (deps, input, ctx) => {
    await setManagerPassphrase(deps, input.passphrase, ctx.user);
    return { set: true };
  },
  'people.list': (deps, input) => listPeople(deps.db, input.role),
  'demo.load': (deps, _input, ctx) => loadDemo(deps, ctx.user),
};
