import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDraftSaver, DRAFT_SAVE_DELAY_MS, localCopy, type DraftStatus } from '../../renderer/src/store/draftSaver';
import { initialCallState, type CallState } from '../../shared/domain/callMachine';

const base = initialCallState({ callId: '6f1c2a8e-1b7d-4c8e-9a0b-3d2e1f0a9b8c', customerId: 7, startedAt: '2026-11-16T15:00:00Z' });
const typed = (words: string): CallState => ({ ...base, listen: { words } });

beforeEach(() => {
  vi.useFakeTimers();
  window.localStorage.clear();
});
afterEach(() => vi.useRealTimers());

/** A backend that answers after `latency` ms, recording what it saved and when. */
function backend(latency: number, fail: () => boolean = () => false) {
  const saved: { at: number; words: string }[] = [];
  const save = (state: CallState) =>
    new Promise<string>((resolve, reject) => {
      setTimeout(() => {
        if (fail()) reject(new Error('The console backend is not answering.'));
        else {
          saved.push({ at: Date.now(), words: state.listen.words });
          resolve(new Date().toISOString());
        }
      }, latency);
    });
  return { saved, save };
}

describe('draft saving', () => {
  it('saves every keystroke within a second while the agent types without pause', async () => {
    const b = backend(40);
    const statuses: DraftStatus[] = [];
    const saver = createDraftSaver({ save: b.save, onStatus: (s) => statuses.push(s) });
    const start = Date.now();
    const keystrokes: { at: number; words: string }[] = [];
    let words = '';
    for (let i = 0; i < 60; i += 1) {
      words += 'abcdefghij'[i % 10] ?? '';
      keystrokes.push({ at: Date.now(), words });
      saver.schedule(typed(words));
      await vi.advanceTimersByTimeAsync(70);
    }
    await vi.advanceTimersByTimeAsync(2_000);
    for (const k of keystrokes) {
      const covered = b.saved.find((s) => s.words.length >= k.words.length);
      expect(covered, `keystroke at +${k.at - start} ms`).toBeDefined();
      expect((covered?.at ?? Infinity) - k.at, `keystroke at +${k.at - start} ms`).toBeLessThan(1_000);
    }
    expect(b.saved.at(-1)?.words).toBe(words);
    expect(statuses.at(-1)).toBe('saved');
    // One request at a time, not one per keystroke.
    expect(b.saved.length).toBeLessThan(keystrokes.length / 2);
    expect(DRAFT_SAVE_DELAY_MS).toBeLessThan(1_000);
  });

  it('keeps the words in the window while the backend is down, retries, and clears them once saved', async () => {
    let down = true;
    const b = backend(10, () => down);
    const statuses: DraftStatus[] = [];
    const saver = createDraftSaver({ save: b.save, onStatus: (s) => statuses.push(s) });
    saver.schedule(typed('Said while the backend was down'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(statuses.at(-1)).toBe('offline');
    expect(localCopy.read(7)?.listen.words).toBe('Said while the backend was down');
    saver.schedule(typed('Said while the backend was down, and more'));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(b.saved).toEqual([]);
    down = false;
    await vi.advanceTimersByTimeAsync(9_000);
    expect(b.saved.map((s) => s.words)).toEqual(['Said while the backend was down, and more']);
    expect(statuses.at(-1)).toBe('saved');
    expect(localCopy.read(7)).toBeNull();
  });

  it('stops retrying a save the backend refused for good', async () => {
    let attempts = 0;
    const saver = createDraftSaver({
      save: () => {
        attempts += 1;
        return Promise.reject(new Error('already completed'));
      },
      onStatus: () => {},
      isFinal: () => true,
    });
    saver.schedule(typed('late'));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(attempts).toBe(1);
    expect(localCopy.read(7)).toBeNull();
  });

  it('drops what is pending when the call is completed with its whole state', async () => {
    const b = backend(10);
    const saver = createDraftSaver({ save: b.save, onStatus: () => {} });
    saver.schedule(typed('pending'));
    await saver.settle();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(b.saved).toEqual([]);
  });
});
