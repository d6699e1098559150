import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { call } from '../helpers/backend';
import { fullCall } from '../helpers/callFixtures';
import { importFile, writeFixture } from '../helpers/importing';
import { handleTimeCells, offersMadeCells, wonBackCells } from '../../db/repos/effectReports';
import { buildOfferEconomicsFromCells, OfferEconomicsReport } from '../../shared/reports/offerEconomics';
import { buildHandleTimeReport, HandleTimeReport } from '../../shared/reports/handleTime';
import type { OFFER_ANSWERS } from '../../shared/domain/callMachine';
import { startTestHub, type TestHub } from './hubHarness';
import { hubConsole, type TestConsole } from './consoles';
import { STORE_KINDS } from './stores';
import { handleTimeFromEvents, offerEconomicsFromEvents } from '../../hub/effectMoney';
import { fillEffectCells } from '../../hub/store/effectMigrations';
import { EFFECT_TABLES } from '../../hub/store/effectStore';

/**
 * Offer economics and handle time on the hub equal what one console holding every call would say.
 * Two desks import customers of their own, make calls (accepted, declined and unanswered offers;
 * recoveries and refusals; timed stages), correct one, import returns with new revenue, flag a
 * re-loss and price an offer. A console holding all of it would sum exactly the cells each desk
 * sums (db/repos/effectReports.ts) through the same builders: that union is the expected answer,
 * to the cent and the millisecond.
 */
const D = 'offer.loyalty-discount';
const W = 'offer.walkthrough';
type Spec = { id: string; outcome: 'recovered' | 'declined'; offers: { offerId: string; answer: (typeof OFFER_ANSWERS)[number] }[]; listenS: number; wrapS: number };

const DESKS: { person: string; prefix: string; calls: Spec[]; returns: string }[] = [
  {
    person: 'Pat Manager',
    prefix: 'A',
    calls: [
      { id: 'A01', outcome: 'recovered', offers: [{ offerId: D, answer: 'accepted' }], listenS: 95, wrapS: 40 },
      { id: 'A02', outcome: 'declined', offers: [{ offerId: D, answer: 'declined' }, { offerId: W, answer: 'accepted' }], listenS: 130, wrapS: 25 },
      { id: 'A03', outcome: 'declined', offers: [{ offerId: D, answer: 'declined' }], listenS: 61, wrapS: 12 },
      { id: 'A04', outcome: 'recovered', offers: [{ offerId: W, answer: 'accepted' }], listenS: 240, wrapS: 75 },
      { id: 'A05', outcome: 'declined', offers: [{ offerId: D, answer: 'not_offered' }], listenS: 33, wrapS: 9 },
    ],
    // A02 came back after all, paying 25.99; A05 came back without an accepted offer.
    returns: 'Customer ID,Returned on,Monthly revenue\nA02,2026-11-20,25.99\nA05,2026-11-21,\n',
  },
  {
    person: 'Sam Manager',
    prefix: 'B',
    calls: [
      { id: 'B01', outcome: 'recovered', offers: [{ offerId: D, answer: 'accepted' }], listenS: 80, wrapS: 30 },
      { id: 'B02', outcome: 'recovered', offers: [{ offerId: W, answer: 'accepted' }, { offerId: D, answer: 'considering' }], listenS: 150, wrapS: 45 },
      { id: 'B03', outcome: 'declined', offers: [{ offerId: D, answer: 'declined' }], listenS: 45, wrapS: 20 },
      { id: 'B04', outcome: 'declined', offers: [{ offerId: W, answer: 'declined' }], listenS: 70, wrapS: 15 },
    ],
    returns: 'Customer ID,Returned on,Monthly revenue\nB01,2026-11-18,41.50\nB03,2026-11-25,19.99\n',
  },
];

const REVENUE = [49.99, 29.99, 64.5, 19.99, 80];
const SEGMENTS = ['Month-to-month', 'One year'];
const STATED = ['Price too high', 'Competitor made better offer'];

