import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ApologizeStage } from '../../renderer/src/views/call/ApologizeStage';
import { ListenStage } from '../../renderer/src/views/call/ListenStage';
import { DiagnoseStage } from '../../renderer/src/views/call/DiagnoseStage';
import { AssistStage } from '../../renderer/src/views/call/AssistStage';
import { OfferGate, OfferStage } from '../../renderer/src/views/call/OfferStage';
import { OutcomeGroup } from '../../renderer/src/views/call/OutcomeGroup';
import { FrontlineFeedback } from '../../renderer/src/views/call/FrontlineFeedback';
import { guidanceFor, namesOf, offersOnCall } from '../../renderer/src/views/call/model';
import type { ChangeCall } from '../../renderer/src/views/call/types';
import { setOutcome, type CallState } from '../../shared/domain/callMachine';
import { callSession } from './callSession';

const session = callSession();
const names = namesOf(session);

/** Holds the call state like the store does, and exposes the latest one to the test. */
function mount(initial: CallState, ui: (s: CallState, change: ChangeCall) => ReactNode) {
  const latest = { state: initial };
  function Harness() {
    const [s, setS] = useState(initial);
    latest.state = s;
    return <>{ui(s, (fn) => setS((prev) => fn(prev)))}</>;
  }
  render(<Harness />);
  return latest;
}

const confirmedAndAssisted = (s: CallState): CallState => ({
  ...s,
  diagnose: { categoryId: 'price', primaryReasonId: 'price.too-expensive', otherReasonIds: [], confirmed: true, note: '' },
  assist: { actions: ['fixed_billing'], note: '' },
});

describe('the Apologize stage', () => {
  it('suggests wording fitted to the customer and takes a note', async () => {
    const latest = mount(session.state, (s, change) => <ApologizeStage state={s} guidance={guidanceFor(session, s, names).apologize} onChange={change} />);
    expect(screen.getByText(/Hello Ada, this is Ann Agent\./)).toHaveTextContent('after 3 years with us');
    await userEvent.type(screen.getByLabelText('Apology note'), 'Apologised warmly');
    expect(latest.state.apologize.note).toBe('Apologised warmly');
  });
});

describe("the customer's wording of a stage", () => {
  it("shows the playbook's or the experiment's wording in place of the standard one, on that stage only", () => {
    const withVariant = { ...session, guidance: [{ stage: 'apologize' as const, text: 'Say sorry in one sentence, then ask what happened.' }] };
    mount(session.state, (s, change) => <ApologizeStage state={s} guidance={guidanceFor(withVariant, s, names).apologize} onChange={change} />);
    expect(screen.getByText('Say sorry in one sentence, then ask what happened.')).toBeInTheDocument();
    expect(screen.queryByText(/Hello Ada, this is Ann Agent\./)).not.toBeInTheDocument();
    expect(guidanceFor(withVariant, session.state, names).listen).toBe(guidanceFor(session, session.state, names).listen);
  });
});

describe('the Listen stage', () => {
  it("keeps the customer's words verbatim, line breaks and all", async () => {
    const latest = mount(session.state, (s, change) => <ListenStage state={s} guidance={guidanceFor(session, s, names).listen} onChange={change} />);
    expect(screen.getByText(/At departure they said "Price too high"/)).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: "Customer's words" }), 'The bill doubled.{Enter}Nobody called me back!');
    expect(latest.state.listen.words).toBe('The bill doubled.\nNobody called me back!');
  });
});

