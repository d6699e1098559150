/** A CPU profile as Chromium's DevTools protocol gives it (Profiler.stop). */
export interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/** Self time summed by file and by function; `scale` divides it (the number of pages profiled, for a mean). */
export function summarise(profile: CpuProfile, scale = 1): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const file = n.callFrame.url.split('/').pop() ?? '';
    const key = `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000 / scale);
  });
  const byFile = new Map<string, number>();
  for (const [k, v] of self) {
    const file = k.split(' ').pop()?.split(':')[0] ?? '';
    byFile.set(file, (byFile.get(file) ?? 0) + v);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `    ${v.toFixed(1)} ms ${k}`);
  return ['  self time by file:', ...top(byFile, 12), '  self time by function:', ...top(self, 30)];
}


/** Run in the page (page.evaluate) just before the profile is stopped: spins 20 ms in a function of this name and answers the page's clock when it started. */
export const ALIGN_FUNCTION = 'winbackProfileAlign';
export const ALIGN_SCRIPT = `(function ${ALIGN_FUNCTION}() { const t0 = performance.now(); while (performance.now() - t0 < 20) {} return t0; })()`;

/**
 * The profile's samples laid on the page's clock (performance.now(), ms): the first sample inside
 * ALIGN_SCRIPT's function is taken to be at the page time it answered.
 */
export function samplesOnPageClock(profile: CpuProfile & { startTime: number }, alignedAt: number): { at: number; key: string }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let t = profile.startTime;
  const samples = profile.samples.map((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    const n = byId.get(id);
    const file = n?.callFrame.url.split('/').pop() ?? '';
    return { at: t / 1000, key: n ? `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}` : '?' };
  });
  const marker = samples.find((s) => s.key.startsWith(`${ALIGN_FUNCTION} `));
  const offset = marker ? marker.at - alignedAt : 0;
  return samples.map((s) => ({ at: s.at - offset, key: s.key }));
}

/** Each `width` ms window from `from` to `to`: its busiest functions by self time. */
export function timeline(samples: { at: number; key: string }[], from: number, to: number, width = 10): string[] {
  const lines: string[] = [];
  for (let start = from; start < to; start += width) {
    const inWindow = new Map<string, number>();
    let prev: number | null = null;
    for (const s of samples) {
      if (s.at >= start && s.at < start + width && prev !== null) inWindow.set(s.key, (inWindow.get(s.key) ?? 0) + (s.at - prev));
      prev = s.at;
    }
    const top = [...inWindow].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 3);
    lines.push(`  ${start.toFixed(0).padStart(5)} ms: ${top.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' | ')}`);
  }
  return lines;
}
