import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult, testBackend, type TestBackend } from '../helpers/backend';
import { customer, fullCall, seedCustomers } from '../helpers/callFixtures';
import { pickVariant } from '../../shared/domain/effect';

const SHORT = 'Say sorry in one sentence, then ask what happened.';
let b: TestBackend;
let ids: Record<string, number>;

beforeEach(async () => {
  b = testBackend();
  await call(b.dispatch, 'session.setup', { name: 'Mia Manager', role: 'manager' });
  ids = seedCustomers(b.db, Array.from({ length: 12 }, (_, i) => customer({ externalId: `G${i + 1}` })));
});
afterEach(() => b.dispose());

const apologyOf = (s: { guidance?: { stage: string; text: string }[] | undefined }) => s.guidance?.find((g) => g.stage === 'apologize')?.text ?? null;

describe('a guidance experiment', () => {
  it("shows each customer their wording only, reports each wording, and ending it keeps the winner in the playbook", async () => {
    const { id } = await call(b.dispatch, 'effect.startGuidanceExperiment', {
      name: 'A shorter apology',
      stage: 'apologize',
      variants: [
        { label: 'Current', text: '', weight: 1 },
        { label: 'Short', text: SHORT, weight: 1 },
      ],
    });
    const variants = (await call(b.dispatch, 'effect.report', {})).guidanceExperiments[0]?.variants ?? [];
    expect(variants.map((v) => [v.label, v.text, v.customers])).toEqual([
      ['Current', '', 0],
      ['Short', SHORT, 0],
    ]);
    const labelOf = (ext: string) => pickVariant(id, ext, variants)?.label;
    const all = Object.keys(ids);
    const short = all.filter((x) => labelOf(x) === 'Short');
    const current = all.filter((x) => labelOf(x) === 'Current');
    expect(short.length).toBeGreaterThan(0);
    expect(current.length).toBeGreaterThan(0);

    for (const ext of all) {
      const s = await call(b.dispatch, 'call.start', { customerId: ids[ext] ?? -1 });
      // The short wording for its customers; the others keep the standard one (no replacement sent).
      expect(apologyOf(s)).toBe(labelOf(ext) === 'Short' ? SHORT : null);
      const wins = labelOf(ext) === 'Short' || ext === current[0];
      await call(b.dispatch, 'call.complete', { state: fullCall(s.state, { outcome: wins ? 'recovered' : 'declined' }) });
    }

    const running = (await call(b.dispatch, 'effect.report', {})).guidanceExperiments[0];
    expect(running).toMatchObject({ name: 'A shorter apology', stage: 'apologize', running: true });
    expect(running?.variants.map((v) => [v.label, v.customers, v.recovered])).toEqual([
      ['Current', current.length, 1],
      ['Short', short.length, short.length],
    ]);
    const rateOf = (label: string) => running?.variants.find((v) => v.label === label);
    expect(rateOf('Short')?.rate).toBe(1);
    expect(rateOf('Current')?.low).not.toBeNull();
    expect(running?.statement).toMatch(running?.canTell ? /^"Short" wins back more customers than "Current"/ : /^The data cannot tell the variants apart yet: "Short" leads "Current"/);

    const clash = await callResult(b.dispatch, 'effect.startGuidanceExperiment', {
      name: 'Another',
      stage: 'apologize',
      variants: [
        { label: 'A', text: 'One.', weight: 1 },
        { label: 'B', text: 'Two.', weight: 1 },
      ],
    });
    expect(clash.ok ? null : clash.error.message).toBe('"A shorter apology" is already trying wordings of the Apologize stage; end it first.');

    const winner = running?.variants.find((v) => v.label === 'Short')?.variantId ?? '';
    expect(await call(b.dispatch, 'effect.endGuidanceExperiment', { id, winnerVariantId: winner, note: 'Shorter apologies kept people on the line.' })).toEqual({
      stage: 'apologize',
      playbookChanged: true,
    });
    // Every call now shows the winner, the customers who had the standard wording too.
    const next = await call(b.dispatch, 'call.start', { customerId: ids[current[0] ?? ''] ?? -1 });
    expect(apologyOf(next)).toBe(SHORT);
    const done = (await call(b.dispatch, 'effect.report', {})).guidanceExperiments[0];
    expect(done).toMatchObject({ running: false, winnerVariantId: winner, decisionNote: 'Shorter apologies kept people on the line.' });
    const again = await callResult(b.dispatch, 'effect.endGuidanceExperiment', { id, winnerVariantId: winner });
    expect(again.ok ? null : again.error.message).toBe('The experiment "A shorter apology" has already ended.');
  });

  it('refuses variants it cannot tell apart, each with its own reason, and starts nothing', async () => {
    const start = async (variants: { label: string; text: string; weight: number }[]) => {
      const r = await callResult(b.dispatch, 'effect.startGuidanceExperiment', { name: 'Listen longer', stage: 'listen', variants });
      return r.ok ? 'started' : r.error.message;
    };
    expect(await start([{ label: 'Only', text: 'Let them talk.', weight: 1 }])).toContain('An experiment needs two variants or more.');
    expect(await start([{ label: 'A', text: 'Let them talk.', weight: 1 }, { label: 'a', text: 'Ask twice.', weight: 1 }])).toBe('Variant 2: another variant is already called "a".');
    expect(await start([{ label: 'A', text: 'Let them talk.', weight: 1 }, { label: 'B', text: 'Let them talk.', weight: 1 }])).toBe("Variant 2: its wording is the same as another variant's.");
    expect(await start([{ label: 'A', text: '', weight: 1 }, { label: 'B', text: '', weight: 1 }])).toBe('Variant 2: only one variant can keep the current wording.');
    expect(await start([{ label: 'A', text: 'Let them talk.', weight: 0 }, { label: 'B', text: 'Ask twice.', weight: 1 }])).toContain('A weight is more than 0.');
    expect((await call(b.dispatch, 'effect.report', {})).guidanceExperiments).toEqual([]);
  });
});
