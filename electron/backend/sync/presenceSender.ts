import { getSetting, setSetting } from '../../../db/repos/settings';
import { listPauseReasons, replacePauseReasons } from '../../../db/repos/pauses';
import { PRESENCE_CHANGE_DELAY_MS, PRESENCE_HEARTBEAT_MS, type PauseReason, type PresenceReport } from '../../../shared/sync/board';
import type { Person } from '../../../shared/api/session';
import type { ServiceDeps } from '../types';
import { currentUser } from '../../../db/repos/people';
import { onPresenceChange } from '../presence/changes';
import { customerExternalId, deskDay, readDeskPresence } from '../presence/desk';
import { connectHub, type ConnectOptions } from './failover';
import { consoleId, readHubConfig } from './settings';

/**
 * Sends this desk's presence to the hub for the floor board: a change within PRESENCE_CHANGE_DELAY_MS
 * (bursts of changes go as one report), and with nothing new a heartbeat every PRESENCE_HEARTBEAT_MS,
 * so the hub knows the desk is there. Nothing is sent while no hub is configured. The report names
 * the customer of a call by the company's id only. Failures are not the person's concern: the next
 * heartbeat tries again, and the board shows the desk offline meanwhile.
 */
export interface PresenceSenderOptions extends ConnectOptions {
  heartbeatMs?: number;
  changeDelayMs?: number;
  /** Retry after a failure this soon when a change is waiting (the heartbeat otherwise). */
  retryMs?: number;
}

export interface PresenceSender {
  /** Sends now (tests, and a console that just got its hub settings). */
  flush: () => Promise<boolean>;
  /** Says "offline" to the hub (best effort, a second at most) and stops. */
  stop: () => Promise<void>;
}

const SEQ_KEY = 'presence.seq';

/** The report for the person at this moment. Exported for the load test and the hub's tests. */
export function presenceReport(deps: ServiceDeps, user: Person, state?: 'offline'): PresenceReport {
  const { db } = deps;
  const now = deps.now();
  const desk = readDeskPresence(deps, user);
  const { day, utcOffsetMinutes } = deskDay(now);
  // Persisted, so a restarted console's reports are never taken for older ones.
  const seq = (getSetting<number>(db, SEQ_KEY) ?? 0) + 1;
  setSetting(db, SEQ_KEY, seq);
  const base = { consoleId: consoleId(db), seq, day, utcOffsetMinutes, today: desk.today };
  if (state === 'offline') {
    return { ...base, state: 'offline', stage: null, customerId: null, pauseReasonId: null, pauseReason: null, inStateForMs: 0 };
  }
  const inCall = desk.state === 'in_call' || desk.state === 'wrap_up';
  return {
    ...base,
    state: desk.state,
    stage: desk.state === 'in_call' ? desk.stage : null,
    customerId: inCall ? (customerExternalId(db, desk.customerId) ?? 'unknown') : null,
    pauseReasonId: desk.state === 'paused' ? desk.pauseReasonId : null,
    pauseReason: desk.state === 'paused' ? desk.pauseReason : null,
    inStateForMs: Math.max(0, now.getTime() - Date.parse(desk.since)),
  };
}

/** The hub's list replaces the desk's when it differs: the manager's edits reach every desk this way. */
function adoptPauseReasons(deps: ServiceDeps, list: readonly PauseReason[] | null): void {
  if (!list || list.length === 0) return;
  const local = listPauseReasons(deps.db).map((r) => ({ id: r.id, label: r.label }));
  if (JSON.stringify(local) === JSON.stringify(list)) return;
  deps.db.transaction(() => replacePauseReasons(deps.db, list))();
}

export function startPresenceSender(deps: ServiceDeps, options: PresenceSenderOptions = {}): PresenceSender {
  const heartbeatMs = options.heartbeatMs ?? PRESENCE_HEARTBEAT_MS;
  const changeDelayMs = options.changeDelayMs ?? PRESENCE_CHANGE_DELAY_MS;
  const retryMs = options.retryMs ?? 2_000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let due = 0;
  let sending: Promise<boolean> | null = null;
  let changed = false;

  const send = async (state?: 'offline', timeoutMs?: number): Promise<boolean> => {
    let db;
    try {
      db = deps.db;
    } catch {
      return false; // the database is in recovery: nothing to say
    }
    const config = readHubConfig(db);
    const user = currentUser(db);
    if (!config || !user) return false;
    changed = false;
    try {
      const report = presenceReport(deps, user, state);
      const ack = await connectHub(config, { ...options, ...(timeoutMs ? { timeoutMs } : {}) }).presence(report);
      adoptPauseReasons(deps, ack.pauseReasons);
      return true;
    } catch (error) {
      deps.log.warn('presence not sent', { error: error instanceof Error ? error.name : 'unknown' });
      return false;
    }
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    const at = Date.now() + ms;
    if (timer && at >= due) return;
    if (timer) clearTimeout(timer);
    due = at;
    timer = setTimeout(run, ms);
    timer.unref();
  };

  const run = () => {
    timer = null;
    if (stopped) return;
    if (sending) {
      schedule(changeDelayMs);
      return;
    }
    sending = send();
    void sending.then((ok) => {
      sending = null;
      schedule(changed ? (ok ? changeDelayMs : retryMs) : heartbeatMs);
    });
  };

  const unsubscribe = (() => {
    try {
      return onPresenceChange(deps.db, () => {
        changed = true;
        schedule(changeDelayMs);
      });
    } catch {
      return () => {};
    }
  })();
  schedule(Math.min(1_000, heartbeatMs));

  return {
    flush: async () => {
      await sending;
      return send();
    },
    stop: async () => {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      await sending;
      await send('offline', 1_000);
    },
  };
}
