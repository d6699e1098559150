import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Notices } from '../../renderer/src/components/Notices';
import { RetentionSection } from '../../renderer/src/views/admin/RetentionSection';
import type { RetentionSettings } from '../../shared/api/privacy';
import { installFakeApi } from './fakeApi';

const OFF: RetentionSettings = { months: null, daily: false, lastRun: null, nextRunAt: null, wouldErase: null };

describe('retention of personal data, in Admin', () => {
  it('shows the last run, turns a daily run of 24 months on, and shows when it is next due', async () => {
    let settings: RetentionSettings = { ...OFF, lastRun: { at: '2026-11-10T03:00:00.000Z', erased: 934 } };
    const { calls } = installFakeApi({
      'privacy.retention': () => settings,
      'privacy.retention.set': (input) => {
        settings = { months: input.months, daily: input.daily, lastRun: settings.lastRun, nextRunAt: '2026-11-16T15:00:00.000Z', wouldErase: 12 };
        return settings;
      },
    });
    render(
      <>
        <Notices />
        <RetentionSection />
      </>,
    );
    expect(await screen.findByText(/Retention is off/)).toBeInTheDocument();
    expect(screen.getByText(/Last run: .*2026.*, 934 customers erased\. The daily run is off\./)).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Retention setting' });
    await userEvent.type(within(form).getByRole('textbox', { name: 'Months to keep after departure' }), '24');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Apply it by itself every day' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Save retention' }));

    expect(calls).toContainEqual(['privacy.retention.set', { months: 24, daily: true }]);
    expect(await screen.findByText('Saved: every day, personal data of customers departed more than 24 months ago is removed.')).toBeInTheDocument();
    expect(screen.getByText(/more than 24 months ago and were not called since is removed\. A run now would remove 12 customers\./)).toBeInTheDocument();
    expect(screen.getByText(/Next daily run: from .*2026.* \(the console checks every hour while it is open\)\./)).toBeInTheDocument();
    // The form shows what was saved.
    expect(screen.getByRole('textbox', { name: 'Months to keep after departure' })).toHaveValue('24');
    expect(screen.getByRole('checkbox', { name: 'Apply it by itself every day' })).toBeChecked();
  });

  it('refuses months that are not a whole number in range, and a daily run without months, on the field, and saves nothing', async () => {
    const { calls } = installFakeApi({ 'privacy.retention': () => OFF });
    render(<RetentionSection />);
    const form = await screen.findByRole('form', { name: 'Retention setting' });
    const months = within(form).getByRole('textbox', { name: 'Months to keep after departure' });
    const save = within(form).getByRole('button', { name: 'Save retention' });

    for (const bad of ['two years', '0', '601', '1.5']) {
      await userEvent.clear(months);
      await userEvent.type(months, bad);
      await userEvent.click(save);
      expect(months).toHaveAttribute('aria-invalid', 'true');
      expect(months).toHaveAccessibleDescription(/Write a whole number of months from 1 to 600, or leave it empty to turn retention off\./);
    }

    await userEvent.clear(months);
    const daily = within(form).getByRole('checkbox', { name: 'Apply it by itself every day' });
    await userEvent.click(daily);
    await userEvent.click(save);
    expect(daily).toHaveAttribute('aria-invalid', 'true');
    expect(daily).toHaveAccessibleDescription('A daily run needs a number of months: fill in the months, or untick the daily run.');
    expect(months).toHaveAttribute('aria-invalid', 'false');

    expect(calls.filter(([c]) => c === 'privacy.retention.set')).toEqual([]);
  });
});
