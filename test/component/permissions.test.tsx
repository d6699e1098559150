import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { PhoneLink } from '../../renderer/src/components/PhoneLink';
import { PermissionsSection } from '../../renderer/src/views/admin/PermissionsSection';
import type { Ledger } from '../../shared/api/permissions';
import { installFakeApi } from './fakeApi';

afterEach(() => {
  delete window.winback;
});

const BLOCK = { scope: 'call' as const, source: 'manager' as const, since: '2026-11-12T10:00:00.000Z', by: 'Mia Manager', expiresAt: null };

describe('the dial button of a blocked customer', () => {
  it('says who blocked the number since when, and opens nothing', async () => {
    window.winback = { invoke: () => Promise.reject(new Error('unused')), on: () => () => undefined };
    const { calls } = installFakeApi({ 'dial.open': () => ({ scheme: 'tel' }) });
    render(<PhoneLink number="+1 415 555 0101" customerId={7} block={BLOCK} />);
    const button = screen.getByRole('button', { name: /^Blocked: do not call, since .*2026.*, by Mia Manager$/ });
    expect(button).toBeDisabled();
    await userEvent.click(button);
    expect(calls).toEqual([]);
  });
});

const ledger = (over: Partial<Ledger> = {}): Ledger => ({
  entries: [
    {
      id: 'e1',
      kind: 'phone',
      value: '+14155550101',
      scope: 'call',
      source: 'customer',
      note: 'Asked on a call not to be contacted',
      addedAt: '2026-11-12T10:00:00.000Z',
      addedBy: 'Ann Agent',
      expiresAt: null,
      expiredAt: null,
      expiredBy: null,
    },
  ],
  lists: [],
  listsMatching: [],
  counts: { active: 1, expired: 0, lists: 0, listValues: 0 },
  country: 'US',
  relationshipMonths: null,
  syncedAt: null,
  pending: 1,
  ...over,
});

describe('Contact permissions in Admin', () => {
  it('shows the entries with who added them, adds one, and expires one', async () => {
    const { calls } = installFakeApi({
      'permissions.ledger': () => ledger(),
      'permissions.add': (i) => ({ ...(ledger().entries[0] as Ledger['entries'][number]), id: 'e2', source: 'manager', ...(i as object), value: '+14155550199' }),
      'permissions.expire': () => ({ expired: 'entry' }),
      'queue.list': () => ({ items: [], total: 0 }),
    });
    render(<PermissionsSection />);
    const table = await screen.findByRole('table', { name: 'Entries' });
    expect(within(table).getByText('+14155550101')).toBeInTheDocument();
    expect(within(table).getByText(/by Ann Agent \(the customer, on a call\)/)).toBeInTheDocument();
    expect(screen.getByText(/Not synced with a hub yet: this desk enforces what it holds. 1 change waits to reach the hub./)).toBeInTheDocument();

    const add = screen.getByRole('form', { name: 'Add an entry' });
    await userEvent.type(within(add).getByLabelText('Value'), '415 555 0199');
    await userEvent.selectOptions(within(add).getByLabelText('Forbids'), 'do not contact');
    await userEvent.click(within(add).getByRole('button', { name: 'Add to the ledger' }));
    expect(calls).toContainEqual(['permissions.add', { kind: 'phone', value: '415 555 0199', scope: 'all' }]);

    await userEvent.click(within(table).getByRole('button', { name: 'Expire the entry for +14155550101' }));
    expect(calls).toContainEqual(['permissions.expire', { id: 'e1' }]);
  });

  it('shows why a list was refused, naming the lines', async () => {
    installFakeApi({
      'permissions.ledger': () => ledger(),
      'permissions.importList': () => ({ code: 'invalid_file', message: '1 line cannot be read, so nothing was imported. line 2: This is not a possible phone number for its country.' }),
    });
    const { Notices } = await import('../../renderer/src/components/Notices');
    render(
      <>
        <Notices />
        <PermissionsSection />
      </>,
    );
    const form = await screen.findByRole('form', { name: 'Import a suppression list' });
    const file = new File(['+14155550101\n+1 999\n'], 'dnc.txt', { type: 'text/plain' });
    await userEvent.upload(within(form).getByLabelText('List file'), file);
    await userEvent.click(within(form).getByRole('button', { name: 'Import the list' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('line 2: This is not a possible phone number for its country.');
  });
});

describe('the consent question on the call', () => {
  it('reads the question word for word and records the answer at once', async () => {
    const { ConsentQuestions } = await import('../../renderer/src/views/call/ConsentQuestions');
    const { CONSENT_WORDING } = await import('../../shared/domain/consent');
    const callId = '00000000-0000-4000-8000-000000000009';
    const { calls } = installFakeApi({
      'consent.record': (i) => {
        const input = i as { channel: 'email'; answer: 'no'; wording: string };
        return { phone: null, post: null, email: { channel: input.channel, answer: input.answer, wording: input.wording, at: '2026-11-16T15:00:00.000Z', by: 'Ann Agent', callId } };
      },
    });
    render(
      <ConsentQuestions
        customerId={7}
        callId={callId}
        latest={{ phone: { channel: 'phone', answer: 'yes', wording: CONSENT_WORDING.phone, at: '2026-10-01T10:00:00.000Z', by: 'Sam Agent', callId: 'earlier' }, email: null, post: null }}
      />,
    );
    const phone = screen.getByRole('group', { name: `Calls: “${CONSENT_WORDING.phone}”` });
    expect(within(phone).getByText(/^Last answer: yes, .+, to Sam Agent\.$/)).toBeInTheDocument();
    const emails = screen.getByRole('group', { name: `Emails: “${CONSENT_WORDING.email}”` });
    await userEvent.click(within(emails).getByRole('radio', { name: 'No' }));
    expect(calls).toEqual([['consent.record', { customerId: 7, callId, channel: 'email', answer: 'no', wording: CONSENT_WORDING.email }]]);
    expect(await within(emails).findByText('Recorded: no emails from now on.')).toBeInTheDocument();
    expect(within(emails).getByRole('radio', { name: 'No' })).toBeChecked();
  });
});

describe('Erase this customer', () => {
  it('erases only once the customer id is typed exactly', async () => {
    const { EraseCustomer } = await import('../../renderer/src/views/EraseCustomer');
    const erased: string[] = [];
    render(<EraseCustomer externalId="Z-1" busy={false} onErase={(c) => erased.push(c)} />);
    await userEvent.click(screen.getByText('Erase this customer'));
    const form = screen.getByRole('form', { name: 'Erase this customer' });
    const button = within(form).getByRole('button', { name: 'Erase Z-1' });
    await userEvent.type(within(form).getByLabelText('Type the customer id (Z-1) to confirm'), 'Z-');
    expect(button).toBeDisabled();
    await userEvent.type(within(form).getByLabelText('Type the customer id (Z-1) to confirm'), '1');
    await userEvent.click(button);
    expect(erased).toEqual(['Z-1']);
  });
});
