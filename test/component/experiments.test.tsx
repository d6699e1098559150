import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { EffectContainer } from '../../renderer/src/views/trends/EffectPanel';
import { Notices } from '../../renderer/src/components/Notices';
import { buildEffectReport, type ExperimentCells, type GuidanceExperimentCells } from '../../shared/reports/effect';
import type { Offer } from '../../shared/api/call';
import { installFakeApi } from './fakeApi';

const offer = (id: string, name: string, retired = false): Offer => ({
  id,
  name,
  type: 'discount',
  talkingPoints: '',
  percent: 15,
  durationMonths: 3,
  generatesCode: false,
  product: null,
  retired,
});
const playbook = { offers: [offer('o1', '15% off'), offer('o2', 'Walkthrough'), offer('o3', 'Free month'), offer('o9', 'Old gift card', true)], rules: [] };
const cycles = [{ id: '2026-12', name: 'December 2026' }];
const SHORT = 'Say sorry in one sentence, then ask what happened.';

/**
 * 81 of 263 and 15 of 148 are Newcombe's (1998) worked example: Wilson intervals 0.2553 to 0.3662
 * and 0.0624 to 0.1605, a difference the data can tell. 10 of 40 against 12 of 40 it cannot.
 */
const apology = (over: Partial<GuidanceExperimentCells> = {}): GuidanceExperimentCells => ({
  id: 'g1',
  name: 'A shorter apology',
  stage: 'apologize',
  running: true,
  winnerVariantId: null,
  decisionNote: '',
  variants: [
    { variantId: 'v-current', label: 'Current', text: '', weight: 1, customers: 40, recovered: 10 },
    { variantId: 'v-short', label: 'Short', text: SHORT, weight: 1, customers: 40, recovered: 12 },
  ],
  ...over,
});
const discount: ExperimentCells = {
  id: 'e1',
  name: 'Discount or walkthrough',
  baseOfferId: 'o1',
  running: true,
  winnerOfferId: null,
  decisionNote: '',
  variants: [
    { offerId: 'o1', offer: '15% off', weight: 3, customers: 263, recovered: 81 },
    { offerId: 'o2', offer: 'Walkthrough', weight: 1, customers: 148, recovered: 15 },
  ],
};
const report = (guidance: GuidanceExperimentCells[], offers: ExperimentCells[] = []) => buildEffectReport([], [], offers, null, guidance);

function renderPanel(answers: Parameters<typeof installFakeApi>[0]) {
  const api = installFakeApi({ 'playbook.list': () => playbook, ...answers });
  render(
    <>
      <EffectContainer cycle={undefined} cycles={cycles} />
      <Notices />
    </>,
  );
  return api;
}