describe('the Diagnose stage', () => {
  const ui = (s: CallState, change: ChangeCall) => (
    <DiagnoseStage state={s} guidance={guidanceFor(session, s, names).diagnose} taxonomy={session.taxonomy} customer={session.customer} names={names} onChange={change} />
  );

  it("keeps the customer's words from Listen in view while the reason is picked", () => {
    mount({ ...session.state, listen: { words: 'The bill doubled and nobody told me.' } }, ui);
    expect(screen.getByText('In their words (from Listen)')).toBeInTheDocument();
    expect(screen.getByText('The bill doubled and nobody told me.')).toBeInTheDocument();
  });

  it('shows the stated reason beside the diagnosis for an executive, whose card has no call header', () => {
    mount(session.state, (s, change) => (
      <DiagnoseStage state={s} guidance="" taxonomy={session.taxonomy} customer={session.customer} names={names} onChange={change} showStatedReason />
    ));
    expect(screen.getByText(/^Stated when they left:/).closest('p')).toHaveTextContent(
      'Stated when they left: Price too high (recorded as Too expensive, Price / value for money)',
    );
    // A paragraph, not a landmark: the call header shows the same words, and two landmarks of one name confuse screen readers.
    expect(screen.queryByRole('complementary', { name: 'Stated reason' })).toBeNull();
  });

  it('picks a category, then a specific reason from it; retired reasons are not offered', async () => {
    const latest = mount(session.state, ui);
    const reason = screen.getByRole('combobox', { name: 'Specific reason' });
    expect(reason).toBeDisabled();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Reason category' }), 'Price / value for money');
    const options = within(reason).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['Choose the reason…', 'Too expensive', 'Extra charges', 'Long distance charges', 'Speed not affordable']);
    await userEvent.selectOptions(reason, 'Extra charges');
    expect(latest.state.diagnose).toMatchObject({ categoryId: 'price', primaryReasonId: 'price.extra-charges' });
    expect(screen.getByText(/the main reason you left was: Extra charges\. Is that right\?/)).toBeInTheDocument();
  });

  it('is confirmed only with a reason, and unconfirmed when the reason changes', async () => {
    const latest = mount(session.state, ui);
    const confirmed = screen.getByRole('checkbox', { name: 'Customer confirmed the reason' });
    expect(confirmed).toBeDisabled();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Reason category' }), 'Competitor');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Specific reason' }), 'Competitor made a better offer');
    await userEvent.click(confirmed);
    expect(latest.state.diagnose.confirmed).toBe(true);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Specific reason' }), "Competitor's features");
    expect(confirmed).not.toBeChecked();
    expect(latest.state.diagnose.confirmed).toBe(false);
  });

  it('adds other reasons after the primary one and removes them', async () => {
    const latest = mount({ ...session.state, diagnose: { ...session.state.diagnose, categoryId: 'price', primaryReasonId: 'price.too-expensive' } }, ui);
    const other = screen.getByRole('combobox', { name: 'Other reasons (optional)' });
    expect(within(other).queryByRole('option', { name: 'Too expensive' })).toBeNull();
    await userEvent.selectOptions(other, 'Network reliability');
    expect(within(screen.getByRole('list', { name: 'Other reasons' })).getByText(/Network reliability/)).toBeInTheDocument();
    expect(latest.state.diagnose.otherReasonIds).toEqual(['service.reliability']);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Network reliability' }));
    expect(latest.state.diagnose.otherReasonIds).toEqual([]);
  });
});

describe('the Assist stage', () => {
  it('records what was done and a note', async () => {
    const latest = mount(session.state, (s, change) => <AssistStage state={s} guidance={guidanceFor(session, s, names).assist} onChange={change} />);
    const group = screen.getByRole('group', { name: 'What was done' });
    expect(within(group).getAllByRole('checkbox').map((c) => c.closest('label')?.textContent)).toEqual([
      'Fixed billing',
      'Opened a ticket',
      'Escalated',
      'Explained a feature',
      'Booked a walkthrough',
      'Other',
    ]);
    await userEvent.click(within(group).getByRole('checkbox', { name: 'Booked a walkthrough' }));
    await userEvent.click(within(group).getByRole('checkbox', { name: 'Fixed billing' }));
    await userEvent.type(screen.getByLabelText('Assist note'), 'Refunded $40');
    expect(latest.state.assist).toEqual({ actions: ['fixed_billing', 'booked_walkthrough'], note: 'Refunded $40' });
    expect(screen.getByText(/What tends to help: A personalised, time-limited incentive/)).toBeInTheDocument();
  });
});

