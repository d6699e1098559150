import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unjustified, type Accepted, type Finding } from '../security/electronegativity';

const root = join(import.meta.dirname, '..', '..');
const finding = (issue: string, severity: string, file = 'main/index.js', sample = ''): Finding => ({
  issue,
  severity,
  confidence: 'FIRM',
  file,
  location: '1:1',
  sample,
  description: '',
});
const reason = 'Safe because the window options come from a function the tool cannot follow; a test proves it.';

describe('the Electronegativity gate', () => {
  it('fails on a high or medium finding nobody justified, and ignores low ones', () => {
    const findings = [finding('CONTEXT_ISOLATION_JS_CHECK', 'HIGH'), finding('SANDBOX_JS_CHECK', 'MEDIUM'), finding('CSP_GLOBAL_CHECK', 'LOW')];
    expect(unjustified(findings, []).map((f) => f.issue)).toEqual(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']);
  });

  it('accepts a finding only for its check and file, and only with a real justification', () => {
    const high = finding('CONTEXT_ISOLATION_JS_CHECK', 'HIGH');
    expect(unjustified([high], [{ check: 'CONTEXT_ISOLATION_JS_CHECK', file: 'main/index.js', justification: reason }])).toEqual([]);
    expect(unjustified([high], [{ check: 'CONTEXT_ISOLATION_JS_CHECK', justification: reason }])).toEqual([]);
    expect(unjustified([high], [{ check: 'CONTEXT_ISOLATION_JS_CHECK', file: 'main/index.js', justification: 'fine' }])).toEqual([high]);
    expect(unjustified([high], [{ check: 'CONTEXT_ISOLATION_JS_CHECK', file: 'preload/index.cjs', justification: reason }])).toEqual([high]);
    expect(unjustified([high], [{ check: 'SANDBOX_JS_CHECK', file: 'main/index.js', justification: reason }])).toEqual([high]);
  });

  it('accepts a finding only for the code its justification is about', () => {
    const web = finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'main/index.js', 'if (isExternalWebUrl(url)) shell.openExternal(url);');
    const other = finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'main/index.js', 'shell.openExternal(anything)');
    const accepted = [{ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/index.js', sample: 'isExternalWebUrl(url)) shell.openExternal', justification: reason }];
    expect(unjustified([web, other], accepted)).toEqual([other]);
  });

  it('keeps justifications that point at tests which exist', () => {
    const { accepted } = JSON.parse(readFileSync(join(root, 'test', 'security', 'electronegativity-accepted.json'), 'utf8')) as {
      accepted: Accepted[];
    };
    for (const a of accepted) {
      expect(a.justification.length, a.check).toBeGreaterThanOrEqual(40);
      const tests = a.justification.match(/test\/[\w/.-]+\.test\.tsx?/g) ?? [];
      expect(tests.length, `${a.check} names the test that proves it`).toBeGreaterThan(0);
      for (const t of tests) expect(existsSync(join(root, t)), t).toBe(true);
    }
  });
});
