import { newcombeDifference } from '../domain/effect';

/*
 * A leaf of the effect report the window imports on its own: the report module carries the English
 * catalogue (for its statements), which the window must not load beside the person's language.
 */

/**
 * The variant with the highest rate, the next one, and Newcombe's 95% interval of the lead between
 * them: the report's statement and the console's own wording of it read the same comparison.
 * Null until two variants have customers.
 */
export function variantLead<V extends { customers: number; recovered: number }>(
  variants: readonly V[],
): { best: V; next: V; difference: number; low: number; high: number } | null {
  const rate = (v: V) => v.recovered / v.customers;
  const ranked = variants.filter((v) => v.customers > 0).sort((a, b) => rate(b) - rate(a));
  const [best, next] = ranked;
  const d = best && next ? newcombeDifference(best.recovered, best.customers, next.recovered, next.customers) : null;
  return best && next && d ? { best, next, ...d } : null;
}
