import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, testBackend, type TestBackend, signIn } from '../helpers/backend';
import { amendK4, PEOPLE, seedScenario } from '../helpers/scenario';

/** Reports after scripted calls, against numbers worked out by hand (see test/helpers/scenario.ts). */
let b: TestBackend;
beforeEach(async () => {
  b = testBackend();
  seedScenario(b.db, { amend: false });
  await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
});
afterEach(() => b.dispose());

const pick = <T extends { key: string | null }>(rows: T[], key: string | null) => rows.find((r) => r.key === key);

describe('reports after scripted calls', () => {
  it('reads an amended call as corrected: outcome, diagnosed reason and offers', async () => {
    const before = await call(b.dispatch, 'reports.reasons', { by: 'diagnosed' });
    expect(before.rows.find((r) => r.reasonId === 'price.too-expensive')).toMatchObject({ departed: 3, calls: 3, recovered: 2 });
    expect(before.rows.find((r) => r.reasonId === 'service.support-attitude')).toBeUndefined();
    const agreeBefore = await call(b.dispatch, 'reports.agreement', {});
    expect(agreeBefore).toMatchObject({ compared: 5, agreed: 3, categoryAgreed: 4 });

    amendK4(b.db);

    const after = await call(b.dispatch, 'reports.reasons', { by: 'diagnosed' });
    expect(after.rows.find((r) => r.reasonId === 'price.too-expensive')).toMatchObject({ departed: 2, revenue: 120, calls: 2, recovered: 2, recoveryRate: 1, recoveredRevenue: 120 });
    expect(after.rows.find((r) => r.reasonId === 'service.support-attitude')).toMatchObject({ departed: 1, revenue: 80, calls: 1, recovered: 1, recoveredRevenue: 80 });
    expect(after.totals).toEqual({ departed: 5, revenue: 280, calls: 6, recovered: 3, recoveryRate: 0.5, recoveredRevenue: 200 });
  });

  describe('once K4 is amended', () => {
    beforeEach(() => amendK4(b.db));

    it('stated reasons: departed, revenue, calls and recoveries per reason, unmapped text on its own row', async () => {
      const r = await call(b.dispatch, 'reports.reasons', { by: 'stated' });
      const row = (reason: string) => r.rows.find((x) => x.reason === reason);
      expect(row('Too expensive')).toMatchObject({ category: 'Price / value for money', departed: 2, revenue: 120, calls: 3, recovered: 2, recoveredRevenue: 120 });
      expect(row('Too expensive')?.recoveryRate).toBeCloseTo(2 / 3);
      expect(row('Competitor made a better offer')).toMatchObject({ departed: 1, revenue: 50, calls: 2, recovered: 0, recoveryRate: 0, recoveredRevenue: 0 });
      expect(row('Attitude of support person')).toMatchObject({ departed: 1, revenue: 80, calls: 1, recovered: 1, recoveryRate: 1, recoveredRevenue: 80 });
      expect(row('Weird reason')).toMatchObject({ category: 'Unmapped', categoryId: null, reasonId: null, departed: 1, revenue: 30, calls: 1, recovered: 0 });
      expect(r.rows).toHaveLength(4);
      expect(r.totals).toMatchObject({ departed: 5, revenue: 280, calls: 7, recovered: 3, recoveredRevenue: 200 });
      expect(r.totals.recoveryRate).toBeCloseTo(3 / 7);
    });

    it('diagnosed reasons by cycle count each customer once per cycle and reason', async () => {
      const r = await call(b.dispatch, 'reports.reasons', { by: 'diagnosed', group: 'cycle' });
      const row = (period: string, reasonId: string) => r.rows.find((x) => x.period === period && x.reasonId === reasonId);
      expect(row('2026-10', 'price.too-expensive')).toMatchObject({ departed: 1, revenue: 100, calls: 1, recovered: 1, recoveredRevenue: 100 });
      expect(row('2026-11', 'price.too-expensive')).toMatchObject({ departed: 1, revenue: 20, calls: 1, recovered: 1, recoveredRevenue: 20 });
      expect(row('2026-11', 'price.extra-charges')).toMatchObject({ departed: 1, revenue: 100, calls: 1, recovered: 0 });
      expect(row('2026-10', 'competitor.better-offer')).toMatchObject({ departed: 1, revenue: 50, calls: 1 });
      expect(r.rows).toHaveLength(6);
      expect(r.totals).toMatchObject({ departed: 5, revenue: 280, calls: 6, recovered: 3 });
      const byMonth = await call(b.dispatch, 'reports.reasons', { by: 'diagnosed', group: 'month' });
      expect(new Set(byMonth.rows.map((x) => x.period))).toEqual(new Set(['2026-10', '2026-11']));
    });

    it('recovery by reason, offer, segment, agent, and executives against the team', async () => {
      const r = await call(b.dispatch, 'reports.recovery', {});
      expect(r.totals).toEqual({ calls: 7, recovered: 3, recoveryRate: 3 / 7, recoveredRevenue: 200 });

      expect(pick(r.byReason, 'price.too-expensive')).toMatchObject({ label: 'Too expensive', category: 'Price / value for money', calls: 2, recovered: 2, recoveryRate: 1, recoveredRevenue: 120 });
      expect(pick(r.byReason, 'service.support-attitude')).toMatchObject({ calls: 1, recovered: 1, recoveredRevenue: 80 });
      expect(pick(r.byReason, 'price.extra-charges')).toMatchObject({ calls: 1, recovered: 0 });
      expect(pick(r.byReason, null)).toMatchObject({ label: 'Not diagnosed', calls: 1, recovered: 0 });
      expect(r.byReason.reduce((s, x) => s + x.calls, 0)).toBe(7);

      expect(pick(r.byOffer, 'offer.loyalty-discount')).toMatchObject({ label: '15% off for 3 months', calls: 2, recovered: 2, recoveredRevenue: 120 });
      expect(pick(r.byOffer, 'offer.differentiators')).toMatchObject({ calls: 1, recovered: 0 });
      expect(pick(r.byOffer, 'offer.service-fix')).toMatchObject({ calls: 1, recovered: 1, recoveredRevenue: 80 });
      expect(pick(r.byOffer, 'offer.cheaper-plan')).toMatchObject({ calls: 1, recovered: 1 });
      expect(pick(r.byOffer, 'offer.reactivation')).toMatchObject({ calls: 1, recovered: 0 });
      expect(r.byOffer).toHaveLength(5);

      expect(pick(r.bySegment, 'Month-to-month')).toMatchObject({ calls: 3, recovered: 2, recoveredRevenue: 180 });
      expect(pick(r.bySegment, 'One year')).toMatchObject({ calls: 2, recovered: 0 });
      expect(pick(r.bySegment, 'Two year')).toMatchObject({ calls: 1, recovered: 1, recoveredRevenue: 20 });
      expect(pick(r.bySegment, null)).toMatchObject({ label: 'No segment', calls: 1, recovered: 0 });

      expect(pick(r.byAgent, PEOPLE.alex.id)).toMatchObject({ label: 'Alex Agent', role: 'agent', calls: 2, recovered: 1, recoveryRate: 0.5, recoveredRevenue: 100 });
      expect(pick(r.byAgent, PEOPLE.sam.id)).toMatchObject({ label: 'Sam Agent', calls: 3, recovered: 1, recoveredRevenue: 80 });
      expect(pick(r.byAgent, PEOPLE.morgan.id)).toMatchObject({ label: 'Morgan Executive', role: 'executive', calls: 2, recovered: 1, recoveredRevenue: 20 });

      expect(pick(r.byCallerGroup, 'executive')).toMatchObject({ label: 'Executives', calls: 2, recovered: 1, recoveryRate: 0.5, recoveredRevenue: 20 });
      expect(pick(r.byCallerGroup, 'team')).toMatchObject({ label: 'Recovery team', calls: 5, recovered: 2, recoveryRate: 0.4, recoveredRevenue: 180 });
    });

    it('the offer matrix: offered, accepted and recovered per reason and offer', async () => {
      const { cells } = await call(b.dispatch, 'reports.offerMatrix', {});
      const cell = (reasonId: string, offerId: string) => cells.find((c) => c.reasonId === reasonId && c.offerId === offerId);
      expect(cells).toHaveLength(5);
      expect(cell('price.too-expensive', 'offer.loyalty-discount')).toMatchObject({ reason: 'Too expensive', offer: '15% off for 3 months', offered: 2, accepted: 2, recovered: 2 });
      expect(cell('competitor.better-offer', 'offer.differentiators')).toMatchObject({ offered: 1, accepted: 0, recovered: 0 });
      expect(cell('competitor.better-offer', 'offer.loyalty-discount')).toBeUndefined();
      expect(cell('service.support-attitude', 'offer.service-fix')).toMatchObject({ offered: 1, accepted: 1, recovered: 1 });
      expect(cell('service.support-attitude', 'offer.cheaper-plan')).toMatchObject({ offered: 1, accepted: 0, recovered: 1 });
      expect(cell('unknown.dont-know', 'offer.reactivation')).toMatchObject({ offered: 1, accepted: 0, recovered: 0 });
    });

    it('stated versus diagnosed agreement, exactly and by category', async () => {
      const a = await call(b.dispatch, 'reports.agreement', {});
      expect(a).toEqual({
        compared: 5,
        agreed: 4,
        rate: 0.8,
        categoryAgreed: 5,
        categoryRate: 1,
        notComparable: 1,
        mismatches: [{ statedReasonId: 'price.too-expensive', stated: 'Too expensive', diagnosedReasonId: 'price.extra-charges', diagnosed: 'Extra charges', calls: 1 }],
      });
    });

    it('filters calls by cycle, segment and dates', async () => {
      expect((await call(b.dispatch, 'reports.recovery', { cycle: 'October 2026' })).totals).toMatchObject({ calls: 3, recovered: 1 });
      expect((await call(b.dispatch, 'reports.recovery', { cycle: '2026-11' })).totals).toMatchObject({ calls: 4, recovered: 2 });
      expect((await call(b.dispatch, 'reports.recovery', { segment: 'Month-to-month' })).totals).toMatchObject({ calls: 3, recovered: 2 });
      expect((await call(b.dispatch, 'reports.recovery', { team: 'Billing desk' })).totals).toMatchObject({ calls: 3, recovered: 1 });
      expect((await call(b.dispatch, 'reports.recovery', { product: 'Fiber optic' })).totals).toMatchObject({ calls: 3, recovered: 1 });
      expect((await call(b.dispatch, 'reports.recovery', { from: '2026-11-05', to: '2026-11-06' })).totals).toMatchObject({ calls: 2, recovered: 1 });
      expect((await call(b.dispatch, 'reports.offerMatrix', { cycle: 'October 2026' })).cells).toHaveLength(2);
      expect((await call(b.dispatch, 'reports.agreement', { cycle: 'October 2026' }))).toMatchObject({ compared: 2, agreed: 2 });
    });

    it('shows an agent and an executive only their own calls, a manager everything', async () => {
      await signIn(b.dispatch, { name: PEOPLE.sam.name, role: 'agent' });
      expect((await call(b.dispatch, 'reports.options', {})).scope).toBe('own');
      const rec = await call(b.dispatch, 'reports.recovery', {});
      expect(rec.totals).toMatchObject({ calls: 3, recovered: 1, recoveredRevenue: 80 });
      expect(rec.byAgent.map((a) => a.label)).toEqual(['Sam Agent']);
      const stated = await call(b.dispatch, 'reports.reasons', { by: 'stated' });
      expect(stated.totals).toMatchObject({ departed: 3, revenue: 210, calls: 3, recovered: 1 });

      await signIn(b.dispatch, { name: PEOPLE.morgan.name, role: 'executive' });
      const exec = await call(b.dispatch, 'reports.recovery', {});
      expect(exec.totals).toMatchObject({ calls: 2, recovered: 1 });
      expect((await call(b.dispatch, 'reports.offerMatrix', {})).cells.map((c) => c.offerId).sort()).toEqual(['offer.differentiators', 'offer.loyalty-discount']);

      await signIn(b.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
      expect((await call(b.dispatch, 'reports.options', {})).scope).toBe('all');
      expect((await call(b.dispatch, 'reports.recovery', {})).totals.calls).toBe(7);
    });

    it('offers the filters that occur in the data and every reason, retired ones marked', async () => {
      b.db.prepare("UPDATE reasons SET retired_at = '2026-11-01' WHERE id = 'passive.forgot'").run();
      const o = await call(b.dispatch, 'reports.options', {});
      expect(o.cycles.map((c) => c.name)).toEqual(['November 2026', 'October 2026']);
      expect(o.segments).toEqual(['Month-to-month', 'One year', 'Two year']);
      expect(o.products).toEqual(['DSL', 'Fiber optic']);
      expect(o.teams).toEqual(['Billing desk', 'Support North']);
      const passive = o.categories.find((c) => c.id === 'passive');
      expect(passive?.reasons.find((r) => r.id === 'passive.forgot')).toEqual({ id: 'passive.forgot', name: 'Forgot to renew', retired: true });
    });
  });
});
