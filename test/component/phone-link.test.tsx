import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { PhoneLink } from '../../renderer/src/components/PhoneLink';
import { Notices } from '../../renderer/src/components/Notices';
import { installFakeApi } from './fakeApi';

afterEach(() => {
  delete window.winback;
});

function desktopBridge() {
  window.winback = { invoke: () => Promise.reject(new Error('unused')), on: () => () => undefined };
}

describe('PhoneLink in a browser', () => {
  it('is a tel: link with the dialable number', () => {
    render(<PhoneLink number="+1 (555) 010-0100" />);
    expect(screen.getByRole('link', { name: 'Call +1 (555) 010-0100' })).toHaveAttribute('href', 'tel:+15550100100');
  });

  it('stays text, saying why, when the number cannot be dialled', () => {
    render(<PhoneLink number="555 0100 ext. 12" />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText(/cannot dial: A phone number may contain only digits/)).toBeInTheDocument();
  });

  it('says so when there is no number', () => {
    render(<PhoneLink number={null} />);
    expect(screen.getByText('no phone')).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });
});

describe('PhoneLink in the desktop console', () => {
  it('asks the main process to open the phone app', async () => {
    desktopBridge();
    const { calls } = installFakeApi({ 'dial.open': () => ({ scheme: 'sip' }) });
    render(<PhoneLink number="555-0100" />);
    expect(screen.queryByRole('link')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Call 555-0100' }));
    expect(calls).toEqual([['dial.open', { number: '555-0100' }]]);
  });

  it('shows why when the phone app cannot be opened', async () => {
    desktopBridge();
    installFakeApi({ 'dial.open': () => ({ code: 'internal', message: 'No app on this computer answers tel: links.' }) });
    render(
      <>
        <Notices />
        <PhoneLink number="555-0100" />
      </>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Call 555-0100' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No app on this computer answers tel: links.');
  });
});
