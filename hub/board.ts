import { sql } from 'kysely';
import type { Stage } from '../shared/domain/stages';
import {
  PRESENCE_EXPIRY_MS,
  PRESENCE_STATES,
  type Board,
  type BoardRow,
  type DayCounters,
  type PauseReason,
  type PauseReasonsResponse,
  type PresenceReport,
  type PresenceState,
} from '../shared/sync/board';
import type { HubStore } from './store/connect';
import type { Caller } from './tokens';

/**
 * The live floor board. Each desk reports its presence (state, since when, the day's counters);
 * the hub keeps the latest report per person and desk in the store, so every hub instance reads
 * the same board. A desk not heard from for PRESENCE_EXPIRY_MS is shown offline since it was last
 * heard; nothing has to run to expire it.
 */
export async function recordPresence(store: HubStore, caller: Caller, report: PresenceReport, now: Date): Promise<string> {
  const heardAt = now.toISOString();
  const since = new Date(now.getTime() - report.inStateForMs).toISOString();
  const stateKey = (t: 'board_presence' | 'excluded') =>
    sql`coalesce(${sql.ref(`${t}.state`)}, '') || '|' || coalesce(${sql.ref(`${t}.stage`)}, '') || '|' || coalesce(${sql.ref(`${t}.customer_id`)}, '') || '|' || coalesce(${sql.ref(`${t}.pause_reason`)}, '')`;
  await store.volatile
    .insertInto('board_presence')
    .values({
      person: caller.name,
      console_id: report.consoleId,
      seq: report.seq,
      state: report.state,
      stage: report.stage,
      customer_id: report.customerId,
      pause_reason: report.pauseReason,
      since,
      heard_at: heardAt,
      day: report.day,
      utc_offset_minutes: report.utcOffsetMinutes,
      calls: report.today.calls,
      recovered: report.today.recovered,
      revenue_back: report.today.revenueBack,
    })
    .onConflict((oc) =>
      oc
        .columns(['person', 'console_id'])
        .doUpdateSet((eb) => ({
          seq: eb.ref('excluded.seq'),
          state: eb.ref('excluded.state'),
          stage: eb.ref('excluded.stage'),
          customer_id: eb.ref('excluded.customer_id'),
          pause_reason: eb.ref('excluded.pause_reason'),
          // A heartbeat of the same state keeps the start it was first given: each report's
          // "received minus time in state" differs by the network's delay, and must not jitter.
          since: sql<string>`case when ${stateKey('board_presence')} = ${stateKey('excluded')} then board_presence.since else excluded.since end`,
          heard_at: eb.ref('excluded.heard_at'),
          day: eb.ref('excluded.day'),
          utc_offset_minutes: eb.ref('excluded.utc_offset_minutes'),
          calls: eb.ref('excluded.calls'),
          recovered: eb.ref('excluded.recovered'),
          revenue_back: eb.ref('excluded.revenue_back'),
        }))
        // A report older than the one held (it took a slower path, through another instance) changes nothing.
        .whereRef('board_presence.seq', '<', 'excluded.seq'),
    )
    .execute();
  return heardAt;
}

interface DeskRow {
  person: string;
  console_id: string;
  state: string;
  stage: string | null;
  customer_id: string | null;
  pause_reason: string | null;
  since: string;
  heard_at: string;
  day: string;
  utc_offset_minutes: number;
  calls: number;
  recovered: number;
  revenue_back: number;
}

const ZERO: DayCounters = { calls: 0, recovered: 0, revenueBack: 0 };

/** The desk's own calendar day at `now`, by the offset it last reported. */
function deskToday(desk: DeskRow, nowMs: number): string {
  return new Date(nowMs + Number(desk.utc_offset_minutes) * 60_000).toISOString().slice(0, 10);
}

interface DeskView {
  state: PresenceState;
  silent: boolean;
  since: string;
  desk: DeskRow;
}

function viewOf(desk: DeskRow, nowMs: number): DeskView {
  const silent = desk.state !== 'offline' && nowMs - Date.parse(desk.heard_at) > PRESENCE_EXPIRY_MS;
  if (silent) return { state: 'offline', silent: true, since: desk.heard_at, desk };
  return { state: desk.state as PresenceState, silent: false, since: desk.since, desk };
}

/** A person working on two desks shows the one that says most about what they are doing. */
const LIVELINESS: Record<PresenceState, number> = { in_call: 4, wrap_up: 3, paused: 2, idle: 1, offline: 0 };

