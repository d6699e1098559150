import type { ChannelPermission, KeepInTouchChoices, KeepInTouchCustomer, KeepInTouchFilters, KeepInTouchList } from '../../../shared/api/keepInTouch';
import type { ConsentAnswer } from '../../../shared/domain/consent';
import type { Db } from '../../../db/open';
import { listCycles, getCycle } from '../../../db/repos/cycles';
import { getCategory, getReason, listCategories, listReasons } from '../../../db/repos/reasons';
import {
  keepInTouchChoices,
  keepInTouchPage,
  materialiseKeepInTouch,
  type KeepInTouchRow,
} from '../../../db/repos/keepInTouch';
import { ensureContactsFresh } from '../../../db/repos/permissions';
import type { ServiceDeps } from '../types';
import { appError } from '../i18n/errors';

/** Names of reasons and categories by id, for the rows (the taxonomy is a few dozen rows). */
function names(db: Db) {
  const reasons = new Map(listReasons(db).map((r) => [r.id, r.name]));
  const categories = new Map(listCategories(db).map((c) => [c.id, c.name]));
  return { reasons, categories };
}

/** Filters that name something the console does not have are a mistake, not an empty list. */
function checkFilters(db: Db, f: KeepInTouchFilters): void {
  if (f.reasonId !== undefined && !getReason(db, f.reasonId)) throw appError('invalid_input', 'taxonomy.unknownReason', { id: f.reasonId });
  if (f.categoryId !== undefined && !getCategory(db, f.categoryId)) throw appError('invalid_input', 'taxonomy.unknownCategory', { id: f.categoryId });
  if (f.cycleId !== undefined && !getCycle(db, f.cycleId)) throw appError('invalid_input', 'cycle.notFoundQuoted', { name: f.cycleId });
}

const permission = (consent: string | null, open: number): ChannelPermission => ({ consent: (consent as ConsentAnswer | null) ?? null, open: open === 1 });

function toCustomer(r: KeepInTouchRow, n: ReturnType<typeof names>): KeepInTouchCustomer {
  const lastContactAt = r.last_call_at === null ? r.last_message_at : r.last_message_at === null || r.last_call_at > r.last_message_at ? r.last_call_at : r.last_message_at;
  return {
    customerId: r.id,
    externalId: r.external_id,
    name: r.name,
    segment: r.segment,
    product: r.product,
    cycleId: r.cycle_id,
    departedAt: r.departed_at,
    monthlyRevenue: r.monthly_revenue,
    reasonId: r.reason_id,
    reason: r.reason_id === null ? null : (n.reasons.get(r.reason_id) ?? r.reason_id),
    reasonSource: r.reason_source,
    category: r.category_id === null ? null : (n.categories.get(r.category_id) ?? r.category_id),
    statedText: r.reason_id === null ? r.stated_reason_text : null,
    lastOutcome: r.last_outcome,
    lastContactAt,
    phone: permission(r.consent_phone, r.phone_open),
    email: permission(r.consent_email, r.email_open),
    post: permission(r.consent_post, r.post_open),
  };
}

/** Works the list out for these filters (or reuses it when nothing changed) and gives its groups. */
export function prepareKeepInTouch(deps: ServiceDeps, filters: KeepInTouchFilters) {
  const { db } = deps;
  checkFilters(db, filters);
  const now = deps.now();
  // An entry that ended by itself, or customers imported or changed since: their flags first.
  ensureContactsFresh(db, now);
  const n = names(db);
  const groups = materialiseKeepInTouch(db, filters, now).map((g) => ({
    reasonId: g.reason_id,
    reason: g.reason_name,
    category: g.category_name,
    customers: g.customers,
    revenue: Math.round(g.revenue * 100) / 100,
  }));
  return { groups, page: (offset: number, limit: number) => keepInTouchPage(db, offset, limit).map((r) => toCustomer(r, n)) };
}

export function keepInTouchList(deps: ServiceDeps, input: { filters: KeepInTouchFilters; offset: number; limit: number }): KeepInTouchList {
  const { groups, page } = prepareKeepInTouch(deps, input.filters);
  return {
    total: groups.reduce((s, g) => s + g.customers, 0),
    revenue: Math.round(groups.reduce((s, g) => s + g.revenue, 0) * 100) / 100,
    groups,
    offset: input.offset,
    items: page(input.offset, input.limit),
  };
}

export function keepInTouchFilterChoices(db: Db): KeepInTouchChoices {
  const { segments, products } = keepInTouchChoices(db);
  return {
    reasons: listReasons(db).filter((r) => r.retired_at === null).map((r) => ({ id: r.id, name: r.name, categoryId: r.category_id })),
    categories: listCategories(db).filter((c) => c.retired_at === null).map((c) => ({ id: c.id, name: c.name })),
    segments,
    products,
    cycles: listCycles(db).map((c) => ({ id: c.id, name: c.name })),
  };
}
