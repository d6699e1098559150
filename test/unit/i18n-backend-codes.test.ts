import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/messages/en/index';
import { es } from '../../shared/i18n/messages/es/index';
import { de } from '../../shared/i18n/messages/de/index';
import { fr } from '../../shared/i18n/messages/fr/index';
import { messageAt } from '../../shared/i18n/catalogue';
import type { Catalogue } from '../../shared/i18n/pseudo';
import { LANGUAGES, type Language } from '../../shared/i18n/languages';
import { appError } from '../../electron/backend/i18n/errors';
import { inLanguage } from '../../electron/backend/i18n';
import { say } from '../../electron/backend/i18n/said';
import { call, callResult, signIn, testBackend } from '../helpers/backend';

const CATALOGUES: Record<Language, Catalogue> = { en, es, de, fr };
const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Every sentence key the core names in its source: an error's (`appError(code, 'call.notFound')`,
 * under `errors.`) and any other sentence's (`said('why.queued.lost')`). A key built from a value
 * (`said(\`role.${role}\`)`) is checked by its fixed part, which must lead to a group of keys.
 */
function keysInSource(): { exact: Set<string>; prefixes: Set<string> } {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  const files = [...sources(join(ROOT, 'electron', 'backend')), ...sources(join(ROOT, 'shared')), ...sources(join(ROOT, 'db'))];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/appError\(\s*'\w+',\s*(?:[^'`)]*\?\s*)?'([\w.]+)'(?:\s*:\s*'([\w.]+)')?/g)) {
      for (const key of [m[1], m[2]]) if (key) exact.add(`errors.${key}`);
    }
    for (const m of text.matchAll(/'((?:errors|why)\.[\w.]+)'/g)) if (m[1]) exact.add(m[1]);
    for (const m of text.matchAll(/said\(\s*'([\w.]+)'/g)) if (m[1]) exact.add(m[1]);
    for (const m of text.matchAll(/said\(\s*`([\w.]+)\$\{/g)) if (m[1]) prefixes.add(m[1].replace(/\.$/, ''));
  }
  return { exact, prefixes };
}

/** A key is there when its plain form or its plural forms are. */
function has(catalogue: Catalogue, key: string): boolean {
  return messageAt(catalogue, key) !== undefined || messageAt(catalogue, `${key}_other`) !== undefined;
}

function group(catalogue: Catalogue, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalogue);
}

describe("the core's sentences by key", () => {
  const { exact, prefixes } = keysInSource();

  it('finds the errors and sentences the core says (the scan reads the source, not nothing)', () => {
    const errors = [...exact].filter((k) => k.startsWith('errors.'));
    expect(errors.length).toBeGreaterThan(150);
    expect(exact).toContain('errors.customer.notFound');
    expect(exact).toContain('why.queued.sentence');
    expect(prefixes).toContain('role');
  });

  for (const language of LANGUAGES) {
    it(`${language}: has a message for every key the core uses`, () => {
      const missing = [...exact].filter((key) => !has(CATALOGUES[language], key));
      expect(missing).toEqual([]);
      const emptyGroups = [...prefixes].filter((prefix) => typeof group(CATALOGUES[language], prefix) !== 'object');
      expect(emptyGroups).toEqual([]);
    });
  }

  it('makes every error a person reads from a catalogue key, never from English words built elsewhere', () => {
    const own = join(ROOT, 'electron', 'backend', 'i18n', 'errors.ts');
    const made = sources(join(ROOT, 'electron', 'backend'))
      .filter((file) => file !== own)
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => (/new AppError\(/.test(line) ? [`${file.slice(ROOT.length + 1)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(made).toEqual([]);
  });

  it('keeps the English words for the command line and sends the key for the window', () => {
    const error = appError('not_found', 'customer.notFound', { id: '42' });
    expect(error.message).toBe('No customer with id 42.');
    expect(error.said).toEqual({ key: 'errors.customer.notFound', params: { id: '42' } });
  });

  it('says an amount in the organisation’s currency as each language writes it', () => {
    const lost = { key: 'why.queued.lost', params: { lost: { amount: 1234.5, currency: 'EUR' } } };
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(say(lost, 'en'))).toBe('€1,234.50/month lost');
    expect(plain(say(lost, 'de'))).toBe('1.234,50 € pro Monat verloren');
    expect(plain(say(lost, 'es'))).toBe('1234,50 € al mes perdidos');
    expect(plain(say(lost, 'fr'))).toBe('1 234,50 € par mois perdus');
  });

  it('answers a failed call in the language of the person who made it, with the key beside it', async () => {
    const b = testBackend();
    try {
      await signIn(b.dispatch, { name: 'Ana Agente', role: 'agent' });
      await call(b.dispatch, 'locale.setLanguage', { language: 'es' });
      // The caller's language is the person's, whatever language the process runs in.
      const r = await inLanguage('en', () => callResult(b.dispatch, 'customers.get', { id: 999 }));
      expect(r).toEqual({
        ok: false,
        error: { code: 'not_found', message: 'No hay ningún cliente con el id 999.', said: { key: 'errors.customer.notFound', params: { id: '999' } } },
      });
    } finally {
      b.dispose();
    }
  });
});
