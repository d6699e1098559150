import type { QueueItem } from '../../../shared/api/queue';
import type { CallingWindow } from '../../../shared/domain/callingHours';
import { callabilityAcross, parseZoneCandidates, type ZoneCallability } from '../../../shared/domain/zoneCallability';
import { retryWaitWhy } from '../call/contactRules';
import { PRIORITY, type PriorityParts } from '../../../shared/domain/selection';
import type { QueueRow } from '../../../db/repos/queue';

export interface ContactRules {
  window: CallingWindow;
  defaultTimezone: string;
  enforced: boolean;
}

const money = (n: number) => `$${n.toFixed(2)}`;

/** Making an Intl formatter costs about 50 µs, formatting with one a few: one per time zone, kept. */
const callbackFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * A callback in the customer's wall-clock words, e.g. "17 Nov 2026, 10:00". The same callbacks come
 * back on every page read until someone calls, so the words are kept too (about 3 µs each to make),
 * per zone; past the bound they are all let go and made again as needed.
 */
const callbackWords = new Map<string, Map<string, string>>();
const MAX_CALLBACK_WORDS = 20_000;
let callbackWordsKept = 0;

function localCallbackWords(iso: string, timeZone: string): string {
  let inZone = callbackWords.get(timeZone);
  if (!inZone) {
    inZone = new Map();
    callbackWords.set(timeZone, inZone);
  }
  let words = inZone.get(iso);
  if (words === undefined) {
    let f = callbackFormats.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
      // Zones come from imported rows, checked against Intl; a bound all the same.
      if (callbackFormats.size < 1_000) callbackFormats.set(timeZone, f);
    }
    words = f.format(new Date(iso));
    if (callbackWordsKept >= MAX_CALLBACK_WORDS) {
      callbackWords.clear();
      callbackWordsKept = 0;
      inZone = new Map();
      callbackWords.set(timeZone, inZone);
    }
    inZone.set(iso, words);
    callbackWordsKept += 1;
  }
  return words;
}
const signed = (n: number) => (n >= 0 ? `+${n}` : `${n}`);

/**
 * The parts of a priority as the selection pass stored them, with their numbers already in words.
 * The pass rounds each part to a tenth, so the same few thousand texts recur across customers and
 * page reads: each is parsed and worded once (kept up to a bound), since that was a good share of
 * what a page of the queue cost.
 */
interface WordedParts {
  revenue: string | null;
  /** Signed recency points, when there are any. */
  recency: string | null;
  band: string | null;
  segment: string | null;
}
const wordedDetails = new Map<string, WordedParts>();
const MAX_WORDED_DETAILS = 20_000;
function wordedParts(detail: string): WordedParts {
  let worded = wordedDetails.get(detail);
  if (worded === undefined) {
    const parts = JSON.parse(detail) as Partial<PriorityParts>;
    worded = {
      revenue:
        parts.revenue !== undefined
          ? `revenue ${signed(parts.revenue)}${typeof parts.revenueTop === 'number' && parts.revenueTop > 0 ? ` (in proportion to the top ${money(parts.revenueTop)}/month)` : ''}`
          : null,
      recency: parts.recency !== undefined && parts.recency > 0 ? signed(parts.recency) : null,
      band: parts.band ? signed(parts.band) : null,
      segment: parts.segment ? signed(parts.segment) : null,
    };
    if (wordedDetails.size >= MAX_WORDED_DETAILS) wordedDetails.clear();
    wordedDetails.set(detail, worded);
  }
  return worded;
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

/** `a, b`, or whichever is not empty. Plain concatenation: arrays and join() cost more per item here. */
const listed = (sofar: string, part: string) => (sofar === '' ? part : `${sofar}, ${part}`);

/** The priority in the words an agent reads: each part and what it came from. */
export function explainPriority(row: QueueRow, now: Date): string {
  const parts = wordedParts(row.priority_detail);
  let out = parts.revenue ?? '';
  if (parts.recency !== null) {
    const days = row.departed_at ? Math.max(0, Math.floor((now.getTime() - dayStart(row.departed_at)) / 86_400_000)) : null;
    out = listed(out, `${days === null ? 'recent departure' : `left ${days} day${days === 1 ? '' : 's'} ago`} ${parts.recency}`);
  }
  if (parts.band !== null) out = listed(out, `${row.value_band ?? 'value band'} ${parts.band}`);
  if (parts.segment !== null) out = listed(out, row.segment ? `segment ${row.segment} ${parts.segment}` : `segment ${parts.segment}`);
  if (row.attempts > 0)
    out = listed(out, `${row.attempts} attempt${row.attempts === 1 ? '' : 's'} ${signed(-PRIORITY.attemptPenalty * row.attempts)}`);
  return `Priority ${Math.round(row.priority)} (${out})`;
}

function whyQueued(row: QueueRow, now: Date, due: boolean, localCallback: string | null): string {
  const chosen = row.selected_by
    ? `Selected by rule "${row.selected_by}"`
    : 'Departed with contact details (no selection rule set)';
  const reasons = due
    ? `Callback due${localCallback ? ` (${localCallback} their time)` : ''}${row.callback_owner ? `, agreed by ${row.callback_owner}` : ''}. ${chosen}`
    : chosen;
  let facts = row.monthly_revenue !== null ? `${money(row.monthly_revenue)}/month lost` : '';
  if (row.stated_reason_text) facts = facts === '' ? `left: ${row.stated_reason_text}` : `${facts}; left: ${row.stated_reason_text}`;
  return `${reasons}: ${facts || 'no revenue or reason on record'}. ${explainPriority(row, now)}.`;
}

/** A queue row as the window shows it, with whether the customer may be dialled right now. */
function itemAt(row: QueueRow, now: Date, nowIso: string, calling: ZoneCallability): QueueItem {
  const due = row.callback_at !== null && row.callback_at <= nowIso;
  const pendingCallback = row.callback_at !== null && !due;
  const localCallback = row.callback_at ? localCallbackWords(row.callback_at, calling.zones[0] ?? calling.timeZone) : null;
  let notCallableBecause = calling.why ?? retryWaitWhy(row, now, calling.zones[0] ?? 'UTC');
  if (pendingCallback) notCallableBecause = `Callback booked for ${localCallback} their time; call then.`;
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
    why: whyQueued(row, now, due, localCallback),
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
export function toQueueItems(rows: readonly QueueRow[], now: Date, rules: ContactRules): QueueItem[] {
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
    return itemAt(row, now, nowIso, calling);
  });
}