describe('the Offer stage', () => {
  const ui = (s: CallState, change: ChangeCall) => (
    <OfferStage state={s} guidance={guidanceFor(session, s, names).offer} offers={offersOnCall(session, s, names)} playbook={session.offers} onChange={change} />
  );

  it('lists the proposed offers best first, each with why, and says an offer is a way back, not a pitch', () => {
    mount(confirmedAndAssisted(session.state), ui);
    expect(screen.getByText(/^An offer is a way back, not a pitch\./)).toBeInTheDocument();
    const items = within(screen.getByRole('list', { name: 'Proposed offers, best first' })).getAllByRole('listitem');
    expect(items.map((i) => within(i).getByRole('heading').textContent)).toEqual(['15% off for 3 months', 'A plan that fits what they use']);
    expect(items[0]).toHaveTextContent('Discount: 15% for 3 months · a single-use code is issued when accepted or considered');
    expect(items[0]).toHaveTextContent('Proposed because the diagnosed reason is in Price / value for money.');
  });

  it('follows the diagnosis: a changed-needs reason proposes a reactivation period and a pause', () => {
    mount({ ...confirmedAndAssisted(session.state), diagnose: { categoryId: 'changed-needs', primaryReasonId: 'changed-needs.moved', otherReasonIds: [], confirmed: true, note: '' } }, ui);
    const headings = within(screen.getByRole('list', { name: 'Proposed offers, best first' })).getAllByRole('heading').map((h) => h.textContent);
    expect(headings).toEqual(['Reactivation period', 'Pause instead of leaving']);
  });

  it("records what was offered and the customer's answer, and adds another offer from the playbook", async () => {
    const latest = mount(confirmedAndAssisted(session.state), ui);
    const discount = screen.getByRole('group', { name: 'Answer to 15% off for 3 months' });
    expect(within(discount).getByRole('radio', { name: 'Not offered' })).toBeChecked();
    await userEvent.click(within(discount).getByRole('radio', { name: 'Considering' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Another offer from the playbook' }), 'A personal walkthrough');
    await userEvent.click(within(screen.getByRole('group', { name: 'Answer to A personal walkthrough' })).getByRole('radio', { name: 'Accepted' }));
    expect(latest.state.offer.answers).toEqual([
      { offerId: 'offer.loyalty-discount', answer: 'considering' },
      { offerId: 'offer.walkthrough', answer: 'accepted' },
    ]);
    expect(screen.getByText('Chosen by you from the playbook.')).toBeInTheDocument();
  });

  it('while closed, says why and takes a reason to skip to it', async () => {
    const latest = mount(session.state, (s, change) => <OfferGate state={s} onChange={change} />);
    expect(screen.getByText(/The Offer stage opens once the customer has confirmed the reason and Assist is recorded/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Reason for skipping to the offer'), 'Asked for the offer first');
    expect(latest.state.offer.skippedBecause).toBe('Asked for the offer first');
    expect(screen.getByLabelText('Reason for skipping to the offer')).toBeInTheDocument();
  });
});

describe('the Outcome group', () => {
  const ui = (s: CallState, change: ChangeCall) => (
    <OutcomeGroup
      state={s}
      timeZone="America/Los_Angeles"
      today="2026-11-16"
      onOutcome={(o) => change((x) => {
        const r = setOutcome(x, o);
        return r.ok ? r.state : x;
      })}
      onChange={change}
    />
  );

  it('has the seven outcomes; No answer and Wrong number are open from the first stage', () => {
    mount(session.state, ui);
    const group = screen.getByRole('group', { name: 'Outcome' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.closest('label')?.textContent?.replace(/Alt\+\d$/, ''))).toEqual([
      'Recovered',
      'Considering',
      'Declined',
      'Callback',
      'No answer',
      'Wrong number',
      'Do not contact',
    ]);
    expect(radios.map((r) => (r as HTMLInputElement).disabled)).toEqual([true, true, true, false, false, false, false]);
    expect(screen.getByText('Recovered, Considering, Declined open with the Offer stage.')).toBeInTheDocument();
    expect(within(group).getByRole('radio', { name: 'No answer' })).toHaveAttribute('aria-keyshortcuts', 'Alt+5');
  });

  it('asks Considering for the end of the reactivation period', async () => {
    const latest = mount(confirmedAndAssisted(session.state), ui);
    await userEvent.click(screen.getByRole('radio', { name: 'Considering' }));
    const until = screen.getByLabelText('End of reactivation period');
    expect(until).toHaveAttribute('min', '2026-11-16');
    await userEvent.type(until, '2026-12-31');
    expect(latest.state).toMatchObject({ outcome: 'considering', reactivationUntil: '2026-12-31' });
  });

  it("asks Callback for a date and time in the customer's time zone", async () => {
    const latest = mount(session.state, ui);
    await userEvent.click(screen.getByRole('radio', { name: 'Callback' }));
    const at = screen.getByLabelText("Callback date and time (customer's local time)");
    expect(screen.getByText('In America/Los_Angeles, as agreed with the customer.')).toBeInTheDocument();
    await userEvent.type(at, '2026-11-18T10:30');
    expect(latest.state).toMatchObject({ outcome: 'callback', callbackLocal: '2026-11-18T10:30' });
  });
});

describe('frontline feedback', () => {
  it('names the rep and team who served the customer, and can name others', async () => {
    const latest = mount(session.state, (s, change) => <FrontlineFeedback state={s} onChange={change} />);
    expect(screen.getByRole('heading', { name: 'Feedback for the frontline' })).toBeInTheDocument();
    expect(screen.getByText('For Rep Avery, Billing desk, who served this customer.')).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: 'Feedback for the frontline' }), 'Explain price rises before the bill');
    await userEvent.clear(screen.getByLabelText('Frontline rep'));
    await userEvent.type(screen.getByLabelText('Frontline rep'), 'Rep Blake');
    expect(latest.state.feedback).toEqual({ text: 'Explain price rises before the bill', rep: 'Rep Blake', team: 'Billing desk' });
    expect(screen.getByText('For Rep Blake, Billing desk, who served this customer.')).toBeInTheDocument();
  });
});
