import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RetryPolicySection } from '../../renderer/src/views/admin/RetryPolicySection';
import { Notices } from '../../renderer/src/components/Notices';
import { installFakeApi } from './fakeApi';
import type { ContactPolicy } from '../../shared/domain/contactPolicy';

describe('the retry cadence and calls outside hours, in Admin › Contact rules', () => {
  it('shows the cadence in words, saves what the manager writes, and allows calls outside hours with a reason', async () => {
    const saved: ContactPolicy[] = [];
    installFakeApi({
      'contactPolicy.get': () => ({ retryCadenceMinutes: [120, 1440, 4320], outsideHoursOverride: false }),
      'contactPolicy.save': (p) => {
        saved.push(p);
        return p;
      },
      'queue.list': () => ({ items: [], total: 0 }),
    });
    render(
      <>
        <Notices />
        <RetryPolicySection />
      </>,
    );
    const cadence = await screen.findByRole('textbox', { name: 'Wait after each unanswered call' });
    expect(cadence).toHaveValue('2 h, 1 day, 3 days');
    await userEvent.clear(cadence);
    await userEvent.type(cadence, '90 min, 1 day');
    await userEvent.click(screen.getByRole('checkbox', { name: /Callers may start a call outside calling hours/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Save retries and calls outside hours' }));
    expect(saved).toEqual([{ retryCadenceMinutes: [90, 1440], outsideHoursOverride: true }]);
    expect(await screen.findByText('Retries and calls outside hours saved.')).toBeInTheDocument();
  });

  it('marks a wait it cannot read at the field, and saves nothing', async () => {
    const { calls } = installFakeApi({ 'contactPolicy.get': () => ({ retryCadenceMinutes: [120], outsideHoursOverride: false }) });
    render(<RetryPolicySection />);
    const cadence = await screen.findByRole('textbox', { name: 'Wait after each unanswered call' });
    await userEvent.clear(cadence);
    await userEvent.type(cadence, 'soon');
    await userEvent.click(screen.getByRole('button', { name: 'Save retries and calls outside hours' }));
    expect(cadence).toHaveAttribute('aria-invalid', 'true');
    expect(cadence).toHaveFocus();
    expect(cadence).toHaveAccessibleDescription(/"soon" is not a wait/);
    expect(calls.map(([c]) => c)).not.toContain('contactPolicy.save');
  });
});
