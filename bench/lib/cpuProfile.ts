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

