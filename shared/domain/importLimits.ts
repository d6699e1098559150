/**
 * The bounds a departed customer's values keep, one definition for the console's import (which
 * refuses a row outside them) and the hub (which refuses an event outside them): a desk whose
 * import would refuse a value cannot put it into the org-wide figures by sending it directly.
 */
export const MAX_MONTHLY_REVENUE = 1e9;

export const IMPORT_TEXT_LIMITS = {
  externalId: 100,
  name: 200,
  company: 200,
  phone: 60,
  email: 254,
  timezone: 64,
  country: 100,
  region: 100,
  postalCode: 20,
  segment: 200,
  product: 200,
  statedReason: 2000,
  frontlineRep: 200,
  frontlineTeam: 200,
  notes: 10_000,
} as const;
