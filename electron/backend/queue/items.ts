import type { QueueItem } from '../../../shared/api/queue';
import type { CallingWindow } from '../../../shared/domain/callingHours';
import { callabilityAcross, parseZoneCandidates, type ZoneCallability } from '../../../shared/domain/zoneCallability';
import { retryWaitWhy } from '../call/contactRules';
import { PRIORITY, type PriorityParts } from '../../../shared/domain/selection';
import type { QueueRow } from '../../../db/repos/queue';
import { said, type Said } from '../../../shared/i18n/said';

export interface ContactRules {
  window: CallingWindow;
  defaultTimezone: string;
  enforced: boolean;
}

/**
 * The parts of a priority as the selection pass stored them, as sentences by key. The pass rounds
 * each part to a tenth, so the same few thousand details recur across customers and page reads: each
 * is parsed once (kept up to a bound), since that was a good share of what a page of the queue cost.
 */
interface WhyParts {
  revenue: Said | null;
  /** Recency points, when there are any. */
  recency: number | null;
  band: number | null;
  segment: number | null;
}
const parsedDetails = new Map<string, WhyParts>();
const MAX_PARSED_DETAILS = 20_000;
function parsedParts(detail: string, currency: string): WhyParts {
  const id = `${currency} ${detail}`;
  let parsed = parsedDetails.get(id);
  if (parsed === undefined) {
    const parts = JSON.parse(detail) as Partial<PriorityParts>;
    const top = typeof parts.revenueTop === 'number' && parts.revenueTop > 0 ? parts.revenueTop : null;
    parsed = {
      revenue:
        parts.revenue === undefined
          ? null
          : top === null
            ? said('why.queued.part.revenue', { points: { signed: parts.revenue } })
            : said('why.queued.part.revenueOfTop', { points: { signed: parts.revenue }, top: { amount: top, currency } }),
      recency: parts.recency !== undefined && parts.recency > 0 ? parts.recency : null,
      band: parts.band ? parts.band : null,
      segment: parts.segment ? parts.segment : null,
    };
    if (parsedDetails.size >= MAX_PARSED_DETAILS) parsedDetails.clear();
    parsedDetails.set(id, parsed);
  }
  return parsed;
}

/** Midnight UTC of a YYYY-MM-DD date; a page repeats a few hundred dates at most, so kept. */
const dayStarts = new Map<string, number>();
function dayStart(date: string): number {
  let ms = dayStarts.get(date);
  if (ms === undefined) {
    ms = Date.parse(`${date}T00:00:00Z`);
    if (dayStarts.size >= 50_000) dayStarts.clear();
    dayStarts.set(date, ms);
  }
  return ms;
}

/** The priority as an agent reads it: the score and each part with what it came from. */
export function explainPriority(row: QueueRow, now: Date, currency: string): Said {
  const parts = parsedParts(row.priority_detail, currency);
  const list: Said[] = [];
  if (parts.revenue !== null) list.push(parts.revenue);
  if (parts.recency !== null) {
    const points = { signed: parts.recency };
    if (row.departed_at) {
      const days = Math.max(0, Math.floor((now.getTime() - dayStart(row.departed_at)) / 86_400_000));
      list.push(said('why.queued.part.leftDaysAgo', { count: days, points }));
    } else list.push(said('why.queued.part.recentDeparture', { points }));
  }
  if (parts.band !== null) {
    const points = { signed: parts.band };
    list.push(row.value_band ? said('why.queued.part.band', { band: row.value_band, points }) : said('why.queued.part.anyBand', { points }));
  }
  if (parts.segment !== null) {
    const points = { signed: parts.segment };
    list.push(row.segment ? said('why.queued.part.segment', { segment: row.segment, points }) : said('why.queued.part.anySegment', { points }));
  }
  if (row.attempts > 0) list.push(said('why.queued.part.attempts', { count: row.attempts, points: { signed: -PRIORITY.attemptPenalty * row.attempts } }));
  return said('why.queued.priority', { score: Math.round(row.priority), parts: { list, join: 'comma' } });
}

