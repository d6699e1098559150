import type { Language } from './languages';

/** A manager's own name for a reason or a category, per language; a language left out has none. */
export type OwnNames = Partial<Record<Language, string>>;

/** What a manager named in other languages, by entry, with the entry's stored (canonical) name. */
export interface OwnNamesEntry {
  id: string;
  /** The name the database keeps for every language: how an entry known only by its text is found. */
  stored: string;
  names: OwnNames;
}

export interface TaxonomyNames {
  reasons: OwnNamesEntry[];
  categories: OwnNamesEntry[];
}

/** The longest name a manager may give in a language: the same bound as the stored name. */
export const MAX_OWN_NAME = 120;

export const NO_OWN_NAMES: TaxonomyNames = { reasons: [], categories: [] };

/**
 * The one rule for the name of a reason or a category a person reads in their language, wherever it
 * shows (the call, the queue, reports, exports): the manager's own name for that language if one was
 * given; else the stored name when a manager renamed the entry (it differs from the shipped default);
 * else the catalogue's words for the shipped default. Ids never change, so the hub merges by id
 * whichever of these a desk reads.
 */
export function nameToShow(own: string | undefined, stored: string, shippedDefault: string | undefined, catalogue: () => string): string {
  if (own !== undefined && own.trim() !== '') return own;
  return shippedDefault === stored ? catalogue() : stored;
}