for (const { kind, available, why } of STORE_KINDS) {
  describe.skipIf(!available)(`offer economics and handle time across the org on ${kind}${available ? '' : ` (skipped: ${why})`}`, () => {
    let hub: TestHub;
    let desks: TestConsole[] = [];
    let clock = new Date('2026-11-16T15:00:00Z');
    const union = (cycleId: string | null, cycleName: string | null) => ({
      offers: buildOfferEconomicsFromCells(
        desks.flatMap((d) => wonBackCells(d.db, cycleId)),
        desks.flatMap((d) => offersMadeCells(d.db, cycleId)),
        cycleName,
      ),
      handle: buildHandleTimeReport(
        desks.flatMap((d) => handleTimeCells(d.db, cycleId).cells),
        desks.reduce((n, d) => n + handleTimeCells(d.db, cycleId).untimed, 0),
        cycleName,
      ),
    });

    beforeAll(async () => {
      hub = await startTestHub(kind);
      for (const desk of DESKS) {
        const d = await hubConsole(hub, { name: desk.person, role: 'manager' }, () => clock);
        desks.push(d);
        const rows = [1, 2, 3, 4, 5].map((n, i) => `${desk.prefix}0${n},Customer ${n},+1 555-0100,${SEGMENTS[i % 2]},${REVENUE[i]},2026-11-05,${STATED[i % 2]}`);
        await importFile(d, writeFixture(d, 'departed.csv', `id,name,phone,segment,revenue,left,reason\n${rows.join('\n')}\n`), {
          mapping: { columns: { externalId: 'id', name: 'name', phone: 'phone', segment: 'segment', monthlyRevenue: 'revenue', departedAt: 'left', statedReason: 'reason' } },
        });
        d.db.prepare("INSERT INTO settings (key, value) VALUES ('contact.callingHoursEnforced', 'false') ON CONFLICT(key) DO UPDATE SET value = 'false'").run();
        // One playbook org-wide: the walkthrough costs a fixed 40.00; the discount costs its own 15% for 3 months.
        await call(d.dispatch, 'effect.setOfferCost', { offerId: W, model: 'fixed', percent: null, months: null, amount: 40 });
        for (const spec of desk.calls) {
          clock = new Date(clock.getTime() + 10 * 60_000);
          const customerId = d.db.prepare('SELECT id FROM customers WHERE external_id = ?').pluck().get(spec.id) as number;
          const s = await call(d.dispatch, 'call.start', { customerId });
          const at = (secondsBefore: number) => new Date(clock.getTime() - secondsBefore * 1000).toISOString();
          const state = fullCall(s.state, {
            outcome: spec.outcome,
            offer: { skippedBecause: '', answers: spec.offers, note: '' },
            clock: { stageSince: at(spec.wrapS), outcomeAt: at(spec.wrapS), stageMs: { apologize: 20_000, listen: spec.listenS * 1000, diagnose: 55_000, assist: 31_000, offer: 47_000 } },
          });
          await call(d.dispatch, 'call.complete', { state });
        }
        await call(d.dispatch, 'effect.importReturns', { fileName: 'back.csv', text: desk.returns });
      }
      const [a, b] = desks as [TestConsole, TestConsole];
      // A correction on B: B04 took the walkthrough after all and came back; its times stay.
      const b04 = b.db.prepare("SELECT k.id FROM calls k JOIN customers c ON c.id = k.customer_id WHERE c.external_id = 'B04'").pluck().get() as string;
      await call(b.dispatch, 'call.amend', { callId: b04, note: 'Rang back to take the walkthrough', outcome: 'recovered', offers: [{ offerId: W, answer: 'accepted' }] });
      // A01, won back by the call on 16 November, is lost again on 2 February: three months paid.
      clock = new Date('2027-02-10T10:00:00Z');
      const enrolmentId = a.db.prepare("SELECT e.id FROM care_enrolments e JOIN customers c ON c.id = e.customer_id WHERE c.external_id = 'A01'").pluck().get() as string;
      await call(a.dispatch, 'care.markDeparted', { enrolmentId, departedOn: '2027-02-02' });
      // A later price for the discount (10% for 6 months) counts for every customer it won back, on the hub as on the desks.
      for (const d of desks) await call(d.dispatch, 'effect.setOfferCost', { offerId: D, model: 'discount', percent: 10, months: 6, amount: null });
      for (const d of desks) for (let round = 0; round < 20; round++) if ((await d.push()).pending === 0) break;
    });
    afterAll(async () => {
      for (const d of desks) d.dispose();
      desks = [];
      await hub?.close();
    });

    it('gives the net revenue one console holding every call gives, to the cent, by offer, reason and segment', async () => {
      const res = await hub.get('/v1/effect/offers', desks[0]?.token ?? '');
      expect(res.status).toBe(200);
      const org = OfferEconomicsReport.parse(await res.json());
      const expected = union(null, null).offers;
      expect(org).toEqual(expected);
      // Won back with an accepted offer: A01, A04, B02 (recovered by the call), A02, B01 (returned), B04 (corrected).
      expect(org.totals.wonBack).toBe(6);
      expect(org.totals.callsMade).toBe(desks.reduce((n, d) => n + (d.db.prepare("SELECT count(*) FROM call_offers WHERE answer <> 'not_offered'").pluck().get() as number), 0));
      expect(org.totals.netCents).toBe(org.totals.revenueCents - org.totals.costCents);
      // The walkthrough won back A02, A04, B02 and B04 at a fixed 40.00 each.
      expect(org.byOffer.find((o) => o.offerId === W)?.costCents).toBe(4 * 4000);

      const one = OfferEconomicsReport.parse(await (await hub.get(`/v1/effect/offers?cycle=${encodeURIComponent('November 2026')}`, desks[0]?.token ?? '')).json());
      expect(one).toEqual(union('2026-11', 'November 2026').offers);
      // The cells kept at ingest give what every event the hub holds gives, worked out afresh.
      expect(org).toEqual(await offerEconomicsFromEvents(hub.store, {}));
      expect(one).toEqual(await offerEconomicsFromEvents(hub.store, { cycle: 'November 2026' }));
    });

    it('gives the handle time one console holding every call gives, by caller, group, cycle and outcome', async () => {
      const res = await hub.get('/v1/effect/handle-time', desks[1]?.token ?? '');
      expect(res.status).toBe(200);
      const org = HandleTimeReport.parse(await res.json());
      expect(org).toEqual(union(null, null).handle);
      expect(org.overall.calls).toBe(9);
      // Talk is the stages' time; wrap from the outcome to completion, unchanged by B04's correction.
      const listen = [95, 130, 61, 240, 33, 80, 150, 45, 70].reduce((n, s) => n + s * 1000, 0);
      expect(org.overall.talkMs).toBe(listen + 9 * (20_000 + 55_000 + 31_000 + 47_000));
      expect(org.overall.wrapMs).toBe([40, 25, 12, 75, 9, 30, 45, 20, 15].reduce((n, s) => n + s * 1000, 0));
      expect(org.byCaller.map((r) => [r.label, r.calls])).toEqual([
        ['Pat Manager (manager)', 5],
        ['Sam Manager (manager)', 4],
      ]);
      // Recovered: A01, A04, B01, B02 and B04 as corrected.
      expect(org.byOutcome.find((r) => r.key === 'recovered')?.calls).toBe(5);
      const one = HandleTimeReport.parse(await (await hub.get('/v1/effect/handle-time?cycle=2026-11', desks[1]?.token ?? '')).json());
      expect(one).toEqual(union('2026-11', 'November 2026').handle);
      expect(org).toEqual(await handleTimeFromEvents(hub.store, {}));
      expect(one).toEqual(await handleTimeFromEvents(hub.store, { cycle: '2026-11' }));
    });

    it('counts each event once when a desk sends its events again, or retries a batch holding new events among ones already held', async () => {
      const [a] = desks as [TestConsole, TestConsole];
      const read = async () => ({
        offers: OfferEconomicsReport.parse(await (await hub.get('/v1/effect/offers', a.token)).json()),
        handle: HandleTimeReport.parse(await (await hub.get('/v1/effect/handle-time', a.token)).json()),
      });
      const before = await read();
      // Everything desk A sent, sent again as it was: every event a duplicate.
      const held = (await hub.store.db
        .selectFrom('events')
        .select(['id', 'kind', 'console_id', 'seq', 'occurred_at', 'payload'])
        .where('sent_by', '=', 'Pat Manager')
        .orderBy('rid')
        .execute()) as { id: string; kind: string; console_id: string; seq: number; occurred_at: string; payload: string }[];
      const envelope = (e: (typeof held)[number]) => ({ id: e.id, kind: e.kind, consoleId: e.console_id, seq: Number(e.seq), occurredAt: e.occurred_at, payload: JSON.parse(e.payload) as unknown });
      const again = (await (await hub.post('/v1/events', a.token, { events: held.map(envelope) })).json()) as { accepted: string[]; duplicate: string[] };
      expect(again.accepted).toEqual([]);
      expect(again.duplicate).toHaveLength(held.length);
      expect(await read()).toEqual(before);

      // A retried batch: the same events with a new correction among them (A03 took the discount after all).
      const a03 = a.db.prepare("SELECT k.id FROM calls k JOIN customers c ON c.id = k.customer_id WHERE c.external_id = 'A03'").pluck().get() as string;
      const amendment = {
        id: randomUUID(),
        kind: 'call.amended',
        consoleId: held[0]?.console_id ?? '',
        seq: 10_000,
        occurredAt: '2027-02-11T10:00:00.000Z',
        payload: { callId: a03, amendedAt: '2027-02-11T10:00:00.000Z', amendedBy: 'pat', outcome: 'recovered', offers: [{ offerId: D, answer: 'accepted' }] },
      };
      for (let i = 0; i < 2; i++) {
        const retried = (await (await hub.post('/v1/events', a.token, { events: [...held.slice(0, 5).map(envelope), amendment] })).json()) as { accepted: string[] };
        expect(retried.accepted).toEqual(i === 0 ? [amendment.id] : []);
      }
      const after = await read();
      expect(after.offers.totals.wonBack).toBe(before.offers.totals.wonBack + 1);
      expect(after.offers).toEqual(await offerEconomicsFromEvents(hub.store, {}));
      expect(after.handle).toEqual(await handleTimeFromEvents(hub.store, {}));

      // Built afresh from the events held (as a hub upgrading to these cells does), the cells say the same.
      for (const t of EFFECT_TABLES) await hub.store.db.deleteFrom(t as 'events').execute();
      await fillEffectCells(hub.store.db as never, kind);
      expect(await read()).toEqual(after);
    });

    it("answers managers only: an agent's token is refused, and bad filters are named", async () => {
      const agent = await hub.token('Andy Agent', 'agent');
      for (const path of ['/v1/effect/offers', '/v1/effect/handle-time']) {
        const refused = await hub.get(path, agent);
        expect(refused.status).toBe(403);
        expect(await refused.json()).toEqual({ error: { code: 'forbidden', message: 'This needs a manager token; "Andy Agent" is agent.' } });
        const bad = await hub.get(`${path}?period=all`, desks[0]?.token ?? '');
        expect(bad.status).toBe(400);
      }
    });

    it('still takes a call from an older console without offer names, costs or cycle id, and counts its offer at no cost', async () => {
      const token = await hub.token('Old Desk', 'agent');
      const payload = {
        callId: 'old-call-1',
        externalId: 'OLD-1',
        cycle: 'November 2026',
        completedAt: '2026-11-20T10:00:00.000Z',
        callerId: 'old-person',
        callerName: 'Olive Older',
        callerRole: 'agent',
        outcome: 'recovered',
        reasonConfirmed: true,
        diagnosedReasons: [{ reasonId: 'price.too-expensive', categoryId: 'price', primary: true }],
        offers: [{ offerId: 'offer.old-plan', answer: 'accepted' }],
        monthlyRevenue: 10,
        segment: null,
        product: null,
        statedReasonId: null,
      };
      const sent = await hub.post('/v1/events', token, { events: [{ id: randomUUID(), kind: 'call.completed', consoleId: 'old-console', seq: 1, occurredAt: payload.completedAt, payload }] });
      expect(((await sent.json()) as { accepted: string[] }).accepted).toHaveLength(1);
      const org = OfferEconomicsReport.parse(await (await hub.get('/v1/effect/offers', desks[0]?.token ?? '')).json());
      // No departure reached the hub for OLD-1: no revenue known, so 0.00 won back at no cost; the offer named by its id.
      expect(org.byOffer.find((o) => o.offerId === 'offer.old-plan')).toMatchObject({ offer: 'offer.old-plan', wonBack: 1, callsMade: 1, revenueCents: 0, costCents: 0 });
      const handle = HandleTimeReport.parse(await (await hub.get('/v1/effect/handle-time', desks[0]?.token ?? '')).json());
      expect(handle.untimedCalls).toBe(1);
      expect(handle.overall.calls).toBe(9);
    });
  });
}
