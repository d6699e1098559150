import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, signIn, testBackend, type TestBackend } from '../helpers/backend';

let b: TestBackend;

beforeEach(async () => {
  b = testBackend();
  await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
});
afterEach(() => b.dispose());

const storedName = (id: string) => b.db.prepare('SELECT name FROM reasons WHERE id = ?').pluck().get(id);

describe("a manager's own reason names per language, through the API", () => {
  it('keeps the stored name, trims the names, drops blank languages, and lets every desk read them', async () => {
    const names = await call(b.dispatch, 'taxonomy.saveNames', {
      kind: 'reason',
      id: 'price.too-expensive',
      names: { en: '  ', es: ' Nos sale caro ', de: '', fr: 'Trop cher pour nous' },
    });
    expect(names.reasons).toEqual([{ id: 'price.too-expensive', stored: 'Too expensive', names: { es: 'Nos sale caro', fr: 'Trop cher pour nous' } }]);
    expect(storedName('price.too-expensive')).toBe('Too expensive');
    await call(b.dispatch, 'taxonomy.saveNames', { kind: 'category', id: 'price', names: { de: 'Preis' } });

    // An agent's desk reads them too: the names show wherever a reason does.
    await signIn(b.dispatch, { name: 'Ann Agent', role: 'agent' });
    expect(await call(b.dispatch, 'taxonomy.names', {})).toEqual({
      reasons: [{ id: 'price.too-expensive', stored: 'Too expensive', names: { es: 'Nos sale caro', fr: 'Trop cher pour nous' } }],
      categories: [{ id: 'price', stored: 'Price / value for money', names: { de: 'Preis' } }],
    });
    // ...but only a manager names them.
    expect(await callResult(b.dispatch, 'taxonomy.saveNames', { kind: 'reason', id: 'price.too-expensive', names: {} })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await signIn(b.dispatch, { name: 'Mia Manager', role: 'manager' });
    // All blank: the reason has no own names left.
    expect((await call(b.dispatch, 'taxonomy.saveNames', { kind: 'reason', id: 'price.too-expensive', names: { es: '', fr: ' ' } })).reasons).toEqual([]);
    expect(b.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'taxonomy.%' ORDER BY id").pluck().all()).toEqual([
      'taxonomy.reason.names',
      'taxonomy.category.names',
      'taxonomy.reason.names',
    ]);
  });

  it('refuses a name too long, in the manager’s language naming the language, and an unknown reason, changing nothing', async () => {
    await call(b.dispatch, 'taxonomy.saveNames', { kind: 'reason', id: 'price.too-expensive', names: { es: 'Nos sale caro' } });
    await call(b.dispatch, 'locale.setLanguage', { language: 'de' });
    expect(await callResult(b.dispatch, 'taxonomy.saveNames', { kind: 'reason', id: 'price.too-expensive', names: { es: 'Caro', fr: 'x'.repeat(121) } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Der Name auf Französisch hat 121 Zeichen; ein Name hat höchstens 120.' },
    });
    expect(await callResult(b.dispatch, 'taxonomy.saveNames', { kind: 'reason', id: 'price.gone', names: { es: 'Caro' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await callResult(b.dispatch, 'taxonomy.saveNames', { kind: 'reason', id: 'price.too-expensive', names: { it: 'Troppo caro' } } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect((await call(b.dispatch, 'taxonomy.names', {})).reasons).toEqual([{ id: 'price.too-expensive', stored: 'Too expensive', names: { es: 'Nos sale caro' } }]);
  });
});
