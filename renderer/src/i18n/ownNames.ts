import i18next, { type TFunction } from 'i18next';
import { LANGUAGES } from '../../../shared/i18n/languages';
import type { OwnNamesEntry, TaxonomyNames } from '../../../shared/i18n/taxonomyNames';

/**
 * A manager's own reason and category names, kept as an i18next namespace of their own beside the
 * shipped catalogue: a `t` fixed to a language then finds the name given for that language, and
 * nothing for another (the catalogues never fall back to a second language). Changing them emits the
 * store's `added` event, on which every translated component renders again (src/i18n/index.ts).
 */
export const OWN_NAMES_NS = 'ownNames';
export type OwnKind = 'reasons' | 'categories';

let shown = JSON.stringify({ reasons: [], categories: [] } satisfies TaxonomyNames);
const idByStoredText: Record<OwnKind, Map<string, string>> = { reasons: new Map(), categories: new Map() };

/** Ids hold dots ("price.too-expensive"): nested like i18next's own keys, so `reasons.<id>` finds them. */
function nested(entries: OwnNamesEntry[], language: (typeof LANGUAGES)[number]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const entry of entries) {
    const name = entry.names[language];
    if (name === undefined) continue;
    const parts = entry.id.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      node = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : (node[part] = {});
    }
    node[parts[parts.length - 1] ?? entry.id] = name;
  }
  return root;
}

let pending: TaxonomyNames | null = null;

/** Puts these names on screen in every language, replacing the ones before; the same names again change nothing. */
export function showOwnNames(names: TaxonomyNames): void {
  const key = JSON.stringify(names);
  if (key === shown) return;
  shown = key;
  for (const kind of ['reasons', 'categories'] as const) {
    idByStoredText[kind] = new Map(names[kind].map((e) => [e.stored, e.id]));
  }
  pending = names;
  if (i18next.isInitialized) addPendingOwnNames();
}

/** Names given before the window's translator started wait for it (src/i18n/index.ts calls this once it has). */
export function addPendingOwnNames(): void {
  const names = pending;
  if (names === null) return;
  pending = null;
  for (const language of LANGUAGES) {
    i18next.addResourceBundle(language, OWN_NAMES_NS, { reasons: nested(names.reasons, language), categories: nested(names.categories, language) }, false, true);
  }
}

/** The manager's name for this entry in the translator's language, if they gave one. */
export function ownName(t: TFunction, kind: OwnKind, id: string): string | undefined {
  const found = (t as unknown as (k: string, o: Record<string, unknown>) => unknown)(`${kind}.${id}`, { ns: OWN_NAMES_NS, defaultValue: '' });
  return typeof found === 'string' && found !== '' ? found : undefined;
}

/** An entry known only by its stored text (an earlier call in a briefing) that has own names. */
export function ownNamedId(kind: OwnKind, stored: string): string | undefined {
  return idByStoredText[kind].get(stored);
}
