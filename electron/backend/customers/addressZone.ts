import ct from 'countries-and-timezones';
import { isValidTimeZone } from '../../../shared/domain/localTime';
import { phoneCountry, zonesOfCountry } from './zoneInference';

/**
 * A customer's time zone from the address columns of an import (country, state or province, postal
 * code), for files without a time-zone column. The phone's country code names a country; these
 * narrow it where the country has several zones: a US state or ZIP code, a Canadian province or
 * postal code's first letter, an Australian state or postcode's first digit. Where the narrowest
 * answer still spans zones (Texas: Central and, around El Paso, Mountain), every one of them is a
 * candidate and calling hours hold only while it is within hours in all (the most restrictive
 * reading). The tables are from the IANA zone descriptions (zone1970.tab's comments) and the postal
 * services' published prefixes; a state with a sliver in another zone lists both.
 */
export type AddressZoneSource = 'country' | 'state' | 'postal';

export interface AddressZone {
  zones: string[];
  source: AddressZoneSource;
}

const key = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** Names people write for countries whose official name they rarely use. */
const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'US',
  us: 'US',
  unitedstates: 'US',
  america: 'US',
  uk: 'GB',
  greatbritain: 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  northernireland: 'GB',
  deutschland: 'DE',
  espana: 'ES',
  schweiz: 'CH',
  suisse: 'CH',
  svizzera: 'CH',
  osterreich: 'AT',
  nederland: 'NL',
  holland: 'NL',
  italia: 'IT',
  belgique: 'BE',
  belgie: 'BE',
  brasil: 'BR',
  mexico: 'MX',
  russia: 'RU',
  southkorea: 'KR',
  korea: 'KR',
};

let countriesByName: Map<string, string> | null = null;

/** An ISO 3166 country code from what a file writes: "DE", "Germany", "United States", "USA". */
export function countryCode(text: string): string | null {
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const code = trimmed.toUpperCase();
    if (code === 'UK') return 'GB';
    return ct.getCountry(code) ? code : null;
  }
  if (countriesByName === null) {
    countriesByName = new Map(Object.values(ct.getAllCountries()).map((c) => [key(c.name), c.id]));
    for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) countriesByName.set(alias, code);
  }
  return countriesByName.get(key(trimmed)) ?? null;
}

const EASTERN = 'America/New_York';
const CENTRAL = 'America/Chicago';
const MOUNTAIN = 'America/Denver';
const PACIFIC = 'America/Los_Angeles';

