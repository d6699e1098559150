import { join } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/create';
import type { Logger } from '../../electron/backend/types';
import { getSetting, setSetting, SETTING_KEYS } from '../../db/repos/settings';
import { contract, isChannel, type Channel } from '../../shared/api';
import type { ChannelDef } from '../../shared/api/channel';
import { ERROR_CODES, type ApiResult } from '../../shared/api/result';
import { call, tempDir, signIn } from '../helpers/backend';
import { damagePages } from '../helpers/damage';
import { setReportWorkerEnabled } from '../../electron/backend/reportWorkers/runner';
import { SaidSchema } from '../../shared/i18n/saidSchema';

/**
 * Property-based tests of the API boundary: for every channel in the contract (read from the
 * contract, so channels added later are covered without touching this file), random and hostile
 * payloads never crash the dispatcher. Each answer is either a value that matches the channel's
 * output schema or a typed error with a known code and a short message; no handler fails inside
 * ('internal'), which is what a crash looks like from outside.
 */

const CHANNELS = Object.keys(contract) as Channel[];
/** The whole file stays near 15 s however many channels the contract grows to. */
const BUDGET_MS = 12_000;
type Context = 'manager' | 'agent' | 'not set up' | 'damaged';
const CONTEXTS: Context[] = ['manager', 'agent', 'not set up', 'damaged'];
const PER_PROPERTY_MS = Math.max(300, Math.floor(BUDGET_MS / ((CHANNELS.length + 1) * CONTEXTS.length)));

// ---- payloads ---------------------------------------------------------------------------------

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

function deep(depth: number): unknown {
  let v: unknown = { end: true };
  for (let i = 0; i < depth; i += 1) v = i % 2 === 0 ? { a: v } : [v];
  return v;
}

/** Values that have broken real parsers: prototype keys, huge and odd strings, non-finite numbers. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    -1,
    1e308,
    '',
    ' ',
    '\u0000',
    '%',
    '_',
    '\\',
    "' OR 1=1 --",
    '"; DROP TABLE customers; --',
    '\ud800',
    '=HYPERLINK("http://x")',
    [],
    {},
    true,
    false,
    JSON.parse('{"__proto__": {"polluted": "yes"}}'),
    { constructor: { prototype: { polluted: 'yes' } } },
    Object.create(null) as unknown,
    new Date(Number.NaN),
    new Map([['a', 1]]),
    new Set([1]),
    new Uint8Array(16),
    10n ** 30n,
  ),
  fc.integer({ min: 10_000, max: 1_500_000 }).map((n) => 'ä%_'.repeat(Math.ceil(n / 3)).slice(0, n)),
  fc.integer({ min: 50, max: 3_000 }).map(deep),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => new Array<number>(n).fill(7)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.double(),
  fc.bigInt(),
);

/** Plausible field values, so payloads get past the shape check and into the handlers. */
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 1_000 }) },
  { weight: 1, arbitrary: fc.constantFrom('manager', 'agent', 'executive', 'Month-to-month', 'price', '2026-11', 'winback-2026-11-15T09-00-00-000Z-daily.db') },
  { weight: 2, arbitrary: hostileValue },
);

function inputKeys(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function payloadFor(channel: Channel): fc.Arbitrary<unknown> {
  const keys = inputKeys(contract[channel].input);
  const shaped =
    keys.length === 0
      ? fc.constant({})
      : fc.record(Object.fromEntries(keys.map((k) => [k, fieldValue])), { requiredKeys: [] });
  const withHostileKey = fc
    .tuple(shaped, fc.constantFrom(...HOSTILE_KEYS), hostileValue)
    .map(([base, key, value]) => {
      // An own property named __proto__ or constructor, as JSON.parse makes from a request body.
      const payload: Record<string, unknown> = { ...(base as Record<string, unknown>) };
      Object.defineProperty(payload, key, { value, enumerable: true, configurable: true, writable: true });
      return payload;
    });
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: 2, arbitrary: fc.jsonValue() },
    {
      weight: 2,
      arbitrary: fc.anything({
        withNullPrototype: true,
        withMap: true,
        withSet: true,
        withBigInt: true,
        withDate: true,
        withTypedArray: true,
        withSparseArray: true,
        withBoxedValues: true,
        withUnicodeString: true,
      }),
    },
    { weight: 2, arbitrary: hostileValue },
    { weight: 2, arbitrary: withHostileKey },
  );
}

// ---- the answer's shape -------------------------------------------------------------------------

function checkAnswer(channel: Channel, context: Context, r: ApiResult<unknown>): void {
  expect(r !== null && typeof r === 'object').toBe(true);
  if (r.ok) {
    expect(Object.keys(r).sort()).toEqual(['ok', 'value']);
    const parsed = contract[channel].output.safeParse(r.value);
    expect(parsed.success, `${channel} answered outside its output schema`).toBe(true);
    expect(context === 'damaged' && !channel.startsWith('maintenance.'), `${channel} answered on a damaged database`).toBe(false);
    return;
  }
  expect(Object.keys(r).sort()).toEqual(['error', 'ok']);
  expect(Object.keys(r.error).filter((k) => k !== 'said' && k !== 'field').sort()).toEqual(['code', 'message']);
  // The field a refusal names, when it names one, is a dotted path into the input: a form marks it.
  if (r.error.field !== undefined) expect(r.error.field, `${channel} named an odd field`).toMatch(/^[\w-]+(\.[\w-]+)*$/);
  // A sentence by key, when there is one, is one the window can read (the same schema it checks).
  if (r.error.said !== undefined) expect(SaidSchema.safeParse(r.error.said).success, `${channel} sent an unreadable sentence`).toBe(true);
  expect(ERROR_CODES).toContain(r.error.code);
  expect(typeof r.error.message).toBe('string');
  expect(r.error.message.length).toBeGreaterThan(0);
  // Errors name the problem; they never echo a megabyte of input back.
  expect(r.error.message.length).toBeLessThan(600);
  if (context === 'damaged') {
    if (!channel.startsWith('maintenance.')) expect(r.error.message).toMatch(/damaged/);
    return;
  }
  expect(r.error.code, `${channel}: ${r.error.message}`).not.toBe('internal');
  if (context === 'not set up' && !(contract[channel] as ChannelDef).setup) expect(r.error.code).toBe('not_set_up');
}

