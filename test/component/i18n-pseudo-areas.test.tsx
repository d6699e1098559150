import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { useAppStore } from '../../renderer/src/store';
import { CareTable } from '../../renderer/src/views/care/CareTable';
import { RelostTable } from '../../renderer/src/views/care/RelostTable';
import { RetentionView } from '../../renderer/src/views/care/RetentionPanel';
import { ReviewForm } from '../../renderer/src/views/care/ReviewForm';
import { DepartedForm } from '../../renderer/src/views/care/DepartedForm';
import { IndicatorPreview } from '../../renderer/src/views/care/IndicatorUpload';
import { DueReviewsView } from '../../renderer/src/views/care/DueReviews';
import { IssuesView } from '../../renderer/src/views/Issues';
import { FeedbackView } from '../../renderer/src/views/Feedback';
import { FloorTable, FloorTotals } from '../../renderer/src/views/board/FloorTable';
import { PauseReasonsEditor, ThresholdsForm } from '../../renderer/src/views/board/BoardSettings';
import { PauseTime } from '../../renderer/src/views/board/PauseTime';
import { IssueOutreach } from '../../renderer/src/views/outreach/IssueOutreach';
import { TemplatesSection } from '../../renderer/src/views/outreach/TemplatesSection';
import { DeliverySettings } from '../../renderer/src/views/outreach/DeliverySettings';
import { MessagePreview } from '../../renderer/src/views/outreach/MessagePreview';
import { WhatChangedNote } from '../../renderer/src/views/outreach/WhatChangedNote';
import { GetStarted } from '../../renderer/src/views/GetStarted';
import { PlaybookSection } from '../../renderer/src/views/playbook/PlaybookSection';
import { PSEUDO_CLOSE, PSEUDO_OPEN } from '../../shared/i18n/pseudo';
import type { Board, BoardRow } from '../../shared/sync/board';
import type { IssueDetail } from '../../shared/api/issues';
import type { FeedbackItem } from '../../shared/api/feedback';
import type { OutreachSummary, Template } from '../../shared/api/outreach';
import { careList, detail, item, retention, TODAY } from './careFixtures';
import { offers, rules, taxonomy } from './callSession';
import { options } from './trendsData';
import { installFakeApi } from './fakeApi';

/**
 * Every word these areas show comes from the catalogue: in the pseudo-language every catalogue
 * string is bracketed ⟦…⟧, so what is left outside the brackets, once the data on screen (names,
 * ids, the customer's words) is taken away, is text that bypassed the catalogue.
 */
/** Dates and numbers are formatted by Intl (English in the pseudo-languages): month names are data here. */
const MONTHS = Array.from({ length: 12 }, (_, m) => new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, m, 15))));
/**
 * Not these areas' own words: the Download CSV button of the shared data table (Trends' component)
 * and the label recharts gives its legend icons.
 */
const OTHERS = ['Download CSV', 'legend icon'];