/** [code, name, zones] for the regions of a country of several zones. */
const REGIONS: Record<string, [string, string, string[]][]> = {
  US: [
    ['AL', 'Alabama', [CENTRAL]],
    ['AK', 'Alaska', ['America/Anchorage']],
    ['AZ', 'Arizona', ['America/Phoenix']],
    ['AR', 'Arkansas', [CENTRAL]],
    ['CA', 'California', [PACIFIC]],
    ['CO', 'Colorado', [MOUNTAIN]],
    ['CT', 'Connecticut', [EASTERN]],
    ['DE', 'Delaware', [EASTERN]],
    ['DC', 'District of Columbia', [EASTERN]],
    ['FL', 'Florida', [EASTERN, CENTRAL]],
    ['GA', 'Georgia', [EASTERN]],
    ['HI', 'Hawaii', ['Pacific/Honolulu']],
    ['ID', 'Idaho', ['America/Boise', PACIFIC]],
    ['IL', 'Illinois', [CENTRAL]],
    ['IN', 'Indiana', ['America/Indiana/Indianapolis', CENTRAL]],
    ['IA', 'Iowa', [CENTRAL]],
    ['KS', 'Kansas', [CENTRAL, MOUNTAIN]],
    ['KY', 'Kentucky', ['America/Kentucky/Louisville', CENTRAL]],
    ['LA', 'Louisiana', [CENTRAL]],
    ['ME', 'Maine', [EASTERN]],
    ['MD', 'Maryland', [EASTERN]],
    ['MA', 'Massachusetts', [EASTERN]],
    ['MI', 'Michigan', ['America/Detroit', 'America/Menominee']],
    ['MN', 'Minnesota', [CENTRAL]],
    ['MS', 'Mississippi', [CENTRAL]],
    ['MO', 'Missouri', [CENTRAL]],
    ['MT', 'Montana', [MOUNTAIN]],
    ['NE', 'Nebraska', [CENTRAL, MOUNTAIN]],
    ['NV', 'Nevada', [PACIFIC]],
    ['NH', 'New Hampshire', [EASTERN]],
    ['NJ', 'New Jersey', [EASTERN]],
    ['NM', 'New Mexico', [MOUNTAIN]],
    ['NY', 'New York', [EASTERN]],
    ['NC', 'North Carolina', [EASTERN]],
    ['ND', 'North Dakota', [CENTRAL, MOUNTAIN]],
    ['OH', 'Ohio', [EASTERN]],
    ['OK', 'Oklahoma', [CENTRAL]],
    ['OR', 'Oregon', [PACIFIC, 'America/Boise']],
    ['PA', 'Pennsylvania', [EASTERN]],
    ['RI', 'Rhode Island', [EASTERN]],
    ['SC', 'South Carolina', [EASTERN]],
    ['SD', 'South Dakota', [CENTRAL, MOUNTAIN]],
    ['TN', 'Tennessee', [CENTRAL, EASTERN]],
    ['TX', 'Texas', [CENTRAL, MOUNTAIN]],
    ['UT', 'Utah', [MOUNTAIN]],
    ['VT', 'Vermont', [EASTERN]],
    ['VA', 'Virginia', [EASTERN]],
    ['WA', 'Washington', [PACIFIC]],
    ['WV', 'West Virginia', [EASTERN]],
    ['WI', 'Wisconsin', [CENTRAL]],
    ['WY', 'Wyoming', [MOUNTAIN]],
  ],
  CA: [
    ['AB', 'Alberta', ['America/Edmonton']],
    ['BC', 'British Columbia', ['America/Vancouver']],
    ['MB', 'Manitoba', ['America/Winnipeg']],
    ['NB', 'New Brunswick', ['America/Moncton']],
    ['NL', 'Newfoundland and Labrador', ['America/St_Johns']],
    ['NS', 'Nova Scotia', ['America/Halifax']],
    ['NT', 'Northwest Territories', ['America/Edmonton']],
    ['NU', 'Nunavut', ['America/Iqaluit', 'America/Rankin_Inlet', 'America/Cambridge_Bay']],
    ['ON', 'Ontario', ['America/Toronto']],
    ['PE', 'Prince Edward Island', ['America/Halifax']],
    ['QC', 'Quebec', ['America/Toronto']],
    ['SK', 'Saskatchewan', ['America/Regina']],
    ['YT', 'Yukon', ['America/Whitehorse']],
  ],
  AU: [
    ['NSW', 'New South Wales', ['Australia/Sydney']],
    ['ACT', 'Australian Capital Territory', ['Australia/Sydney']],
    ['VIC', 'Victoria', ['Australia/Melbourne']],
    ['QLD', 'Queensland', ['Australia/Brisbane']],
    ['SA', 'South Australia', ['Australia/Adelaide']],
    ['WA', 'Western Australia', ['Australia/Perth']],
    ['TAS', 'Tasmania', ['Australia/Hobart']],
    ['NT', 'Northern Territory', ['Australia/Darwin']],
  ],
};

const regionIndex = new Map<string, Map<string, { code: string; zones: string[] }>>();
function regionsOf(country: string): Map<string, { code: string; zones: string[] }> | null {
  const table = REGIONS[country];
  if (!table) return null;
  let index = regionIndex.get(country);
  if (!index) {
    index = new Map();
    for (const [code, name, zones] of table) {
      index.set(key(code), { code, zones });
      index.set(key(name), { code, zones });
    }
    regionIndex.set(country, index);
  }
  return index;
}

