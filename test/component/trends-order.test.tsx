import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../renderer/src/store';
import { installFakeApi } from './fakeApi';
import { agreement, byCycle, matrix, options, recovery, statedReasons } from './trendsData';

/*
 * Trends hands React its headline (totals and the Pareto chart) first and the panels below only once
 * the browser has painted a frame after it: with every report answered at once, the panels' nine
 * charts otherwise began to render before the headline's frame and held it back.
 */

afterEach(() => vi.unstubAllGlobals());

function fakeReports() {
  useAppStore.setState({ session: { user: { id: 'p1', name: 'Mia', role: 'manager' }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' } });
  return installFakeApi({
    'reports.options': () => options('all'),
    'reports.reasons': (i) => (i.group === 'cycle' ? byCycle : statedReasons),
    'reports.recovery': () => recovery,
    'reports.offerMatrix': () => matrix,
    'reports.agreement': () => agreement,
  });
}

describe('the order in which Trends draws its figures', () => {
  it('gives the panels below their figures only after the frame that paints the headline', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    const { calls } = fakeReports();
    const done = useAppStore.getState().loadTrends();
    await vi.waitFor(() => expect(useAppStore.getState().trendsHeadline).not.toBeNull());
    // Every report has answered, the headline is in the store, and the panels wait for its frame.
    await vi.waitFor(() => expect(frames).toHaveLength(1));
    expect(calls.map(([c]) => c)).toEqual(expect.arrayContaining(['reports.offerMatrix', 'reports.agreement']));
    expect(useAppStore.getState().trendsData).toBeNull();
    expect(useAppStore.getState().trendsBelowLoading).toBe(true);
    for (const frame of frames.splice(0)) frame(0);
    await done;
    const { trendsData, trendsHeadline } = useAppStore.getState();
    // The same figures in both parts: the panels below are drawn from the headline's reports.
    expect(trendsData?.reasons).toBe(trendsHeadline?.reasons);
    expect(trendsData?.recovery).toEqual(recovery);
    expect(trendsData?.byCycle).toEqual(byCycle);
    expect(useAppStore.getState().trendsBelowLoading).toBe(false);
  });

  it('still gives the panels below their figures in a window that paints no frame (hidden)', async () => {
    vi.stubGlobal('requestAnimationFrame', () => 0);
    fakeReports();
    await useAppStore.getState().loadTrends();
    expect(useAppStore.getState().trendsData?.matrix).toEqual(matrix);
  });
});
