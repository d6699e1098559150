import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
// @ts-expect-error: a plain-JS config module without type declarations.
import { boundaryRules } from '../../eslint.boundaries.js';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The hub imports only shared/: probe files written into hub/ are judged by the project's own
 * boundary rules (the ones eslint.config.js applies), without the type-aware rules that would
 * make this test slow; test/unit/lint-boundaries.test.ts runs the full configuration.
 */
const root = join(import.meta.dirname, '..', '..');
const probes: string[] = [];
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...(boundaryRules as object[])],
});
afterEach(() => {
  for (const p of probes.splice(0)) rmSync(p, { force: true });
});

async function boundaryErrors(relativePath: string, source: string): Promise<string[]> {
  const path = join(root, relativePath);
  probes.push(path);
  writeFileSync(path, source);
  const [result] = await eslint.lintFiles([path]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the hub import boundary', () => {
  it('fails hub -> db, hub -> electron and hub -> renderer; allows hub -> shared', async () => {
    expect(await boundaryErrors('hub/lint-probe.ts', "export { openDatabase } from '../db/open';\n")).toHaveLength(1);
    expect(await boundaryErrors('hub/lint-probe.ts', "export { pushOutbox } from '../electron/backend/sync/sender';\n")).toHaveLength(1);
    expect(await boundaryErrors('hub/lint-probe.ts', "export { api } from '../renderer/src/api/client';\n")).toHaveLength(1);
    expect(await boundaryErrors('hub/lint-probe.ts', "export { parseEvent } from '../shared/sync/events';\n")).toEqual([]);
  });
});
