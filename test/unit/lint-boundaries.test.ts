import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';

/** Probe files are written into the real folders so the project's own config judges them. */
const root = join(import.meta.dirname, '..', '..');
const probes: string[] = [];
afterEach(() => {
  for (const p of probes.splice(0)) rmSync(p, { force: true });
});

async function boundaryErrors(relativePath: string, source: string): Promise<string[]> {
  const path = join(root, relativePath);
  probes.push(path);
  writeFileSync(path, source);
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintFiles([path]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the import-direction lint rule', () => {
  it('fails renderer -> db and renderer -> electron', async () => {
    expect(await boundaryErrors('renderer/src/lint-probe.ts', "export { openDatabase } from '../../db/open';\n")).toHaveLength(1);
    expect(await boundaryErrors('renderer/src/lint-probe.ts', "export { loadDemo } from '../../electron/backend/session/demo';\n")).toHaveLength(1);
  });

  it('fails shared -> anything else, Node built-ins and React', async () => {
    expect(await boundaryErrors('shared/lint-probe.ts', "export { openDatabase } from '../db/open';\n")).toHaveLength(1);
    expect(await boundaryErrors('shared/lint-probe.ts', "export { readFileSync } from 'node:fs';\n")).toHaveLength(1);
    expect(await boundaryErrors('shared/lint-probe.ts', "export { useState } from 'react';\n")).toHaveLength(1);
  });

  it("fails db -> electron and a service importing 'electron'", async () => {
    expect(await boundaryErrors('db/lint-probe.ts', "export { loadDemo } from '../electron/services/demo';\n")).toHaveLength(1);
    expect(await boundaryErrors('electron/services/lint-probe.ts', "export { app } from 'electron';\n")).toHaveLength(1);
  });

  it('allows the right directions', async () => {
    expect(await boundaryErrors('renderer/src/lint-probe.ts', "export type { Person } from '../../shared/api/session';\n")).toEqual([]);
    expect(await boundaryErrors('db/lint-probe.ts', "export { STAGES } from '../shared/domain/stages';\n")).toEqual([]);
    expect(await boundaryErrors('electron/main/lint-probe.ts', "export { app } from 'electron';\n")).toEqual([]);
  });
});
