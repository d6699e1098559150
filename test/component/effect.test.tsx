import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EffectContainer } from '../../renderer/src/views/trends/EffectPanel';
import { Notices } from '../../renderer/src/components/Notices';
import { buildEffectReport, type EffectCell } from '../../shared/reports/effect';
import { buildOfferEconomics } from '../../shared/reports/offerEconomics';
import { buildHandleTimeReport } from '../../shared/reports/handleTime';
import { installFakeApi } from './fakeApi';

/** Newcombe's example (a): 56 of 70 called came back, 48 of 80 held out. */
const cells: EffectCell[] = [
  { cycleId: '2026-11', cycle: 'November 2026', reasonId: 'price', reason: 'Too expensive', segment: 'One year', control: false, customers: 70, called: 60, returned: 56 },
  { cycleId: '2026-11', cycle: 'November 2026', reasonId: 'price', reason: 'Too expensive', segment: 'One year', control: true, customers: 80, called: 0, returned: 48 },
];
const effect = buildEffectReport(cells, [{ cycleId: '2026-11', cycle: 'November 2026', sharePercent: 50 }], [
  {
    id: 'e1',
    name: 'Discount or walkthrough',
    baseOfferId: 'o1',
    running: true,
    winnerOfferId: null,
    decisionNote: '',
    variants: [
      { offerId: 'o1', offer: '15% off', weight: 1, customers: 10, recovered: 3 },
      { offerId: 'o2', offer: 'Walkthrough', weight: 1, customers: 10, recovered: 4 },
    ],
  },
], null);
// A fixed $100 offer that kept a $5 customer for one month: flagged.
const offers = buildOfferEconomics(
  [{ offerId: 'o3', offer: 'Gift card', reasonId: null, reason: null, segment: null, monthlyCents: 500, returnedOn: '2026-11-01', relostOn: '2026-11-20', cost: { kind: 'fixed', amount: 100 } }],
  [{ offerId: 'o3', offer: 'Gift card', reasonId: null, reason: null, segment: null, calls: 4 }],
  null,
);
const handleTime = buildHandleTimeReport(
  [{ callerId: 'p1', caller: 'Ann', role: 'agent', cycleId: '2026-11', cycle: 'November 2026', outcome: 'recovered', calls: 2, talkMs: 600_000, wrapMs: 120_000, stageMs: { apologize: 60_000, listen: 240_000, diagnose: 120_000, assist: 120_000, offer: 60_000 } }],
  1,
  null,
);

describe('Did the calls work', () => {
  it('reads the answer, the interval, the experiment, the offers that lose money and handle time; sets a control group', async () => {
    const { calls } = installFakeApi({
      'effect.report': () => effect,
      'effect.offers': () => offers,
      'effect.handleTime': () => handleTime,
      'effect.controls': () => [{ cycleId: '2026-11', cycle: 'November 2026', sharePercent: 50, toCall: 70, control: 80 }],
      'effect.setControl': (i) => ({ cycleId: i.cycleId, cycle: 'December 2026', sharePercent: i.sharePercent, toCall: 90, control: 10 }),
    });
    render(
      <>
        <EffectContainer cycle={undefined} cycles={[{ id: '2026-12', name: 'December 2026' }, { id: '2026-11', name: 'November 2026' }]} />
        <Notices />
      </>,
    );
    const answer = await screen.findByRole('group', { name: 'Did the calls work: the answer' }, { timeout: 5000 });
    expect(answer).toHaveTextContent('The calls won back more customers than not calling.');
    expect(answer).toHaveTextContent('came back at 80.0% (56 of 70); the control group, not called, at 60.0% (48 of 80). Difference +20.0 pts, 95% interval +5.2 pts to +33.4 pts.');
    const experiment = screen.getByRole('region', { name: 'Experiment Discount or walkthrough' });
    expect(experiment).toHaveTextContent('The data cannot tell the variants apart yet');
    expect(screen.getByRole('table', { name: 'Offer economics by offer' })).toHaveTextContent('Gift card ⚠ costs more than it keeps');
    expect(within(screen.getByRole('table', { name: 'Offer economics by offer' })).getByText('-$95.00')).toBeInTheDocument();
    expect(screen.getByText(/2 timed calls: 6:00 average handle time \(5:00 talk, 1:00 wrap\)\. 1 call from before timings were kept is left out/)).toBeInTheDocument();

    await userEvent.clear(screen.getByLabelText('Control share (%)'));
    await userEvent.type(screen.getByLabelText('Control share (%)'), '10');
    await userEvent.click(screen.getByRole('button', { name: 'Set control group' }));
    await waitFor(() => expect(calls).toContainEqual(['effect.setControl', { cycleId: '2026-12', sharePercent: 10 }]));
    expect(await screen.findByText('December 2026: 10% held out, 10 customers will not be called.')).toBeInTheDocument();
  });

  it('shows a refused control share as the backend says it', async () => {
    installFakeApi({
      'effect.setControl': () => ({ code: 'conflict', message: 'The control group of December 2026 is fixed: 3 of its customers have already been called.' }),
    });
    render(
      <>
        <EffectContainer cycle={undefined} cycles={[{ id: '2026-12', name: 'December 2026' }]} />
        <Notices />
      </>,
    );
    expect(await screen.findByText(/No cycle has a control group yet/, undefined, { timeout: 5000 })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Set control group' }));
    expect(await screen.findByText(/The control group of December 2026 is fixed/)).toBeInTheDocument();
  });
});