// ---- backends -----------------------------------------------------------------------------------

interface Subject {
  backend: Backend;
  /** Puts the person back before each call: session.setup with a random valid name may switch it. */
  reset: () => void;
  errors: string[];
}

const subjects = new Map<Context, Subject>();
const disposers: (() => void)[] = [];

function capturingLogger(errors: string[]): Logger {
  return { info: () => {}, warn: () => {}, error: (m, f) => errors.push(`${m} ${JSON.stringify(f ?? {})}`) };
}

beforeAll(async () => {
  // Reports run in this thread: starting the report worker can take longer than one property's
  // time slice on a busy machine, and what is fuzzed here is the dispatcher, not the worker.
  setReportWorkerEnabled(false);
  const t = tempDir();
  disposers.push(t.dispose);
  const now = () => new Date('2026-11-16T15:00:00Z');
  for (const context of CONTEXTS) {
    const errors: string[] = [];
    const dbPath = join(t.dir, `${context.replace(/ /g, '-')}.db`);
    let backend = createBackend({ dbPath, log: capturingLogger(errors), now, recovery: true });
    if (context !== 'not set up') {
      await signIn(backend.dispatch, { name: 'Mia Manager', role: 'manager' });
      await call(backend.dispatch, 'demo.load', {});
    }
    if (context === 'agent') await signIn(backend.dispatch, { name: 'Ann Agent', role: 'agent' });
    if (context === 'damaged') {
      backend.close();
      damagePages(dbPath);
      backend = createBackend({ dbPath, log: capturingLogger(errors), now, recovery: true });
    }
    const b = backend;
    disposers.push(() => b.close());
    const userId = context === 'damaged' ? undefined : getSetting<string>(b.db, SETTING_KEYS.currentUser);
    subjects.set(context, {
      backend: b,
      errors,
      reset: () => {
        if (context === 'damaged') return;
        if (userId === undefined) b.db.prepare('DELETE FROM settings WHERE key = ?').run(SETTING_KEYS.currentUser);
        else setSetting(b.db, SETTING_KEYS.currentUser, userId);
      },
    });
  }
}, 60_000);

afterAll(() => {
  for (const d of disposers.reverse()) d();
});

function subject(context: Context): Subject {
  const s = subjects.get(context);
  if (!s) throw new Error(`no backend for ${context}`);
  return s;
}

const options = (runs: number) => ({ numRuns: runs, interruptAfterTimeLimit: PER_PROPERTY_MS, markInterruptAsFailure: false });

/**
 * Up to 200 payloads within the property's time share. fast-check reports a share spent before its
 * first payload as a failure ("interrupted after 0 tests"); the caller has already run its
 * guaranteed few, so that case only means a busy machine, and any real counterexample still fails.
 */
async function assertWithinShare(property: fc.IAsyncProperty<[unknown]>): Promise<void> {
  try {
    await fc.assert(property, options(200));
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('Property interrupted after 0 tests')) return;
    throw error;
  }
}

describe.each(CONTEXTS)('every API channel, called %s, with random and hostile payloads', (context) => {
  it.each(CHANNELS)('%s answers a value or a typed error, never a crash', async (channel) => {
    const s = subject(context);
    const property = fc.asyncProperty(payloadFor(channel), async (payload) => {
      s.reset();
      const r = await s.backend.dispatch(channel, payload);
      checkAnswer(channel, context, r);
    });
    // A few payloads always, however slow the machine; then as many as the time share allows
    // (a busy machine could otherwise spend a share before the first payload, and test nothing).
    await fc.assert(property, { numRuns: 2 });
    await assertWithinShare(property);
    expect(s.errors).toEqual(context === 'damaged' ? s.errors : []);
  });

  it('names outside the contract get unknown_channel, whatever they are', async () => {
    const s = subject(context);
    const names = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.constantFrom<unknown>('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', ...CHANNELS.map((c) => ` ${c}`), ...CHANNELS.map((c) => c.toUpperCase()), ...CHANNELS.map((c) => `${c}\u0000`)),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(names, fc.jsonValue(), async (name, payload) => {
        fc.pre(!isChannel(name));
        s.reset();
        const r = await s.backend.dispatch(name, payload);
        expect(r).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
        expect(!r.ok && r.error.message.length).toBeLessThan(200);
      }),
      options(300),
    );
  });
});

describe('after all that', () => {
  it('no prototype was polluted and every database is whole', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    for (const context of CONTEXTS.filter((c) => c !== 'damaged')) {
      expect(subject(context).backend.db.pragma('integrity_check', { simple: true }), context).toBe('ok');
    }
  });
});
