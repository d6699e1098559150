import type { CallState } from '../../../shared/domain/callMachine';

/** At most this long between a change and the request that saves it: "within a second" with margin. */
export const DRAFT_SAVE_DELAY_MS = 300;
const RETRY_MS = [1_000, 2_000, 4_000, 8_000];

export type DraftStatus = 'saved' | 'saving' | 'unsaved' | 'offline';

const LOCAL_PREFIX = 'winback.unsavedCall.';

/**
 * A copy of the open call in this window's storage, kept only while the backend has not yet
 * confirmed it. If the backend dies mid-call, what was typed since survives a reload of the window.
 */
export const localCopy = {
  write(state: CallState): void {
    try {
      window.localStorage.setItem(`${LOCAL_PREFIX}${state.customerId}`, JSON.stringify(state));
    } catch {
      // Storage full or disabled: the backend draft is still the record.
    }
  },
  read(customerId: number): CallState | null {
    try {
      const raw = window.localStorage.getItem(`${LOCAL_PREFIX}${customerId}`);
      return raw ? (JSON.parse(raw) as CallState) : null;
    } catch {
      return null;
    }
  },
  clear(customerId: number): void {
    try {
      window.localStorage.removeItem(`${LOCAL_PREFIX}${customerId}`);
    } catch {
      // Nothing to clear.
    }
  },
};

export interface DraftSaverOptions {
  save: (state: CallState) => Promise<string>;
  onStatus: (status: DraftStatus, savedAt: string | null) => void;
  /** A save refused for good (the call was completed elsewhere): stop retrying it. */
  isFinal?: (error: unknown) => boolean;
}

/**
 * Saves the open call shortly after every change: one request at a time, always the latest state,
 * retried with backoff while the backend does not answer.
 */
export function createDraftSaver(options: DraftSaverOptions) {
  let pending: CallState | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;
  let failures = 0;

  const arm = (ms: number) => {
    if (timer === null) timer = setTimeout(run, ms);
  };

  function run(): void {
    timer = null;
    if (inFlight || pending === null) return;
    const state = pending;
    pending = null;
    options.onStatus('saving', null);
    inFlight = options
      .save(state)
      .then((savedAt) => {
        failures = 0;
        if (pending === null) {
          localCopy.clear(state.customerId);
          options.onStatus('saved', savedAt);
        }
      })
      .catch((error: unknown) => {
        if (options.isFinal?.(error)) {
          localCopy.clear(state.customerId);
          return;
        }
        pending ??= state;
        failures += 1;
        options.onStatus('offline', null);
        arm(RETRY_MS[Math.min(failures - 1, RETRY_MS.length - 1)] ?? 8_000);
      })
      .finally(() => {
        inFlight = null;
        if (pending !== null) arm(failures > 0 ? (RETRY_MS[Math.min(failures - 1, RETRY_MS.length - 1)] ?? 8_000) : 0);
      });
  }

  return {
    schedule(state: CallState): void {
      pending = state;
      localCopy.write(state);
      options.onStatus(failures > 0 ? 'offline' : 'unsaved', null);
      arm(failures > 0 ? (RETRY_MS[Math.min(failures - 1, RETRY_MS.length - 1)] ?? 8_000) : DRAFT_SAVE_DELAY_MS);
    },
    /** Sends what is pending now and waits for every save under way. */
    async flush(): Promise<void> {
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      if (inFlight) await inFlight;
      if (pending !== null) {
        run();
        if (inFlight) await inFlight;
      }
    },
    /** Drops what is pending (the call is being completed with its full state) and waits for a save under way. */
    async settle(): Promise<void> {
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      pending = null;
      if (inFlight) await inFlight;
    },
    stop(): void {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = null;
      failures = 0;
    },
  };
}

export type DraftSaver = ReturnType<typeof createDraftSaver>;
