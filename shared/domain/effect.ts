/**
 * Proving what the recovery programme wins: the control group's split, the statistics that
 * compare called and held-out customers, and the money an offer costs and wins back.
 * Pure functions, so the console, the hub and the tests compute the same figures.
 */

/**
 * A number in [0, 1) from a salt and a customer id: FNV-1a over the UTF-16 code units, then
 * murmur3's 32-bit finaliser, which spreads ids that differ in one character ("C00017",
 * "C00018") over the whole range (FNV alone leaves its low bits clustered on such ids).
 * The same customer lands at the same point on every desk, after a re-import and on the hub.
 */
export function splitPoint(salt: string, externalId: string): number {
  const text = `${salt}\u001f${externalId}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** The largest control share a cycle may hold out: beyond half, the "called" group is the smaller one. */
export const MAX_CONTROL_PERCENT = 50;

/** Whether a customer of a cycle is held out (not called) under a control share given in percent. */
export function inControlGroup(cycleId: string, externalId: string, sharePercent: number): boolean {
  if (!(sharePercent > 0)) return false;
  return splitPoint(`control:${cycleId}`, externalId) < sharePercent / 100;
}

/** The variant a customer gets in an experiment: by the same hash, in proportion to the weights. */
export function pickVariant<V extends { weight: number }>(experimentId: string, externalId: string, variants: readonly V[]): V | undefined {
  const total = variants.reduce((s, v) => s + Math.max(0, v.weight), 0);
  if (total <= 0) return undefined;
  const point = splitPoint(`experiment:${experimentId}`, externalId) * total;
  let upTo = 0;
  for (const v of variants) {
    upTo += Math.max(0, v.weight);
    if (point < upTo) return v;
  }
  return variants.at(-1);
}

/** The 97.5th percentile of the standard normal: a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson's score interval for a proportion x/n (Newcombe 1998, method 3). Unlike p ± 1.96·SE it
 * stays inside [0, 1] and is not empty at 0 or n successes, which small cycles often have.
 */
export function wilsonInterval(x: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const denom = 2 * (n + z2);
  const centre = (2 * x + z2) / denom;
  const half = (z * Math.sqrt(z2 + 4 * x * (1 - p))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The difference of two independent proportions x1/n1 - x2/n2 with its 95% interval by
 * Newcombe's hybrid score method (Newcombe 1998, method 10): each rate's Wilson interval,
 * combined. Null when either group is empty.
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, z = Z95): { difference: number; low: number; high: number } | null {
  const a = wilsonInterval(x1, n1, z);
  const b = wilsonInterval(x2, n2, z);
  if (!a || !b) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p1 - p2;
  return {
    difference: d,
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}

/* ------------------------------------------------------------------------------------------ */
/* Offer economics                                                                             */
/* ------------------------------------------------------------------------------------------ */

export const COST_MODELS = ['none', 'discount', 'free_months', 'fixed'] as const;
export type CostModelKind = (typeof COST_MODELS)[number];

/** What an offer costs the company per customer who takes it. */
export type CostModel =
  | { kind: 'none' }
  | { kind: 'discount'; percent: number; months: number }
  | { kind: 'free_months'; months: number }
  | { kind: 'fixed'; amount: number };

/** How many months revenue is counted for after a return: the horizon of "revenue won back". */
export const WON_BACK_HORIZON_MONTHS = 12;

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** The same day of the month `months` later, or the month's last day when it is shorter (Jan 31 + 1 = Feb 28). */
export function addMonths(day: string, months: number): string {
  const m = DAY.exec(day);
  if (!m) throw new Error(`Not a date: ${day}`);
  const y = Number(m[1]);
  const m0 = Number(m[2]) - 1 + months;
  const year = y + Math.floor(m0 / 12);
  const month0 = ((m0 % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
  const d = Math.min(Number(m[3]), last);
  return `${year}-${String(month0 + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The months a returned customer paid for: one for the day of the return and one for each monthly
 * anniversary after it that falls before the re-loss, at most 12 (WON_BACK_HORIZON_MONTHS).
 * A customer still with us counts the full 12: the horizon, not the time elapsed so far.
 */
export function monthsPaid(returnedOn: string, relostOn: string | null): number {
  if (relostOn === null) return WON_BACK_HORIZON_MONTHS;
  let k = 0;
  while (k < WON_BACK_HORIZON_MONTHS && addMonths(returnedOn.slice(0, 10), k) < relostOn.slice(0, 10)) k++;
  return k;
}

/** Money in whole cents, so sums are exact. */
export const toCents = (amount: number): number => Math.round(amount * 100);

/**
 * One customer won back by an offer: revenue over the months paid, at the revenue they pay after
 * the return, and what the offer cost: the discount over the months it ran (no longer than they
 * stayed), the free months they stayed for, or the fixed cost. In cents.
 */
export function wonBackCents(monthlyCents: number, months: number, model: CostModel): { revenueCents: number; costCents: number; netCents: number } {
  const revenueCents = monthlyCents * months;
  let costCents = 0;
  switch (model.kind) {
    case 'discount': {
      // In basis points and whole cents, rounded half up once per customer: integer arithmetic, so
      // 15% of $29.99 is $4.50 exactly (449.85 cents as a float may round either way).
      const basisPoints = Math.round(model.percent * 100);
      costCents = Math.floor((monthlyCents * basisPoints * Math.min(model.months, months) + 5000) / 10000);
      break;
    }
    case 'free_months':
      costCents = monthlyCents * Math.min(model.months, months);
      break;
    case 'fixed':
      costCents = toCents(model.amount);
      break;
    case 'none':
      break;
  }
  return { revenueCents, costCents, netCents: revenueCents - costCents };
}
