import type { TFunction } from 'i18next';
import type { CallDetail, CallSession, Offer, TaxonomyCategory } from '../../../shared/api/call';
import { DEFAULT_OFFERS } from '../../../shared/domain/offers';
import { DEFAULT_TAXONOMY } from '../../../shared/domain/taxonomy';
import { nameToShow } from '../../../shared/i18n/taxonomyNames';
import { ownName, ownNamedId } from './ownNames';

/**
 * The content the console ships (the reason taxonomy, the offers) in the person's language.
 * The database keeps one canonical text per id, in English, and the hub merges reasons and offers by
 * id, whatever language each desk runs; so the words are swapped only on screen: a default reason
 * still carrying its default text shows the catalogue's `content.reasons.<id>`. Once a manager
 * renames it, or for a reason or offer the manager added, the stored text is theirs and shows as
 * written, unless the manager gave the reason or category a name of its own in the person's language
 * (`nameToShow`, the one rule; ./ownNames.ts).
 */
const CATEGORIES = new Map(DEFAULT_TAXONOMY.map((c) => [c.id, c]));
const REASONS = new Map(DEFAULT_TAXONOMY.flatMap((c) => c.reasons.map((r) => [r.id, r.name] as const)));
const OFFERS = new Map(DEFAULT_OFFERS.map((o) => [o.id, o]));
/** Earlier calls in a briefing carry the reason's and the offer's text only, not their ids. */
const REASON_BY_TEXT = new Map([...REASONS].map(([id, name]) => [name, id] as const));
const CATEGORY_BY_TEXT = new Map(DEFAULT_TAXONOMY.map((c) => [c.name, c.id] as const));
const OFFER_BY_TEXT = new Map(DEFAULT_OFFERS.map((o) => [o.name, o.id] as const));

/**
 * The key is built from an id, so it cannot be checked against the catalogue's type; every default
 * id has its key in every language (test/unit/i18n-content.test.ts).
 */
function byKey(t: TFunction, key: string): string {
  return (t as unknown as (k: string) => string)(key);
}

export function categoryName(t: TFunction, id: string, stored: string): string {
  return nameToShow(ownName(t, 'categories', id), stored, CATEGORIES.get(id)?.name, () => byKey(t, `content.categories.${id}.name`));
}

export function categoryApproach(t: TFunction, id: string, stored: string): string {
  return CATEGORIES.get(id)?.approach === stored ? byKey(t, `content.categories.${id}.approach`) : stored;
}

export function reasonName(t: TFunction, id: string, stored: string): string {
  return nameToShow(ownName(t, 'reasons', id), stored, REASONS.get(id), () => byKey(t, `content.reasons.${id}`));
}

/** A reason known only by its text (a briefing's earlier call): found by its id, then named as above. */
export function reasonText(t: TFunction, stored: string): string {
  const id = ownNamedId('reasons', stored) ?? REASON_BY_TEXT.get(stored);
  return id ? reasonName(t, id, stored) : stored;
}

/** A category known only by its name (a report's row): found by its id, then named as above. */
export function categoryText(t: TFunction, stored: string): string {
  const id = ownNamedId('categories', stored) ?? CATEGORY_BY_TEXT.get(stored);
  return id ? categoryName(t, id, stored) : stored;
}

export function offerName(t: TFunction, id: string, stored: string): string {
  return OFFERS.get(id)?.name === stored ? byKey(t, `content.offers.${id}.name`) : stored;
}

export function offerText(t: TFunction, stored: string): string {
  const id = OFFER_BY_TEXT.get(stored);
  return id ? byKey(t, `content.offers.${id}.name`) : stored;
}

export function offerTalkingPoints(t: TFunction, id: string, stored: string): string {
  return OFFERS.get(id)?.talkingPoints === stored ? byKey(t, `content.offers.${id}.talkingPoints`) : stored;
}

export function localiseTaxonomy(t: TFunction, taxonomy: TaxonomyCategory[]): TaxonomyCategory[] {
  return taxonomy.map((c) => ({
    ...c,
    name: categoryName(t, c.id, c.name),
    approach: categoryApproach(t, c.id, c.approach),
    reasons: c.reasons.map((r) => ({ ...r, name: reasonName(t, r.id, r.name) })),
  }));
}

export function localiseOffers(t: TFunction, offers: Offer[]): Offer[] {
  return offers.map((o) => ({ ...o, name: offerName(t, o.id, o.name), talkingPoints: offerTalkingPoints(t, o.id, o.talkingPoints) }));
}

/** The call's session with its shipped content in the person's language; ids and the customer's own words untouched. */
export function localiseSession(t: TFunction, session: CallSession): CallSession {
  const c = session.customer;
  return {
    ...session,
    taxonomy: localiseTaxonomy(t, session.taxonomy),
    offers: localiseOffers(t, session.offers),
    customer: {
      ...c,
      statedReasonName: c.statedReasonId && c.statedReasonName ? reasonName(t, c.statedReasonId, c.statedReasonName) : c.statedReasonName,
      statedCategoryName: c.statedCategoryId && c.statedCategoryName ? categoryName(t, c.statedCategoryId, c.statedCategoryName) : c.statedCategoryName,
      history: c.history.map((h) => ({
        ...h,
        reason: h.reason === null ? null : reasonText(t, h.reason),
        offers: h.offers.map((o) => ({ ...o, name: offerText(t, o.name) })),
      })),
    },
  };
}

export function localiseCallDetail(t: TFunction, call: CallDetail): CallDetail {
  return {
    ...call,
    reasons: call.reasons.map((r) => ({ ...r, name: reasonName(t, r.reasonId, r.name), category: categoryName(t, r.categoryId, r.category) })),
    offers: call.offers.map((o) => ({ ...o, name: offerName(t, o.offerId, o.name) })),
  };
}
