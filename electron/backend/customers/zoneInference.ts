import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import ct from 'countries-and-timezones';
import { isValidTimeZone } from '../../../shared/domain/callingHours';
import type { Db } from '../../../db/open';
import { customersWithoutZone, recordInferredZones } from '../../../db/repos/zoneInference';

/**
 * A customer's time zone when the file has no time-zone column: the country of their phone number
 * (libphonenumber-js reads the country calling code and, for shared codes such as +1, the area
 * code), then that country's zones (countries-and-timezones, from the IANA zone tables). A country
 * of one zone gives it; a country of several gives them all, and calling hours then hold only while
 * it is within hours in every one of them (the most restrictive reading).
 */

/** A country's own zones: zones shared with another country are left to that one (Europe/Zurich is Switzerland's, not Germany's). */
const zonesByCountry = new Map<string, string[]>();
export function zonesOfCountry(country: string): string[] {
  let zones = zonesByCountry.get(country);
  if (!zones) {
    const all = ct.getTimezonesForCountry(country) ?? [];
    zones = all
      .filter((z) => z.countries[0] === country && !z.name.startsWith('Antarctica/') && isValidTimeZone(z.name))
      .map((z) => z.name)
      .sort();
    zonesByCountry.set(country, zones);
  }
  return zones;
}

/**
 * Parsing a number takes tens of microseconds; the first six digits decide the country (the
 * calling code and, for +1, the area code), so each prefix is parsed once: a 100,000-row import
 * parses a few thousand numbers, not 100,000.
 */
const countryByPrefix = new Map<string, string | null>();
const MAX_PREFIXES = 50_000;

export function phoneCountry(phone: string): string | null {
  const trimmed = phone.trim();
  // Only an international number says its country; a national one ("030 1234567") could be anywhere.
  if (!trimmed.startsWith('+') && !trimmed.startsWith('00')) return null;
  const digits = trimmed.replace(/\D/g, '').replace(/^00/, '');
  const key = digits.slice(0, 6);
  let country = countryByPrefix.get(key);
  if (country === undefined) {
    const parsed = parsePhoneNumberFromString(`+${digits}`);
    country = parsed?.country ?? (parsed ? (parsed.getPossibleCountries()[0] ?? null) : null);
    if (countryByPrefix.size >= MAX_PREFIXES) countryByPrefix.clear();
    countryByPrefix.set(key, country);
  }
  return country;
}

export interface InferredZone {
  /** Every zone the customer may be in: one where the country has one. */
  zones: string[];
  source: 'phone';
  country: string;
}

export function inferZoneFromPhone(phone: string | null): InferredZone | null {
  if (phone === null) return null;
  const country = phoneCountry(phone);
  if (!country) return null;
  const zones = zonesOfCountry(country);
  return zones.length === 0 ? null : { zones, source: 'phone', country };
}

/** Works out the zone of every customer who has none yet; run inside the import's transaction. */
export function inferMissingTimeZones(db: Db): number {
  const inferred: { id: number; zones: string[]; source: string }[] = [];
  for (const row of customersWithoutZone(db)) {
    const zone = inferZoneFromPhone(row.phone);
    if (zone) inferred.push({ id: row.id, zones: zone.zones, source: zone.source });
  }
  recordInferredZones(db, inferred);
  return inferred.length;
}