function untranslated(container: HTMLElement, ownData: readonly string[]): string[] {
  const data = [...ownData, ...OTHERS];
  const attributes = [...container.querySelectorAll('[aria-label],[placeholder],[title]')].flatMap((el) =>
    ['aria-label', 'placeholder', 'title'].map((a) => el.getAttribute(a) ?? ''),
  );
  const captions = [...container.querySelectorAll('caption, option, legend, label, th, button, h1, h2, h3, h4, p, li, td, dt, dd, span, strong')].map((el) => el.textContent ?? '');
  const outside = [container.textContent ?? '', ...attributes, ...captions].map((text) => {
    let rest = text.replace(new RegExp(`${PSEUDO_OPEN}[^${PSEUDO_CLOSE}]*${PSEUDO_CLOSE}`, 'g'), ' ');
    for (const d of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(d).join(' ');
    return rest;
  });
  return [...new Set(outside.flatMap((rest) => rest.match(/[A-Za-z]{2,}/g) ?? []))].filter((word) => !MONTHS.includes(word));
}

const categoryData = () => taxonomy().flatMap((c) => [c.name, c.approach, c.id, ...c.reasons.flatMap((r) => [r.name, r.id])]);
const offerData = () => offers().flatMap((o) => [o.name, o.talkingPoints, o.product ?? '', o.id]).concat(rules().map((r) => r.id));

beforeAll(() => applyLanguage('en-XA', 'EUR'));
afterAll(() => applyLanguage('en', 'USD'));

describe('in the pseudo-language, no text of these areas bypasses the catalogue', () => {
  it('Intensive care', () => {
    const list = careList();
    const { container } = render(
      <>
        <CareTable items={list.items} today={TODAY} people={[{ id: 'p1', name: 'Ann Agent', role: 'agent' }]} onOpen={() => undefined} onReassign={() => undefined} onMarkDeparted={() => undefined} />
        <CareTable items={[]} today={TODAY} onOpen={() => undefined} />
        <RelostTable items={[{ enrolmentId: 'e9', customerId: 9, externalId: 'X-9', name: 'Cleo Case', monthlyRevenue: 10, relostOn: '2027-01-02', source: 'manager', note: '', recovery: { callId: 'k', recoveredOn: '2026-09-01', recoveredBy: 'Ann Agent', reasonId: null, reasonName: null, categoryName: null, offerId: null, offerName: null } }]} />
        <RetentionView retention={retention()} />
        <ReviewForm detail={detail({ imported: { fileName: 'march.csv', importedAt: '2027-03-01T10:00:00.000Z', serviceContacts: 1, purchases: null, spend: 29.99, supportTickets: null, satisfaction: 5 }, reviews: [{ id: 'r1', dueOn: '2026-12-01', nextReviewOn: '2027-06-01', reviewedOn: '2026-12-01', reviewer: 'Mia Manager', verdict: 'at_risk', satisfaction: 3, outreach: 'email', outreachNote: 'Sent tips', note: 'Quiet.', serviceContacts: null, purchases: null, spend: null, supportTickets: null }] })} busy={false} onSubmit={() => undefined} onCancel={() => undefined} />
        <DepartedForm item={item()} today={TODAY} busy={false} onConfirm={() => undefined} onCancel={() => undefined} />
        <IndicatorPreview result={{ fileName: 'bad.csv', applied: false, rows: 3, errorCount: 1, errors: [{ line: 2, column: 'spend', message: 'Not an amount.' }], ignoredColumns: ['region'], preview: [] }} />
        <IndicatorPreview result={{ fileName: 'good.csv', applied: false, rows: 3, errorCount: 0, errors: [], ignoredColumns: [], preview: [{ line: 2, externalId: '7590-VHVEG', name: 'Ada Example', serviceContacts: 2, purchases: 3, spend: 12.5, supportTickets: null, satisfaction: 4 }] }} />
        <DueReviewsView today={TODAY} items={[{ enrolmentId: 'e1', customerId: 7, externalId: '7590-VHVEG', name: 'Ada Example', nextReviewOn: '2027-02-28', reviewState: 'overdue', reviewStateText: 'Overdue by 3 days' }]} onOpen={() => undefined} />
      </>,
    );
    const data = ['Ada Example', 'Bruno Sample', 'Cleo Case', 'Ann Agent', 'Mia Manager', '7590-VHVEG', '5575-GNVDE', 'X-9', 'march.csv', 'bad.csv', 'good.csv', 'Not an amount.', 'spend', 'region', 'Too expensive', 'Network reliability', 'Price / value for money', 'Service experience', '15% off for 3 months', 'Sent tips', 'Quiet.', 'customer_id', 'service_contacts', 'purchases', 'support_tickets', 'satisfaction'];
    expect(untranslated(container, data)).toEqual([]);
  });

  it('Issues to fix', async () => {
    const issue: IssueDetail = {
      id: 'i1', title: 'Competitors outbid us', owner: 'Head of pricing', description: 'Match their prices.', status: 'fixed', createdAt: '2026-10-20T12:00:00.000Z', updatedAt: '2026-10-21T12:00:00.000Z', fixedAt: '2026-10-20T12:00:00.000Z',
      reasons: [{ id: 'competitor.better-offer', name: 'Competitor made a better offer', category: 'Competitor' }], callCount: 1, customers: 2, stillLost: 2, revenueAtStake: 80,
      calls: [{ id: 'K-1', completedAt: '2026-10-01T10:00:00.000Z', customerId: 7, customer: 'Ada Example', caller: 'Sam Agent', outcome: 'declined', diagnosedReason: 'Competitor made a better offer', monthlyRevenue: 40 }],
      afterFix: { months: [{ month: '2026-10', departed: 1, revenue: 40, diagnosedCalls: 1 }], before: { departed: 2, revenue: 80, diagnosedCalls: 1 } },
    };
    installFakeApi({
      'issues.list': () => ({ items: [issue] }), 'issues.get': () => issue, 'reports.options': () => options(), 'issues.candidateCalls': () => ({ items: [] }),
      'outreach.issue': () => ({ fixed: false, fix: null, outreaches: [] }),
    });
    const { container } = render(<IssuesView />);
    await userEvent.click(await screen.findByRole('button', { name: 'Competitors outbid us' }));
    await screen.findByRole('heading', { level: 2, name: 'Competitors outbid us' });
    await userEvent.click(screen.getAllByRole('button', { name: /⟦/ })[0] as HTMLElement);
    const data = ['Competitors outbid us', 'Head of pricing', 'Match their prices.', 'Competitor made a better offer', 'Ada Example', 'Sam Agent', 'K-1', ...options().categories.flatMap((c) => [c.name, ...c.reasons.map((r) => r.name)])];
    expect(untranslated(container, data)).toEqual([]);
  });

  it('Frontline feedback', async () => {
    const item: FeedbackItem = {
      id: 'F1', createdAt: '2026-11-03T11:00:00.000Z', status: 'new', statusChangedAt: null, text: 'Felt rushed.', frontlineRep: null, frontlineTeam: 'Support North',
      call: { id: 'K-F1', completedAt: '2026-11-03T10:00:00.000Z', outcome: 'recovered', caller: 'Sam Agent', diagnosedReasonId: null, diagnosedReason: null },
      customer: { id: 3, externalId: 'C-F1', name: 'Customer F1', monthlyRevenue: 80, statedReason: null },
    };
    installFakeApi({
      'feedback.queue': () => ({ items: [item], total: 5, groups: [{ team: 'Support North', rep: null, new: 1, shared: 0, coached: 0, closed: 0 }] }),
      'feedback.counts': () => ({ rows: [{ period: '2026-11', team: null, rep: null, reasonId: 'x', reason: 'Attitude of support person', count: 2 }] }),
    });
    const { container } = render(<FeedbackView />);
    await screen.findByText('Felt rushed.');
    expect(untranslated(container, ['Felt rushed.', 'Support North', 'Sam Agent', 'Customer F1', 'Attitude of support person'])).toEqual([]);
  });

  it('The floor', async () => {
    const zero = { calls: 0, recovered: 0, revenueBack: 0 };
    const row = (over: Partial<BoardRow>): BoardRow => ({ person: 'X', role: 'agent', state: 'idle', stage: null, customerId: null, pauseReason: null, since: '2026-11-16T14:00:00.000Z', secondsInState: 60, silent: false, lastHeardAt: null, desks: 1, today: zero, ...over });
    const board: Board = {
      generatedAt: '2026-11-16T14:00:00.000Z',
      rows: [row({ person: 'Alex Agent', state: 'in_call', stage: 'listen', customerId: 'C-41', secondsInState: 16 * 60 }), row({ person: 'Robin Agent', state: 'paused', pauseReason: 'Coaching' }), row({ person: 'Lee Agent', state: 'offline', since: null, secondsInState: null })],
      totals: { people: 3, byState: { idle: 0, in_call: 1, wrap_up: 0, paused: 1, offline: 1 }, today: zero },
    };
    installFakeApi({ 'reports.pauses': () => ({ from: '2026-11-16', to: '2026-11-16', rows: [{ person: 'Robin Agent', reason: 'Coaching', reasonId: 'coaching', pauses: 2, seconds: 600, longestSeconds: 400, share: 1 }], byPerson: [{ person: 'Robin Agent', pauses: 2, seconds: 600 }], totals: { pauses: 2, seconds: 600 } }) });
    const { container } = render(
      <>
        <FloorTotals board={board} />
        <FloorTable board={board} thresholds={{ idle: 20, in_call: 15, wrap_up: 3, paused: 15 }} elapsed={0} />
        <ThresholdsForm value={{ idle: 20, in_call: 15, wrap_up: 3, paused: 15 }} onSave={() => Promise.resolve(true)} />
        <PauseReasonsEditor value={[{ id: 'coaching', label: 'Coaching' }]} onSave={() => Promise.resolve(true)} />
        <PauseTime hubConfigured={false} />
      </>,
    );
    await userEvent.click(screen.getAllByRole('button', { name: /⟦/ }).find((b) => b.getAttribute('type') === 'submit' && b.closest('form')?.querySelector('input[type="date"]')) as HTMLElement);
    await screen.findAllByText('Robin Agent');
    expect(untranslated(container, ['Alex Agent', 'Robin Agent', 'Lee Agent', 'Coaching', 'C-41', ' min', ' s'])).toEqual([]);
  });

  it('Outreach', async () => {
    const figures = { members: 3, byCall: 3, requeued: 1, blocked: 1, ready: 1, queued: 1, sending: 0, sent: 1, failed: 1, exported: 1, uncertain: 1, reachedByCall: 1, told: 2, cameBack: 1, revenueBack: 80 };
    const summary: OutreachSummary = { id: 'o1', name: 'We fixed it: Outages', issueId: 'i1', kind: 'what_changed', whatChanged: 'Every cabinet now has a backup line.', fixedOn: '2026-11-18', byCall: true, messageChannel: 'email', codesValidUntil: '2026-12-18', createdAt: '2026-11-20T12:00:00.000Z', createdBy: 'Mia', excluded: [], figures };
    const template: Template = { id: 'template.what-changed', kind: 'what_changed', categoryId: null, reasonId: null, scope: 'Every reason', name: 'Our news', subject: 'Our subject', body: 'Dear {{first_name}}', fields: ['first_name'], updatedAt: '2026-11-01', retired: true };
    installFakeApi({
      'outreach.issue': () => ({ fixed: true, fix: { whatChanged: 'Every cabinet now has a backup line.', fixedOn: '2026-11-18' }, outreaches: [summary] }),
      'outreach.issue.audience': () => ({ candidates: 4, included: 3, revenue: 175, excluded: [{ why: { key: 'outreach.leftOutWhy.do_not_contact' }, customers: 1 }] }),
      'outreach.templates.list': () => ({ items: [template] }),
      'taxonomy.list': () => taxonomy(),
      'outreach.settings.get': () => ({ company: 'Acme', fromAddress: null, replyTo: null, smtp: { host: 'smtp.acme.test', port: 587, security: 'starttls', user: 'u', passwordSet: true, trustedCertificate: false }, ratePerMinute: 60, hubPublicUrl: 'https://hub.acme.test/', hubConfigured: false }),
      'outreach.callNote': () => ({ notes: [{ whatChanged: 'Every cabinet now has a backup line.', fixedOn: '2026-11-18', issueTitle: 'Outages' }] }),
    });
    const { container } = render(
      <>
        <IssueOutreach issueId="i1" status="fixed" />
        <TemplatesSection />
        <DeliverySettings />
        <MessagePreview preview={{ ok: true, templateId: 't', templateName: 'Our news', to: null, subject: 'Our subject', body: 'Dear Ada', sampleCode: false }} />
        <MessagePreview preview={{ ok: false, templateId: null, templateName: null, problem: 'No first name.' }} />
        <WhatChangedNote customerId={7} />
      </>,
    );
    await screen.findAllByText(/We fixed it: Outages/);
    await screen.findAllByText('Our news');
    await screen.findByDisplayValue('Acme');
    await screen.findByRole('complementary');
    await userEvent.click(screen.getAllByRole('button', { name: /⟦/ }).find((b) => b.getAttribute('type') === 'button' && b.closest('form')?.querySelector('select')) as HTMLElement);
    await screen.findByRole('status');
    const data = ['We fixed it: Outages', 'Every cabinet now has a backup line.', 'Our news', 'Our subject', 'Dear Ada', 'No first name.', 'Acme', 'smtp.acme.test', 'https://hub.acme.test/', 'care@example.com', 'https://hub.example.com/', 'smtp.example.com', 'STARTTLS', 'TLS', 'SMTP', 'Message-ID', 'eml', 'CSV', 'zip', ...categoryData()];
    const fields = ['first_name', 'their_words', 'what_changed', 'fixed_on', 'offer', 'code', 'expiry', 'window_closes', 'agent_name', 'company'];
    expect(untranslated(container, [...data, ...fields])).toEqual([]);
  });

  it('The first-run screens', async () => {
    installFakeApi({ 'cycles.list': () => [] });
    useAppStore.setState({ session: { user: { id: 'p1', name: 'Pat', role: 'manager' }, demo: false, callingHoursEnforced: true, appVersion: '0.1.0' } });
    const { container } = render(<GetStarted />);
    await screen.findAllByRole('button');
    expect(untranslated(container, [])).toEqual([]);
  });

  it('The playbook', async () => {
    installFakeApi({ 'taxonomy.list': () => taxonomy(), 'playbook.list': () => ({ offers: offers(), rules: rules() }) });
    const { container } = render(<PlaybookSection />);
    await screen.findAllByRole('table');
    expect(untranslated(container, [...categoryData(), ...offerData()])).toEqual([]);
  });
});