/** Why the customer is in the queue: how they were chosen, a callback due, what they left, the priority. */
function whyQueued(row: QueueRow, now: Date, due: boolean, zone: string, currency: string): Said {
  const chosen = row.selected_by ? said('why.queued.byRule', { rule: row.selected_by }) : said('why.queued.noRule');
  let reasons = chosen;
  if (due) {
    const at = row.callback_at ? { at: row.callback_at, timeZone: zone } : null;
    const key = at ? (row.callback_owner ? 'why.queued.callbackDueAtBy' : 'why.queued.callbackDueAt') : row.callback_owner ? 'why.queued.callbackDueBy' : 'why.queued.callbackDue';
    reasons = said(key, { chosen, ...(at ? { at } : {}), ...(row.callback_owner ? { by: row.callback_owner } : {}) });
  }
  const lost = row.monthly_revenue !== null ? { amount: row.monthly_revenue, currency } : null;
  const left = row.stated_reason_text;
  const facts =
    lost !== null && left
      ? said('why.queued.lostAndLeft', { lost, left })
      : lost !== null
        ? said('why.queued.lost', { lost })
        : left
          ? said('why.queued.left', { left })
          : said('why.queued.noFacts');
  return said('why.queued.sentence', { reasons, facts, priority: explainPriority(row, now, currency) });
}

/** A queue row as the window shows it, with whether the customer may be dialled right now. */
function itemAt(row: QueueRow, now: Date, nowIso: string, calling: ZoneCallability, currency: string): QueueItem {
  const due = row.callback_at !== null && row.callback_at <= nowIso;
  // A callback is said in one of the customer's zones, never in "one of N zones".
  const zone = calling.zones[0] ?? calling.timeZone;
  let notCallableBecause = calling.why ?? retryWaitWhy(row, now, calling.zones[0] ?? 'UTC');
  if (row.callback_at !== null && !due) notCallableBecause = said('why.queued.callbackBooked', { at: { at: row.callback_at, timeZone: zone } });
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    company: row.company,
    phone: row.phone,
    segment: row.segment,
    product: row.product,
    monthlyRevenue: row.monthly_revenue,
    statedReason: row.stated_reason_text,
    reasonCategory: row.category_name,
    cycle: row.cycle_name,
    attempts: row.attempts,
    callbackAt: row.callback_at,
    priority: Math.round(row.priority * 10) / 10,
    why: whyQueued(row, now, due, zone, currency),
    assignedTo: row.assigned_name,
    assignedToId: row.assigned_to,
    valueBand: row.value_band,
    timezone: calling.timeZone,
    localTime: calling.localTime,
    callableNow: notCallableBecause === null,
    notCallableBecause,
    callbackWith: row.callback_owner,
  };
}

/**
 * Calling hours as last worked out: per time zone, for one minute of the clock and one set of
 * rules. The answer (the customer's local HH:MM and whether it is inside the window) only changes
 * from one minute to the next, and Intl takes microseconds per answer, so pages read within the
 * same minute share it.
 */
let keptCalling: { minute: number; rules: ContactRules; byZone: Map<string | null, ZoneCallability> } | null = null;

function sameRules(a: ContactRules, b: ContactRules): boolean {
  return (
    a.defaultTimezone === b.defaultTimezone &&
    a.enforced === b.enforced &&
    a.window.start === b.window.start &&
    a.window.end === b.window.end
  );
}

/** A page of queue rows as the window shows them, every row judged at the same instant. */
export function toQueueItems(rows: readonly QueueRow[], now: Date, rules: ContactRules, currency: string): QueueItem[] {
  const minute = Math.floor(now.getTime() / 60_000);
  if (!keptCalling || keptCalling.minute !== minute || !sameRules(keptCalling.rules, rules)) {
    keptCalling = { minute, rules: { ...rules, window: { ...rules.window } }, byZone: new Map() };
  }
  const byZone = keptCalling.byZone;
  const nowIso = now.toISOString();
  return rows.map((row) => {
    // A customer of several candidate zones is judged across them all (the most restrictive reading).
    const zoneKey = row.timezone ?? row.timezone_candidates;
    let calling = byZone.get(zoneKey);
    if (!calling) {
      calling = callabilityAcross(now, row.timezone, parseZoneCandidates(row.timezone_candidates), rules.defaultTimezone, rules.window, rules.enforced);
      byZone.set(zoneKey, calling);
    }
    return itemAt(row, now, nowIso, calling, currency);
  });
}