/** US ZIP codes by their first three digits: [first, last, state]. */
const ZIP3: [number, number, string][] = [
  [5, 5, 'NY'], [10, 27, 'MA'], [28, 29, 'RI'], [30, 38, 'NH'], [39, 49, 'ME'], [50, 54, 'VT'], [55, 55, 'MA'],
  [56, 59, 'VT'], [60, 69, 'CT'], [70, 89, 'NJ'], [100, 149, 'NY'], [150, 196, 'PA'], [197, 199, 'DE'],
  [200, 205, 'DC'], [206, 219, 'MD'], [220, 246, 'VA'], [247, 268, 'WV'], [270, 289, 'NC'], [290, 299, 'SC'],
  [300, 319, 'GA'], [320, 349, 'FL'], [350, 369, 'AL'], [370, 385, 'TN'], [386, 397, 'MS'], [398, 399, 'GA'],
  [400, 427, 'KY'], [430, 459, 'OH'], [460, 479, 'IN'], [480, 499, 'MI'], [500, 528, 'IA'], [530, 549, 'WI'],
  [550, 567, 'MN'], [569, 569, 'DC'], [570, 577, 'SD'], [580, 588, 'ND'], [590, 599, 'MT'], [600, 629, 'IL'],
  [630, 658, 'MO'], [660, 679, 'KS'], [680, 693, 'NE'], [700, 714, 'LA'], [716, 729, 'AR'], [730, 749, 'OK'],
  [750, 799, 'TX'], [800, 816, 'CO'], [820, 831, 'WY'], [832, 838, 'ID'], [840, 847, 'UT'], [850, 865, 'AZ'],
  [870, 884, 'NM'], [885, 885, 'TX'], [889, 898, 'NV'], [900, 961, 'CA'], [967, 968, 'HI'], [970, 979, 'OR'],
  [980, 994, 'WA'], [995, 999, 'AK'],
];
/** ZIP prefixes inside a state of two zones that settle it: El Paso is Mountain, the Florida panhandle Central. */
const ZIP3_ZONES: Record<number, string> = { 798: MOUNTAIN, 799: MOUNTAIN, 885: MOUNTAIN, 324: CENTRAL, 325: CENTRAL };

/** Canadian postal codes by their first letter. */
const CA_POSTAL: Record<string, string> = {
  A: 'NL', B: 'NS', C: 'PE', E: 'NB', G: 'QC', H: 'QC', J: 'QC', K: 'ON', L: 'ON', M: 'ON', N: 'ON', P: 'ON',
  R: 'MB', S: 'SK', T: 'AB', V: 'BC', X: 'NU', Y: 'YT',
};
/** Australian postcodes by their first digit (0 is the Northern Territory's 08xx). */
const AU_POSTAL: Record<string, string> = { '0': 'NT', '2': 'NSW', '3': 'VIC', '4': 'QLD', '5': 'SA', '6': 'WA', '7': 'TAS' };

function zonesOfRegion(country: string, region: string): string[] | null {
  return regionsOf(country)?.get(key(region))?.zones ?? null;
}

function zonesOfPostal(country: string, postal: string): string[] | null {
  const p = postal.trim().toUpperCase();
  if (country === 'US') {
    const m = /^(\d{3})\d{2}(?:-?\d{4})?$/.exec(p);
    if (!m) return null;
    const zip3 = Number(m[1]);
    const settled = ZIP3_ZONES[zip3];
    if (settled) return [settled];
    const state = ZIP3.find(([from, to]) => zip3 >= from && zip3 <= to)?.[2];
    return state ? zonesOfRegion('US', state) : null;
  }
  if (country === 'CA') {
    const province = /^[A-Z]\d[A-Z]\s?\d[A-Z]\d$/.test(p) ? CA_POSTAL[p[0] ?? ''] : undefined;
    return province ? zonesOfRegion('CA', province) : null;
  }
  if (country === 'AU') {
    const state = /^\d{4}$/.test(p) ? AU_POSTAL[p[0] ?? ''] : undefined;
    return state ? zonesOfRegion('AU', state) : null;
  }
  return null;
}

/**
 * The zones an address points to, with the column that settled them; null when the address says
 * nothing the phone does not (the phone's country code is then the customer's zone's source).
 */
export function inferZoneFromAddress(a: { country: string | null; region: string | null; postalCode: string | null; phone: string | null }): AddressZone | null {
  const named = a.country ? countryCode(a.country) : null;
  const country = named ?? (a.phone ? phoneCountry(a.phone) : null);
  if (!country) return null;
  const valid = (zones: string[] | null) => (zones ? zones.filter(isValidTimeZone) : []);
  const byPostal = a.postalCode ? valid(zonesOfPostal(country, a.postalCode)) : [];
  if (byPostal.length > 0) return { zones: byPostal, source: 'postal' };
  const byRegion = a.region ? valid(zonesOfRegion(country, a.region)) : [];
  if (byRegion.length > 0) return { zones: byRegion, source: 'state' };
  if (!named) return null;
  const zones = zonesOfCountry(named);
  return zones.length > 0 ? { zones, source: 'country' } : null;
}
