import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ReviewForm } from '../../renderer/src/views/care/ReviewForm';
import type { ReviewInput } from '../../shared/api/care';
import { detail } from './careFixtures';

function renderForm(d = detail()) {
  const onSubmit = vi.fn<(input: ReviewInput) => void>();
  const onCancel = vi.fn();
  render(<ReviewForm detail={d} busy={false} onSubmit={onSubmit} onCancel={onCancel} />);
  return { onSubmit, onCancel };
}

describe('the review form', () => {
  it('shows the recovery it follows, when the review is due, and when the next one will be', () => {
    renderForm();
    const form = screen.getByRole('form', { name: 'Review of Ada Example' });
    expect(form).toHaveTextContent('by Ann Agent, reason: Too expensive, accepted: 15% off for 3 months. Owner: Ann Agent.');
    expect(form).toHaveTextContent('(Overdue by 3 days)');
    expect(within(form).getByText((_t, el) => el?.tagName === 'TIME' && el.getAttribute('datetime') === '2027-02-28')).toBeInTheDocument();
    // Today (3 March 2027) + 6 months.
    expect(form).toHaveTextContent(/Completing the review schedules the next one for .*2027/);
    expect(screen.getByRole('group', { name: /^Since / })).toBeInTheDocument();
  });

  it('asks for a verdict and the outreach made, and sends nothing until it has them', async () => {
    const { onSubmit } = renderForm();
    await userEvent.type(screen.getByLabelText('Purchases'), '2.5');
    await userEvent.click(screen.getByRole('button', { name: 'Complete review' }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Purchases: a whole number of 0 or more.');
    expect(alert).toHaveTextContent('Choose a verdict: healthy, watch or at risk.');
    expect(alert).toHaveTextContent('Say what outreach was made (or that there was none).');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('records the indicators, satisfaction, note, verdict and outreach', async () => {
    const { onSubmit } = renderForm();
    await userEvent.type(screen.getByLabelText('Customer-service contacts'), '2');
    await userEvent.type(screen.getByLabelText('Purchases'), '3');
    await userEvent.type(screen.getByLabelText('Spend'), '310.40');
    await userEvent.type(screen.getByLabelText('Support tickets'), '0');
    await userEvent.click(within(screen.getByRole('group', { name: 'Satisfaction (1 to 5)' })).getByRole('radio', { name: '4' }));
    await userEvent.type(screen.getByLabelText('Review note'), 'Happy with the plan.');
    await userEvent.click(within(screen.getByRole('group', { name: 'Verdict' })).getByRole('radio', { name: 'Watch' }));
    await userEvent.selectOptions(screen.getByLabelText('Outreach made'), 'Phone call');
    await userEvent.type(screen.getByLabelText('Outreach note'), 'Thanked them');
    await userEvent.click(screen.getByRole('button', { name: 'Complete review' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    const { reviewId, ...sent } = onSubmit.mock.calls[0]?.[0] ?? { reviewId: '' };
    expect(reviewId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(sent).toEqual({
      enrolmentId: 'e1',
      serviceContacts: 2,
      purchases: 3,
      spend: 310.4,
      supportTickets: 0,
      satisfaction: 4,
      note: 'Happy with the plan.',
      verdict: 'watch',
      outreach: 'phone_call',
      outreachNote: 'Thanked them',
    });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('starts from imported indicators, says where they came from, and keeps blanks as unknown', async () => {
    const { onSubmit } = renderForm(
      detail({ imported: { serviceContacts: 1, purchases: null, spend: 29.99, supportTickets: 2, satisfaction: 5, importedAt: '2027-03-01T08:00:00Z', fileName: 'march.csv' } }),
    );
    expect(screen.getByRole('note')).toHaveTextContent('Indicators filled in from march.csv');
    expect(screen.getByLabelText('Customer-service contacts')).toHaveValue(1);
    expect(screen.getByLabelText('Spend')).toHaveValue(29.99);
    expect(within(screen.getByRole('group', { name: 'Satisfaction (1 to 5)' })).getByRole('radio', { name: '5' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'Healthy' }));
    await userEvent.selectOptions(screen.getByLabelText('Outreach made'), 'No outreach this time');
    await userEvent.click(screen.getByRole('button', { name: 'Complete review' }));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ serviceContacts: 1, purchases: null, spend: 29.99, supportTickets: 2, satisfaction: 5, verdict: 'healthy', outreach: 'none' });
  });

  it('lists earlier reviews, and closes without saving', async () => {
    const { onCancel, onSubmit } = renderForm(
      detail({
        reviews: [
          { id: 'r1', dueOn: '2026-08-31', reviewedOn: '2026-09-02', reviewer: 'Mia Manager', serviceContacts: 1, purchases: 1, spend: 10, supportTickets: 0, satisfaction: 3, note: 'Quiet.', verdict: 'at_risk', outreach: 'email', outreachNote: 'Sent tips', nextReviewOn: '2027-03-02' },
        ],
      }),
    );
    expect(screen.getByRole('list', { name: 'Earlier reviews' })).toHaveTextContent('by Mia Manager: At risk, satisfaction 3/5. Email (Sent tips). Quiet.');
    await userEvent.click(screen.getByRole('button', { name: 'Close without saving' }));
    expect(onCancel).toHaveBeenCalled();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
