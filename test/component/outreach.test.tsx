import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { IssueOutreach } from '../../renderer/src/views/outreach/IssueOutreach';
import { WhatChangedNote } from '../../renderer/src/views/outreach/WhatChangedNote';
import { TemplatesSection } from '../../renderer/src/views/outreach/TemplatesSection';
import type { OutreachSummary, Template } from '../../shared/api/outreach';
import { installFakeApi } from './fakeApi';

const figures = { members: 3, byCall: 3, requeued: 1, blocked: 0, ready: 3, queued: 0, sending: 0, sent: 0, failed: 0, exported: 0, uncertain: 0, reachedByCall: 0, told: 0, cameBack: 0, revenueBack: 0 };
const summary = (patch: Partial<OutreachSummary> = {}): OutreachSummary => ({
  id: 'o1', name: 'We fixed it: Outages', issueId: 'i1', kind: 'what_changed', whatChanged: 'Every cabinet now has a backup line.', fixedOn: '2026-11-18',
  byCall: true, messageChannel: 'email', codesValidUntil: '2026-12-18', createdAt: '2026-11-20T12:00:00.000Z', createdBy: 'Mia', excluded: [], figures, ...patch,
});

describe('an issue after the fix', () => {
  it('asks for what changed before anything else, and marks the issue fixed with it', async () => {
    const fake = installFakeApi({
      'outreach.issue': () => ({ fixed: false, fix: null, outreaches: [] }),
      'outreach.issue.fix': () => ({ code: 'invalid_input', message: 'Say what changed in a sentence customers will understand.' }),
    });
    render(<IssueOutreach issueId="i1" status="open" />);
    const what = await screen.findByLabelText('What changed, in a sentence for customers');
    expect(screen.getByRole('button', { name: 'Mark fixed' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Build the outreach' })).toBeNull();
    await userEvent.type(what, 'Fixed the cabinets, all of them');
    await userEvent.click(screen.getByRole('button', { name: 'Mark fixed' }));
    expect(fake.calls.find(([c]) => c === 'outreach.issue.fix')?.[1]).toMatchObject({ issueId: 'i1', whatChanged: 'Fixed the cabinets, all of them' });
  });

  it('checks who an outreach reaches and shows the figures after the fix', async () => {
    const fake = installFakeApi({
      'outreach.issue': () => ({ fixed: true, fix: { whatChanged: 'Every cabinet now has a backup line.', fixedOn: '2026-11-18' }, outreaches: [summary({ figures: { ...figures, sent: 2, told: 2, cameBack: 1, revenueBack: 80 } })] }),
      'outreach.issue.audience': () => ({ candidates: 4, included: 3, revenue: 175, excluded: [{ why: 'Marked do not contact', customers: 1 }] }),
    });
    render(<IssueOutreach issueId="i1" status="fixed" />);
    await screen.findByText(/What customers are told: Every cabinet now has a backup line\./);
    await userEvent.click(screen.getByRole('checkbox', { name: /Call them/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Check who it reaches' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Reaches 3 of 4 customers not won back ($175.00 a month). Left out: Marked do not contact (1).');
    expect(fake.calls.find(([c]) => c === 'outreach.issue.audience')?.[1]).toEqual({ issueId: 'i1', byCall: false, messageChannel: 'email' });
    const after = screen.getByLabelText('After the fix', { selector: 'dl' });
    expect(after).toHaveTextContent('Customers told2 of 3');
    expect(after).toHaveTextContent('Came back1');
    expect(after).toHaveTextContent('$80.00');
  });
});

describe('on the call', () => {
  it('shows what changed since they left when the call comes from an outreach, and nothing otherwise', async () => {
    installFakeApi({ 'outreach.callNote': (i) => ({ notes: i.customerId === 7 ? [{ whatChanged: 'Every cabinet now has a backup line.', fixedOn: '2026-11-18', issueTitle: 'Outages' }] : [] }) });
    const { rerender } = render(<WhatChangedNote customerId={7} />);
    expect(await screen.findByRole('complementary', { name: 'What changed since they left' })).toHaveTextContent('What changed since you left: Every cabinet now has a backup line.');
    rerender(<WhatChangedNote customerId={8} />);
    await waitFor(() => expect(screen.queryByRole('complementary')).toBeNull());
  });
});

describe('message templates', () => {
  it('shows the backend\'s reason for refusing a template, naming the unknown field', async () => {
    const t: Template = { id: 'template.what-changed', kind: 'what_changed', categoryId: null, reasonId: null, scope: 'Every reason', name: 'What changed', subject: 'What we changed', body: 'Dear {{first_name}}', fields: ['first_name'], updatedAt: '2026-11-01', retired: false };
    const errors: string[] = [];
    installFakeApi({
      'outreach.templates.list': () => ({ items: [t] }),
      'taxonomy.list': () => [],
      'outreach.templates.save': () => ({ code: 'invalid_input', message: 'Message: Line 1: {{promo}} is not a merge field.' }),
    });
    const { useAppStore } = await import('../../renderer/src/store');
    useAppStore.setState({ reportError: (e: unknown) => errors.push(e instanceof Error ? e.message : String(e)) });
    render(<TemplatesSection />);
    await screen.findByRole('heading', { name: 'Message templates' });
    expect(screen.getByRole('list', { name: 'What changed templates' })).toHaveTextContent('What changed · Every reason');
    await userEvent.click(screen.getByRole('button', { name: 'Edit What changed' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save template' }));
    await waitFor(() => expect(errors).toEqual(['Message: Line 1: {{promo}} is not a merge field.']));
  });
});
