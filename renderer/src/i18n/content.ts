import type { TFunction } from 'i18next';
import type { CallDetail, CallSession, Offer, TaxonomyCategory } from '../../../shared/api/call';
import { contentNames, type ContentNames } from '../../../shared/content/contentNames';
import { ownName, ownNamedId } from './ownNames';

/**
 * The content the console ships (the reason taxonomy, the offers) in the person's language.
 * The database keeps one canonical text per id, in English, and the hub merges reasons and offers by
 * id, whatever language each desk runs; so the words are swapped only on screen: a default reason
 * still carrying its default text shows the catalogue's `content.reasons.<id>`. Once a manager
 * renames it, or for a reason or offer the manager added, the stored text is theirs and shows as
 * written, unless the manager gave the reason or category a name of its own in the person's language
 * (`nameToShow`, the one rule, through shared/i18n/contentNames.ts, which the printed report uses too;
 * the window's own names are in ./ownNames.ts).
 */
export function namesIn(t: TFunction): ContentNames {
  // The key is built from an id, so it cannot be checked against the catalogue's type; every default
  // id has its key in every language (test/unit/i18n-content.test.ts).
  const say = (key: string) => (t as unknown as (k: string) => string)(key);
  return contentNames(say, { name: (kind, id) => ownName(t, kind, id), idByText: ownNamedId });
}

export function categoryName(t: TFunction, id: string, stored: string): string {
  return namesIn(t).category(id, stored);
}

export function categoryApproach(t: TFunction, id: string, stored: string): string {
  return namesIn(t).categoryApproach(id, stored);
}

export function reasonName(t: TFunction, id: string, stored: string): string {
  return namesIn(t).reason(id, stored);
}

/** A reason known only by its text (a briefing's earlier call): found by its id, then named as above. */
export function reasonText(t: TFunction, stored: string): string {
  return namesIn(t).reasonText(stored);
}

/** A category known only by its name (a report's row): found by its id, then named as above. */
export function categoryText(t: TFunction, stored: string): string {
  return namesIn(t).categoryText(stored);
}

export function offerName(t: TFunction, id: string, stored: string): string {
  return namesIn(t).offer(id, stored);
}

export function offerText(t: TFunction, stored: string): string {
  return namesIn(t).offerText(stored);
}

export function offerTalkingPoints(t: TFunction, id: string, stored: string): string {
  return namesIn(t).offerTalkingPoints(id, stored);
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