describe('Starting an experiment from Trends', () => {
  it('says at each field what is wrong with a guidance experiment, calls nothing, then starts the one that is right', async () => {
    const user = userEvent.setup();
    const { calls } = renderPanel({
      'effect.report': () => report([]),
      'effect.startGuidanceExperiment': () => ({ id: 'g2' }),
    });
    await user.click(await screen.findByRole('button', { name: 'Start an experiment…' }, { timeout: 5000 }));
    const form = screen.getByRole('form', { name: 'Start an experiment' });
    expect(within(form).getByRole('radio', { name: 'Wordings of a call stage' })).toHaveFocus();
    const variant = (n: number) => within(form).getByRole('group', { name: `Variant ${n}` });
    await user.clear(within(variant(2)).getByLabelText('Weight'));
    await user.type(within(variant(2)).getByLabelText('Weight'), '0');
    await user.type(within(variant(1)).getByLabelText('Variant name'), 'Current');
    await user.type(within(variant(2)).getByLabelText('Variant name'), 'current');
    await user.click(within(form).getByRole('button', { name: 'Start experiment' }));

    expect(within(form).getByLabelText('Experiment name')).toHaveAccessibleDescription('Name the experiment.');
    // The cursor moves on the next frame, once the problems are drawn.
    await waitFor(() => expect(within(form).getByLabelText('Experiment name')).toHaveFocus());
    expect(within(form).getByLabelText('Stage')).toHaveAccessibleDescription('Choose the stage whose wording to try.');
    expect(within(variant(2)).getByLabelText('Variant name')).toHaveAccessibleDescription('Another variant is already called “current”.');
    expect(within(variant(2)).getByLabelText('Wording')).toHaveAccessibleDescription(/Only one variant can keep the current wording: write this one's\.$/);
    expect(within(variant(2)).getByLabelText('Weight')).toHaveAccessibleDescription('A weight is more than 0.');
    expect(within(variant(2)).getByLabelText('Weight')).toHaveAttribute('aria-invalid', 'true');
    expect(within(variant(1)).getByLabelText('Variant name')).not.toHaveAttribute('aria-invalid');
    expect(calls.some(([c]) => c === 'effect.startGuidanceExperiment')).toBe(false);

    await user.type(within(form).getByLabelText('Experiment name'), 'A shorter apology');
    await user.selectOptions(within(form).getByLabelText('Stage'), 'Apologize');
    await user.clear(within(variant(2)).getByLabelText('Variant name'));
    await user.type(within(variant(2)).getByLabelText('Variant name'), 'Short');
    await user.type(within(variant(2)).getByLabelText('Wording'), SHORT);
    await user.clear(within(variant(2)).getByLabelText('Weight'));
    await user.type(within(variant(2)).getByLabelText('Weight'), '2,5');
    await user.click(within(form).getByRole('button', { name: 'Add a variant' }));
    await user.type(within(variant(3)).getByLabelText('Variant name'), 'Warm');
    await user.type(within(variant(3)).getByLabelText('Wording'), 'Thank them for the years with us first.');
    await user.type(within(variant(3)).getByLabelText('Weight'), 'x');
    await user.click(within(form).getByRole('button', { name: 'Start experiment' }));
    expect(within(variant(3)).getByLabelText('Weight')).toHaveAccessibleDescription('Enter the weight as a number, such as 1 or 2.5.');
    await user.click(within(variant(3)).getByRole('button', { name: 'Remove variant 3' }));
    expect(within(form).queryByRole('group', { name: 'Variant 3' })).toBeNull();
    expect(within(variant(1)).getByRole('button', { name: 'Remove variant 1' })).toBeDisabled();
    await user.click(within(form).getByRole('button', { name: 'Start experiment' }));

    await waitFor(() =>
      expect(calls).toContainEqual([
        'effect.startGuidanceExperiment',
        {
          name: 'A shorter apology',
          stage: 'apologize',
          variants: [
            { label: 'Current', text: '', weight: 1 },
            { label: 'Short', text: SHORT, weight: 2.5 },
          ],
        },
      ]),
    );
    expect(await screen.findByText('Experiment “A shorter apology” started: from the next call on, each customer gets one of its variants.')).toBeInTheDocument();
    // Started, the form closes and the button to start another takes the cursor back.
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Start an experiment' })).toBeNull());
    await waitFor(() => expect(screen.getByRole('button', { name: 'Start an experiment…' })).toHaveFocus());
  });

  it('starts an offer experiment over the offers in use, refusing an offer twice and a stage already under trial', async () => {
    const user = userEvent.setup();
    const { calls } = renderPanel({
      'effect.report': () => report([apology()]),
      'effect.startExperiment': () => ({ id: 'e2' }),
    });
    await user.click(await screen.findByRole('button', { name: 'Start an experiment…' }, { timeout: 5000 }));
    const form = screen.getByRole('form', { name: 'Start an experiment' });
    await user.selectOptions(within(form).getByLabelText('Stage'), 'Apologize');
    await user.click(within(form).getByRole('button', { name: 'Start experiment' }));
    expect(within(form).getByLabelText('Stage')).toHaveAccessibleDescription('“A shorter apology” is already trying wordings of this stage; end it first.');

    await user.click(within(form).getByRole('radio', { name: 'Offers' }));
    const variant = (n: number) => within(form).getByRole('group', { name: `Variant ${n}` });
    // Retired offers cannot be a variant.
    expect(within(variant(1)).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose an offer', '15% off', 'Walkthrough', 'Free month']);
    await user.type(within(form).getByLabelText('Experiment name'), 'Free month against 15% off');
    await user.selectOptions(within(variant(1)).getByLabelText('Offer'), '15% off');
    await user.selectOptions(within(variant(2)).getByLabelText('Offer'), '15% off');
    await user.click(within(form).getByRole('button', { name: 'Start experiment' }));
    expect(within(form).getByLabelText('Offer the rules propose now')).toHaveAccessibleDescription('Choose the offer the rules propose now.');
    expect(within(variant(2)).getByLabelText('Offer')).toHaveAccessibleDescription('This offer is already another variant.');
    expect(calls.some(([c]) => c === 'effect.startExperiment')).toBe(false);

    await user.selectOptions(within(form).getByLabelText('Offer the rules propose now'), '15% off');
    await user.selectOptions(within(variant(2)).getByLabelText('Offer'), 'Free month');
    await user.clear(within(variant(1)).getByLabelText('Weight'));
    await user.type(within(variant(1)).getByLabelText('Weight'), '3');
    await user.click(within(form).getByRole('button', { name: 'Start experiment' }));
    await waitFor(() =>
      expect(calls).toContainEqual([
        'effect.startExperiment',
        {
          name: 'Free month against 15% off',
          baseOfferId: 'o1',
          variants: [
            { offerId: 'o1', weight: 3 },
            { offerId: 'o3', weight: 1 },
          ],
        },
      ]),
    );
  });

  it('keeps what the manager typed when the backend refuses, and says why', async () => {
    const user = userEvent.setup();
    renderPanel({
      'effect.report': () => report([]),
      'effect.startGuidanceExperiment': () => ({ code: 'conflict', message: '"Warmer close" is already trying wordings of the Offer stage; end it first.' }),
    });
    await user.click(await screen.findByRole('button', { name: 'Start an experiment…' }, { timeout: 5000 }));
    const form = screen.getByRole('form', { name: 'Start an experiment' });
    await user.type(within(form).getByLabelText('Experiment name'), 'Closing words');
    await user.selectOptions(within(form).getByLabelText('Stage'), 'Offer');
    await user.type(within(within(form).getByRole('group', { name: 'Variant 1' })).getByLabelText('Variant name'), 'A');
    await user.type(within(within(form).getByRole('group', { name: 'Variant 2' })).getByLabelText('Variant name'), 'B');
    await user.type(within(within(form).getByRole('group', { name: 'Variant 2' })).getByLabelText('Wording'), 'Would a month on us help?');
    await user.click(within(form).getByRole('button', { name: 'Start experiment' }));
    expect(await screen.findByText(/"Warmer close" is already trying wordings of the Offer stage/)).toBeInTheDocument();
    expect(within(form).getByLabelText('Experiment name')).toHaveValue('Closing words');
  });
});

describe('An experiment on the Trends page', () => {
  it("shows each wording's calls, rate and 95% interval, says the data cannot tell them apart, and ends it keeping the winner after a confirmation", async () => {
    const user = userEvent.setup();
    let current = report([apology()]);
    const { calls } = renderPanel({
      'effect.report': () => current,
      'effect.endGuidanceExperiment': (i) => {
        current = report([apology({ running: false, winnerVariantId: i.winnerVariantId, decisionNote: i.note })]);
        return { stage: 'apologize', playbookChanged: true };
      },
    });
    const card = await screen.findByRole('region', { name: 'Experiment A shorter apology' }, { timeout: 5000 });
    expect(within(card).getByRole('heading', { level: 4 })).toHaveTextContent('A shorter apology: wordings of the Apologize stage running');
    const table = within(card).getByRole('table', { name: 'Variants of A shorter apology' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    // Wilson: 10/40 is 14.2% to 40.2%, 12/40 is 18.1% to 45.4%.
    expect(rows).toEqual([
      ['Current', 'The stage\'s current wording', '50.0%', '40', '10', '25.0%', '14.2% to 40.2%'],
      ['Short', SHORT, '50.0%', '40', '12', '30.0%', '18.1% to 45.4%'],
    ]);
    expect(card).toHaveTextContent(
      'The data cannot tell the variants apart yet: Short leads Current by +5.0 pts, but the 95% interval (-14.3 pts to +23.8 pts) includes no difference. Keep calling before choosing a winner.',
    );

    // The leading wording is proposed; nothing is ended before the manager confirms what happens.
    expect(within(card).getByLabelText('Keep')).toHaveDisplayValue('Short');
    await user.type(within(card).getByLabelText('Why (kept with the decision)'), 'Shorter apologies kept people on the line.');
    await user.click(within(card).getByRole('button', { name: 'End experiment' }));
    const confirm = within(card).getByRole('alertdialog');
    expect(confirm).toHaveTextContent(
      'End “A shorter apology” and keep “Short”: from the next call on, every customer hears it at the Apologize stage, as the playbook\'s wording, and the other wordings are no longer shown.',
    );
    expect(confirm).toHaveTextContent('The data cannot tell the variants apart yet: this keeps Short without proof that it does better.');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(within(card).queryByRole('alertdialog')).toBeNull();
    expect(calls.some(([c]) => c === 'effect.endGuidanceExperiment')).toBe(false);

    await user.click(within(card).getByRole('button', { name: 'End experiment' }));
    await user.click(within(card).getByRole('button', { name: 'End and keep Short' }));
    await waitFor(() => expect(calls).toContainEqual(['effect.endGuidanceExperiment', { id: 'g1', winnerVariantId: 'v-short', note: 'Shorter apologies kept people on the line.' }]));
    expect(await screen.findByText('Experiment ended: the winning wording is now the Apologize stage\'s for every call.')).toBeInTheDocument();
    const decided = await screen.findByRole('group', { name: 'Decision on A shorter apology' });
    expect(decided).toHaveTextContent('Ended: “Short” kept as the Apologize stage\'s wording.');
    expect(decided).toHaveTextContent('Decision recorded: Shorter apologies kept people on the line.');
    const ended = screen.getByRole('region', { name: 'Experiment A shorter apology' });
    expect(within(ended).queryByRole('button', { name: 'End experiment' })).toBeNull();
    expect(within(ended).getByRole('heading', { level: 4 })).toHaveTextContent('ended');
  });

  it('tells offer variants apart when the interval excludes no difference, and names the rules that change before ending', async () => {
    const user = userEvent.setup();
    const { calls } = renderPanel({
      'effect.report': () => report([], [discount]),
      'effect.endExperiment': () => ({ rulesChanged: 2 }),
    });
    const card = await screen.findByRole('region', { name: 'Experiment Discount or walkthrough' }, { timeout: 5000 });
    const rows = within(within(card).getByRole('table', { name: 'Variants of Discount or walkthrough' }))
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    // Newcombe (1998): 81/263 is 0.2553 to 0.3662; 15/148 is 0.0624 to 0.1605 (0.16049, shown as
    // 16.0%); their difference +0.2066, 0.1274 to 0.2767 (method 10, worked by hand in Python from
    // the Wilson bounds).
    expect(rows).toEqual([
      ['15% off', '75.0%', '263', '81', '30.8%', '25.5% to 36.6%'],
      ['Walkthrough', '25.0%', '148', '15', '10.1%', '6.2% to 16.0%'],
    ]);
    expect(card).toHaveTextContent('15% off wins back more customers than Walkthrough: +20.7 pts, 95% interval +12.7 pts to +27.7 pts.');
    expect(card).not.toHaveTextContent('cannot tell');

    await user.selectOptions(within(card).getByLabelText('Keep'), 'Walkthrough');
    await user.click(within(card).getByRole('button', { name: 'End experiment' }));
    expect(within(card).getByRole('alertdialog')).toHaveTextContent(
      'End “Discount or walkthrough” and keep Walkthrough: the offer rules that propose 15% off will propose Walkthrough instead, and the other variants are no longer offered.',
    );
    await user.click(within(card).getByRole('button', { name: 'End and keep Walkthrough' }));
    await waitFor(() => expect(calls).toContainEqual(['effect.endExperiment', { id: 'e1', winnerOfferId: 'o2', note: '' }]));
    expect(await screen.findByText('Experiment ended; 2 offer rules now propose the winner.')).toBeInTheDocument();
  });

  it('says so when no variant has calls yet', async () => {
    renderPanel({
      'effect.report': () =>
        report([apology({ variants: apology().variants.map((v) => ({ ...v, customers: 0, recovered: 0 })) })]),
    });
    const card = await screen.findByRole('region', { name: 'Experiment A shorter apology' }, { timeout: 5000 });
    expect(card).toHaveTextContent('No calls with two variants yet: the data cannot tell the variants apart.');
    expect(within(within(card).getByRole('table')).getAllByText('—')).toHaveLength(4);
  });
});

describe('Experiments in German', () => {
  afterEach(async () => {
    await applyLanguage('en', 'USD');
  });

  it('says what is wrong at the field, and whether the data can tell the wordings apart, in German', async () => {
    await applyLanguage('de', 'EUR');
    const user = userEvent.setup();
    renderPanel({ 'effect.report': () => report([apology()]) });
    const card = await screen.findByRole('region', { name: 'Experiment A shorter apology' }, { timeout: 5000 });
    const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(card.textContent)).toContain(
      'Die Daten können die Varianten noch nicht unterscheiden: Short liegt +5,0 Pp. vor Current, aber das 95-%-Intervall (-14,3 Pp. bis +23,8 Pp.) schließt keinen Unterschied ein.',
    );
    expect(within(within(card).getByRole('table')).getAllByRole('row')[2]).toHaveTextContent(/18,1\s%\sbis\s45,4\s%/);

    await user.click(screen.getByRole('button', { name: 'Ein Experiment starten …' }));
    const form = screen.getByRole('form', { name: 'Ein Experiment starten' });
    await user.selectOptions(within(form).getByLabelText('Phase'), 'Entschuldigen');
    await user.type(within(within(form).getByRole('group', { name: 'Variante 2' })).getByLabelText('Gewicht'), 'x');
    await user.click(within(form).getByRole('button', { name: 'Experiment starten' }));
    expect(within(form).getByLabelText('Name des Experiments')).toHaveAccessibleDescription('Geben Sie dem Experiment einen Namen.');
    expect(within(form).getByLabelText('Phase')).toHaveAccessibleDescription('„A shorter apology“ testet bereits Formulierungen dieser Phase; beenden Sie es zuerst.');
    expect(within(within(form).getByRole('group', { name: 'Variante 2' })).getByLabelText('Gewicht')).toHaveAccessibleDescription('Geben Sie das Gewicht als Zahl ein, etwa 1 oder 2,5.');
  });
});
