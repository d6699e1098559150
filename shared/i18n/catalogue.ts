import type { en } from './messages/en/index';
import type { Catalogue } from './pseudo';

/**
 * The catalogues: per language a folder in shared/i18n/messages/, one JSON file per area of the
 * console gathered by its index.ts, English the reference.
 * Keys name what a string is for (`queue.empty.agent`), grouped by domain, never the English words:
 * a better English wording then changes one value, not every language's key. Plurals follow
 * i18next's suffixes (`_one`, `_other`, and `_few`/`_many` where a language has them), resolved
 * with Intl.PluralRules.
 */
export type Messages = typeof en;

/** Every key of a catalogue, dotted, plural suffixes included: what the completeness test compares. */
export function catalogueKeys(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : catalogueKeys(value, `${prefix}${key}.`),
  );
}

/** The {{placeholders}} a message fills in; a translation must use the same ones. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1] ?? '').sort();
}

/** A value by its dotted key, or undefined. */
export function messageAt(catalogue: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

type PluralSuffix = '_zero' | '_one' | '_two' | '_few' | '_many' | '_other';
type WithoutPlural<K extends string> = K extends `${infer Base}${PluralSuffix}` ? Base : K;
/** Every dotted key of a part of the catalogue, a plural's forms as one key: what a caller may name. */
export type KeysOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? WithoutPlural<`${Prefix}${K}`> : KeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
