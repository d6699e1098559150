import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain-JS config module without type declarations.
import { boundaryRules } from '../../eslint.boundaries.js';
import { cycles, importEdges, sourceFiles, type ImportEdge } from '../helpers/importGraph';

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

// The first lint builds the type-aware program: seconds on a quiet machine, half a minute on a busy one.
describe('the import-direction lint rule', { timeout: 120_000 }, () => {
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
    expect(await boundaryErrors('db/lint-probe.ts', "export { loadDemo } from '../electron/backend/session/demo';\n")).toHaveLength(1);
    expect(await boundaryErrors('electron/backend/lint-probe.ts', "export { app } from 'electron';\n")).toHaveLength(1);
  });

  it('allows the right directions', async () => {
    expect(await boundaryErrors('renderer/src/lint-probe.ts', "export type { Person } from '../../shared/api/session';\n")).toEqual([]);
    expect(await boundaryErrors('db/lint-probe.ts', "export { STAGES } from '../shared/domain/stages';\n")).toEqual([]);
    expect(await boundaryErrors('electron/main/lint-probe.ts', "export { app } from 'electron';\n")).toEqual([]);
    expect(await boundaryErrors('electron/main/lint-probe.ts', "export { createBackend } from '../backend/create';\n")).toEqual([]);
    expect(await boundaryErrors('electron/http/lint-probe.ts', "export { createBackend } from '../backend/create';\n")).toEqual([]);
    expect(await boundaryErrors('electron/backend/call/lint-probe.ts', "export type { ServiceDeps } from '../types';\n")).toEqual([]);
  });
});

/**
 * The boundary rules alone, judging source text as if it were at a path: for probes that would
 * have to replace a real file (types.ts), and quicker than the type-aware configuration.
 */
const boundariesOnly = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...(boundaryRules as object[])],
});

async function boundaryErrorsAt(relativePath: string, source: string): Promise<string[]> {
  const [result] = await boundariesOnly.lintText(source, { filePath: join(root, relativePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the rooms inside electron/', () => {
  it('lets the shell and the front doors open the core', async () => {
    expect(await boundaryErrorsAt('electron/cli/commands/lint-probe.ts', "export { createBackend } from '../../backend/create';\n")).toEqual([]);
    expect(await boundaryErrorsAt('electron/main/lint-probe.ts', "export { createBackend } from '../backend/create';\n")).toEqual([]);
  });

  it('keeps the front doors (http, cli) out of the desktop shell', async () => {
    expect(await boundaryErrorsAt('electron/http/lint-probe.ts', "export { isAppUrl } from '../main/security';\n")).toHaveLength(1);
    expect(await boundaryErrorsAt('electron/cli/commands/lint-probe.ts', "export { isAppUrl } from '../../main/security';\n")).toHaveLength(1);
  });

  it('keeps the core from reaching back out to the shell or a front door', async () => {
    expect(await boundaryErrorsAt('electron/backend/lint-probe.ts', "export { isAppUrl } from '../main/security';\n")).toHaveLength(1);
    expect(await boundaryErrorsAt('electron/backend/call/lint-probe.ts', "export { startServer } from '../../http/server';\n")).toHaveLength(1);
    expect(await boundaryErrorsAt('electron/backend/sync/lint-probe.ts', "export { runCli } from '../../cli/main';\n")).toHaveLength(1);
  });

  it('lets a domain see the core root only through types.ts, which imports nothing of the core', async () => {
    expect(await boundaryErrorsAt('electron/backend/call/lint-probe.ts', "export { createDispatcher } from '../dispatch';\n")).toHaveLength(1);
    expect(await boundaryErrorsAt('electron/backend/queue/lint-probe.ts', "export { handlers } from '../handlers';\n")).toHaveLength(1);
    expect(await boundaryErrorsAt('electron/backend/types.ts', "export type { Dispatch } from './dispatch';\n")).toHaveLength(1);
    expect(await boundaryErrorsAt('electron/backend/types.ts', "export type { Db } from '../../db/open';\n")).toEqual([]);
  });
});

/**
 * Cycles, type-only imports included: a type edge ties two folders together for a reader as much as
 * a value edge does. The one exception is zustand's slice pattern: each slice of
 * renderer/src/store/ is typed against the whole state (types.ts), which is made of the slices.
 */
const SLICE_PATTERN = (group: readonly string[]) => group.every((file) => /^renderer\/src\/store\/(\w+Slice|types)\.ts$/.test(file));
/** Leaf files whose folder imports the domains that import them: counted as rooms of their own. */
const LEAVES = new Set(['electron/backend/types.ts']);

function projectEdges(): ImportEdge[] {
  return importEdges(root, sourceFiles(root, ['electron', 'db', 'shared', 'hub', 'renderer']));
}

describe('import cycles', () => {
  const edges = projectEdges();

  it('reads the whole graph (a sanity check on the reader itself)', () => {
    expect(edges.length).toBeGreaterThan(1000);
    expect(edges).toContainEqual({ from: 'electron/backend/dispatch.ts', to: 'electron/backend/handlers.ts' });
  });

  it('finds no cycle between files but the zustand slices and their state type', () => {
    const found = cycles(edges).filter((group) => !SLICE_PATTERN(group));
    expect(found).toEqual([]);
  });

  it('finds no cycle between folders', () => {
    const room = (file: string) => (LEAVES.has(file) ? file : dirname(file));
    const between = edges.map(({ from, to }) => ({ from: room(from), to: room(to) })).filter(({ from, to }) => from !== to);
    expect(cycles(between)).toEqual([]);
  });

  it('fails on a type-only edge that closes a loop', () => {
    const looped = [...edges, { from: 'shared/domain/roles.ts', to: 'shared/api/session.ts' }];
    expect(cycles(looped).some((group) => group.includes('shared/domain/roles.ts'))).toBe(true);
  });
});
