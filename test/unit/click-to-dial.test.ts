import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { checkPhoneNumber, dialUrl, DIAL_SCHEMES } from '../../shared/domain/phone';
import { isDialUrl, openDialUrl } from '../../electron/main/dial';
import { createBackend } from '../../electron/backend/create';
import { silentLogger } from '../../electron/backend/logger';
import type { DesktopShell } from '../../electron/backend/types';
import { call, callResult, tempDir, signIn } from '../helpers/backend';
import { join } from 'node:path';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function desktopBackend(desktop?: DesktopShell) {
  const temp = tempDir();
  const backend = createBackend({ dbPath: join(temp.dir, 'winback.db'), log: silentLogger, ...(desktop ? { desktop } : {}) });
  cleanups.push(() => {
    backend.close();
    temp.dispose();
  });
  return backend;
}

function recordingDesktop(fail = false) {
  const opened: string[] = [];
  const desktop: DesktopShell = {
    openDialUrl: (url) => {
      opened.push(url);
      return fail ? Promise.reject(new Error('no handler')) : Promise.resolve();
    },
    applyTheme: () => undefined,
  };
  return { desktop, opened };
}

describe('phone number validation', () => {
  it('accepts numbers written the usual ways and gives their dialable form', () => {
    expect(checkPhoneNumber('+1 (555) 010-0100')).toEqual({ ok: true, dialable: '+15550100100' });
    expect(checkPhoneNumber(' 030 1234 5678 ')).toEqual({ ok: true, dialable: '03012345678' });
    expect(checkPhoneNumber('555-0100')).toEqual({ ok: true, dialable: '5550100' });
  });

  it('refuses anything else with the reason', () => {
    const reasons = {
      '': 'There is no phone number.',
      '+1 555 0100 ext 12': 'A phone number may contain only digits, spaces, +, - and parentheses.',
      '555;phone-context=evil': 'A phone number may contain only digits, spaces, +, - and parentheses.',
      '5550100@attacker.test': 'A phone number may contain only digits, spaces, +, - and parentheses.',
      '555+0100': 'A + may only begin a phone number.',
      '(555 0100': 'The parentheses in this phone number do not match.',
      '((555)) 0100': 'The parentheses in this phone number do not match.',
      '12': 'A phone number has between 3 and 17 digits.',
      '123456789012345678': 'A phone number has between 3 and 17 digits.',
      '1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7': 'A phone number is at most 32 characters.',
    };
    for (const [raw, reason] of Object.entries(reasons)) expect(checkPhoneNumber(raw)).toMatchObject({ ok: false, reason });
  });

  it('builds only URLs the main-process allow-list accepts, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom(...DIAL_SCHEMES), (raw, scheme) => {
        const check = checkPhoneNumber(raw);
        if (check.ok) expect(isDialUrl(dialUrl(check.dialable, scheme))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9 ()-]{3,32}$/), (raw) => {
        const check = checkPhoneNumber(raw);
        if (check.ok) expect(dialUrl(check.dialable, 'tel')).toMatch(/^tel:\+?\d{3,17}$/);
      }),
    );
  });
});

describe('the dial allow-list in the main process', () => {
  it('lets through tel:, sip: and callto: with a bare number only', () => {
    for (const ok of ['tel:+15550100', 'sip:5550100', 'callto:+441234567890']) expect(isDialUrl(ok)).toBe(true);
    for (const bad of [
      'https://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'tel:+1555;ext=1',
      'tel:5550100?body=x',
      'tel:5550100#x',
      'sip:5550100@attacker.test',
      'sip:user:pw@host',
      'tel:12',
      'smb://server/share',
      'TEL:not-a-number',
    ]) {
      expect(isDialUrl(bad), bad).toBe(false);
    }
  });

  it('never hands a refused URL to the system', async () => {
    const openExternal = vi.fn(() => Promise.resolve());
    await expect(openDialUrl('ms-settings:privacy', openExternal)).rejects.toThrow(/allow-list/);
    await openDialUrl('tel:+15550100', openExternal);
    expect(openExternal.mock.calls).toEqual([['tel:+15550100']]);
  });
});

describe('the dial.open channel', () => {
  it('opens the number with the desk scheme and answers which one', async () => {
    const { desktop, opened } = recordingDesktop();
    const { dispatch } = desktopBackend(desktop);
    await signIn(dispatch, { name: 'Ann', role: 'agent' });
    expect(await call(dispatch, 'dial.open', { number: '+1 (555) 010-0100' })).toEqual({ scheme: 'tel' });
    await call(dispatch, 'preferences.set', { dialScheme: 'sip' });
    expect(await call(dispatch, 'dial.open', { number: '555-0100' })).toEqual({ scheme: 'sip' });
    expect(opened).toEqual(['tel:+15550100100', 'sip:5550100']);
  });

  it('refuses a bad number with the reason and opens nothing', async () => {
    const { desktop, opened } = recordingDesktop();
    const { dispatch } = desktopBackend(desktop);
    await signIn(dispatch, { name: 'Ann', role: 'agent' });
    const r = await callResult(dispatch, 'dial.open', { number: '555;phone-context=x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'A phone number may contain only digits, spaces, +, - and parentheses.', field: 'number' } });
    expect(opened).toEqual([]);
  });

  it('says plainly when no app answers the link', async () => {
    const { desktop } = recordingDesktop(true);
    const { dispatch } = desktopBackend(desktop);
    await signIn(dispatch, { name: 'Ann', role: 'agent' });
    expect(await callResult(dispatch, 'dial.open', { number: '555-0100' })).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringMatching(/^No app on this computer answers tel: links/) as unknown },
    });
  });

  it('is refused outside the desktop console, where the browser follows the tel: link itself', async () => {
    const { dispatch } = desktopBackend();
    await signIn(dispatch, { name: 'Ann', role: 'agent' });
    expect(await callResult(dispatch, 'dial.open', { number: '555-0100' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