const cents = (n: number) => Math.round(n * 100) / 100;

/**
 * One row per person with a live token: their liveliest desk (in a call, then wrap-up, paused,
 * idle; the most recently changed among equals), and the day's counters summed over every desk whose "today" it still is.
 * People who never connected are listed offline, so the board shows who has not signed in.
 */
export async function readBoard(store: HubStore, now: Date): Promise<Board> {
  const nowMs = now.getTime();
  const [people, desks] = await Promise.all([
    store.db.selectFrom('tokens').select(['name', 'role']).where('revoked_at', 'is', null).orderBy('name').execute(),
    store.db.selectFrom('board_presence').selectAll().execute() as Promise<DeskRow[]>,
  ]);
  const byPerson = new Map<string, DeskRow[]>();
  for (const d of desks) {
    const list = byPerson.get(d.person) ?? [];
    list.push(d);
    byPerson.set(d.person, list);
  }
  const rows: BoardRow[] = [];
  for (const p of people) {
    const views = (byPerson.get(p.name) ?? []).map((d) => viewOf(d, nowMs));
    const today = { ...ZERO };
    for (const v of views) {
      if (v.desk.day !== deskToday(v.desk, nowMs)) continue;
      today.calls += Number(v.desk.calls);
      today.recovered += Number(v.desk.recovered);
      today.revenueBack += Number(v.desk.revenue_back);
    }
    today.revenueBack = cents(today.revenueBack);
    const live = views.filter((v) => v.state !== 'offline').sort((a, b) => LIVELINESS[b.state] - LIVELINESS[a.state] || b.since.localeCompare(a.since));
    const latest = [...views].sort((a, b) => b.desk.heard_at.localeCompare(a.desk.heard_at));
    const shown = live[0] ?? latest[0];
    const lastHeardAt = latest[0]?.desk.heard_at ?? null;
    if (!shown) {
      rows.push({
        person: p.name, role: p.role, state: 'offline', stage: null, customerId: null, pauseReason: null,
        since: null, secondsInState: null, silent: false, lastHeardAt: null, desks: 0, today,
      });
      continue;
    }
    const inCall = shown.state === 'in_call' || shown.state === 'wrap_up';
    rows.push({
      person: p.name,
      role: p.role,
      state: shown.state,
      stage: shown.state === 'in_call' ? (shown.desk.stage as Stage | null) : null,
      customerId: inCall ? shown.desk.customer_id : null,
      pauseReason: shown.state === 'paused' ? shown.desk.pause_reason : null,
      since: shown.since,
      secondsInState: Math.max(0, Math.floor((nowMs - Date.parse(shown.since)) / 1000)),
      silent: shown.silent,
      lastHeardAt,
      desks: views.length,
      today,
    });
  }
  const byState = Object.fromEntries(PRESENCE_STATES.map((s) => [s, 0])) as Record<PresenceState, number>;
  const totals = { ...ZERO };
  for (const r of rows) {
    byState[r.state] += 1;
    totals.calls += r.today.calls;
    totals.recovered += r.today.recovered;
    totals.revenueBack += r.today.revenueBack;
  }
  totals.revenueBack = cents(totals.revenueBack);
  return { generatedAt: now.toISOString(), rows, totals: { people: rows.length, byState, today: totals } };
}

export async function readPauseReasons(store: HubStore): Promise<PauseReasonsResponse> {
  const rows = await store.db.selectFrom('board_pause_reasons').selectAll().orderBy('position').execute();
  const first = rows[0];
  if (!first) return { pauseReasons: null, updatedAt: null, updatedBy: null };
  return { pauseReasons: rows.map((r) => ({ id: r.id, label: r.label })), updatedAt: first.updated_at, updatedBy: first.updated_by };
}

/** Replaces the floor's pause reasons with a manager's list, whole, in one transaction. */
export async function publishPauseReasons(store: HubStore, list: readonly PauseReason[], manager: Caller, now: Date): Promise<PauseReasonsResponse> {
  const at = now.toISOString();
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('board_pause_reasons').execute();
    if (list.length > 0) {
      await trx
        .insertInto('board_pause_reasons')
        .values(list.map((r, position) => ({ id: r.id, label: r.label, position, updated_at: at, updated_by: manager.name })))
        .execute();
    }
  });
  return readPauseReasons(store);
}
