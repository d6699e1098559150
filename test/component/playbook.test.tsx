import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import type { TaxonomyCategory } from '../../shared/api/call';
import type { Playbook } from '../../shared/api/playbook';
import type { Role } from '../../shared/domain/roles';
import { installFakeApi } from './fakeApi';
import { appSession, offers, rules, SYNC_OK, taxonomy } from './callSession';

function fake(role: Role = 'manager') {
  let tax: TaxonomyCategory[] = taxonomy().slice(0, 2);
  let book: Playbook = { offers: offers(), rules: rules().slice(0, 3) };
  const api = installFakeApi({
    'session.get': () => ({ ...appSession(role), user: { id: 'm1', name: 'Mia Manager', role } }),
    'sync.status': () => SYNC_OK,
    'queue.list': () => ({ items: [], total: 0 }),
    'people.list': () => [],
    'hub.settings.get': () => ({ url: null, tokenConfigured: false, refusedEvents: 0, lastPullAt: null }),
    'call.resume': () => ({ customerId: null }),
    'taxonomy.list': () => tax,
    'playbook.list': () => book,
    'taxonomy.saveCategory': (i) => {
      tax = i.id ? tax.map((c) => (c.id === i.id ? { ...c, name: i.name } : c)) : [...tax, { id: 'data-privacy', name: i.name, approach: i.approach ?? '', recoverable: i.recoverable ?? true, retired: false, reasons: [] }];
      return tax;
    },
    'taxonomy.saveReason': (i) => {
      tax = tax.map((c) => (c.id === i.categoryId ? { ...c, reasons: i.id ? c.reasons.map((r) => (r.id === i.id ? { ...r, name: i.name } : r)) : [...c.reasons, { id: `${c.id}.new`, name: i.name, retired: false }] } : c));
      return tax;
    },
    'taxonomy.retireReason': (i) => {
      tax = tax.map((c) => ({ ...c, reasons: c.reasons.map((r) => (r.id === i.id ? { ...r, retired: i.retired } : r)) }));
      return tax;
    },
    'playbook.saveOffer': (i) =>
      i.type === 'alternative_product' && !i.product
        ? { code: 'invalid_input', message: 'This offer type needs the product or plan proposed.' }
        : (book = { ...book, offers: [...book.offers, { id: 'offer.service-d', name: i.name, type: i.type, talkingPoints: i.talkingPoints ?? '', percent: null, durationMonths: null, generatesCode: false, product: i.product ?? null, retired: false }] }),
    'playbook.saveRule': (i) => (book = { ...book, rules: [...book.rules, { id: 'rule.service-d', priority: i.priority, categoryId: i.categoryId ?? null, reasonId: i.reasonId ?? null, product: i.product ?? null, segment: i.segment ?? null, minRevenue: i.minRevenue ?? null, maxRevenue: i.maxRevenue ?? null, offerId: i.offerId }] }),
    'playbook.deleteRule': (i) => (book = { ...book, rules: book.rules.filter((r) => r.id !== i.id) }),
  });
  return api;
}

async function openAdmin() {
  render(<App />);
  await userEvent.click(within(await screen.findByRole('navigation', { name: 'Main' })).getByRole('button', { name: 'Admin' }));
  const sections = await screen.findByRole('navigation', { name: 'Admin sections' });
  await userEvent.click(within(sections).getByRole('button', { name: 'Playbook and reasons' }));
  return screen.findByRole('region', { name: 'Playbook and reasons' });
}

describe('the playbook, for managers', () => {
  it('is a section of Admin for managers only', async () => {
    fake('agent');
    render(<App />);
    await userEvent.click(within(await screen.findByRole('navigation', { name: 'Main' })).getByRole('button', { name: 'Admin' }));
    await screen.findByRole('heading', { name: 'Admin' });
    expect(screen.queryByRole('region', { name: 'Playbook and reasons' })).toBeNull();
  });

  it('adds a category and a reason, renames a reason and retires one', async () => {
    const api = fake();
    await openAdmin();
    await userEvent.type(await screen.findByLabelText('Category name'), 'Data privacy');
    await userEvent.click(screen.getByRole('button', { name: 'Add category' }));
    expect(await screen.findByRole('heading', { name: 'Data privacy' })).toBeInTheDocument();
    expect(api.calls).toContainEqual(['taxonomy.saveCategory', { name: 'Data privacy', approach: '', recoverable: true }]);

    await userEvent.type(screen.getByLabelText('New reason in Competitor'), 'Bundled with their bank');
    await userEvent.click(within(screen.getByRole('list', { name: 'Reason categories' })).getAllByRole('button', { name: 'Add reason' })[1] as HTMLElement);
    expect(within(screen.getByRole('list', { name: 'Reasons in Competitor' })).getByRole('button', { name: 'Retire Bundled with their bank' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Rename Too expensive' }));
    const rename = screen.getByLabelText('New name for Too expensive');
    await userEvent.clear(rename);
    await userEvent.type(rename, 'Price too high for what they use');
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect(api.calls).toContainEqual(['taxonomy.saveReason', { id: 'price.too-expensive', categoryId: 'price', name: 'Price too high for what they use' }]);

    await userEvent.click(screen.getByRole('button', { name: 'Retire Extra charges' }));
    expect(await screen.findByRole('button', { name: 'Restore Extra charges' })).toBeInTheDocument();
    expect(screen.getByText(/Extra charges is retired: kept in history and reports/)).toBeInTheDocument();
  });

  it('adds an alternative product offer, saying what is missing first', async () => {
    fake();
    const section = await openAdmin();
    const form = within(section).getByRole('form', { name: 'Add an offer' });
    await userEvent.type(within(form).getByLabelText('Offer name'), 'Service D');
    await userEvent.selectOptions(within(form).getByLabelText('Offer type'), 'Alternative product');
    await userEvent.click(within(form).getByRole('button', { name: 'Add offer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This offer type needs the product or plan proposed.');
    await userEvent.type(within(form).getByLabelText('Product or plan proposed'), 'Service D');
    await userEvent.click(within(form).getByRole('button', { name: 'Add offer' }));
    expect(await within(screen.getByRole('list', { name: 'Offers' })).findByText('Service D')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Offers' })).getByText(/Alternative product: Service D/)).toBeInTheDocument();
  });

  it('adds a rule "left Service A -> Service D" and shows it in words', async () => {
    const api = fake();
    const section = await openAdmin();
    const form = within(section).getByRole('form', { name: 'Add a rule' });
    await userEvent.type(within(form).getByLabelText('and they left the product'), 'Service A');
    await userEvent.selectOptions(within(form).getByLabelText('Propose the offer'), 'A personal walkthrough');
    await userEvent.clear(within(form).getByLabelText('Priority (lower comes first)'));
    await userEvent.type(within(form).getByLabelText('Priority (lower comes first)'), '5');
    await userEvent.click(within(form).getByRole('button', { name: 'Add rule' }));
    expect(api.calls).toContainEqual([
      'playbook.saveRule',
      { priority: 5, categoryId: null, reasonId: null, product: 'Service A', segment: '', minRevenue: null, maxRevenue: null, offerId: 'offer.walkthrough' },
    ]);
    const table = await screen.findByRole('table', { name: 'Rules, in priority order' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('5When they left Service A.A personal walkthrough');
    await userEvent.click(within(table).getByRole('button', { name: 'Delete the rule for A personal walkthrough (When they left Service A.)' }));
    expect(api.calls).toContainEqual(['playbook.deleteRule', { id: 'rule.service-d' }]);
  });
});
