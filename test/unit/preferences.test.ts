import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import type { Theme } from '../../shared/api/preferences';
import { setSetting } from '../../db/repos/settings';
import { PREFERENCE_SETTING_KEYS } from '../../electron/backend/preferences/handlers';
import { call, callResult, tempDir, signIn } from '../helpers/backend';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function backend() {
  const temp = tempDir();
  const themes: Theme[] = [];
  const dbPath = join(temp.dir, 'winback.db');
  const b = createBackend({
    dbPath,
    log: silentLogger,
    desktop: { openDialUrl: () => Promise.resolve(), applyTheme: (t) => themes.push(t) },
  });
  cleanups.push(() => {
    b.close();
    temp.dispose();
  });
  return { ...b, themes, dbPath };
}

describe('desk preferences', () => {
  it('start at the system theme and the tel: scheme, readable before first run', async () => {
    const { dispatch } = backend();
    expect(await call(dispatch, 'preferences.get', {})).toEqual({ theme: 'system', dialScheme: 'tel' });
  });

  it('are saved in the console settings, survive a restart, and reach the native theme', async () => {
    const b = backend();
    await signIn(b.dispatch, { name: 'Ann', role: 'agent' });
    expect(await call(b.dispatch, 'preferences.set', { theme: 'dark' })).toEqual({ theme: 'dark', dialScheme: 'tel' });
    await call(b.dispatch, 'preferences.set', { dialScheme: 'callto' });
    expect(b.themes).toEqual(['dark']);
    b.close();
    const again = createBackend({ dbPath: b.dbPath, log: silentLogger });
    cleanups.unshift(() => again.close());
    expect(await call(again.dispatch, 'preferences.get', {})).toEqual({ theme: 'dark', dialScheme: 'callto' });
  });

  it('refuse unknown values and empty changes, changing nothing', async () => {
    const { dispatch } = backend();
    await signIn(dispatch, { name: 'Ann', role: 'agent' });
    expect(await callResult(dispatch, 'preferences.set', { theme: 'purple' } as never)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await callResult(dispatch, 'preferences.set', { dialScheme: 'javascript' } as never)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await callResult(dispatch, 'preferences.set', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Say which preference to change.' } });
    expect(await call(dispatch, 'preferences.get', {})).toEqual({ theme: 'system', dialScheme: 'tel' });
  });

  it('need a person to change them', async () => {
    const { dispatch } = backend();
    expect(await callResult(dispatch, 'preferences.set', { theme: 'light' })).toMatchObject({ ok: false, error: { code: 'not_set_up' } });
  });

  it('fall back to the defaults when a stored value no longer makes sense', async () => {
    const { dispatch, db } = backend();
    setSetting(db, PREFERENCE_SETTING_KEYS.theme, 'sepia');
    setSetting(db, PREFERENCE_SETTING_KEYS.dialScheme, 42);
    expect(await call(dispatch, 'preferences.get', {})).toEqual({ theme: 'system', dialScheme: 'tel' });
  });
});
