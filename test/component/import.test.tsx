import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ImportSection } from '../../renderer/src/views/admin/ImportSection';
import { installFakeApi } from './fakeApi';
import type { ImportPreview } from '../../shared/api/import';

const CSV = 'Account No,Full name,Mobile,MRR\nN-1,Ada,+1 555-0101,80\nN-2,Bruno,+1 555-0102,x\n';
const HEADERS = ['Account No', 'Full name', 'Mobile', 'MRR'];

const preview = (over: Partial<ImportPreview> = {}): ImportPreview => ({
  encoding: 'utf8',
  separator: ',',
  newCount: 1,
  updatedCount: 0,
  skipped: 0,
  active: 0,
  invalid: 1,
  noContact: 0,
  unmapped: [],
  dates: { slashed: false, format: null, chosen: false, example: null },
  warnings: [],
  errors: [{ line: 3, column: 'MRR', value: 'x', message: '"x" is not a number.' }],
  cycles: [{ id: '2026-11', name: 'November 2026', customers: 1 }],
  fileError: null,
  ...over,
});

function fakeBackend(answer: ImportPreview = preview()) {
  const received: string[] = [];
  const api = installFakeApi({
    // Tiny parts, so the file travels in several.
    'import.begin': () => ({ uploadId: '00000000-0000-4000-8000-000000000001', chunkBytes: 16 }),
    'import.chunk': (i) => {
      received.push(atob(i.data));
      return { received: received.join('').length };
    },
    'import.inspect': () => ({
      headers: HEADERS,
      sample: [['N-1', 'Ada', '+1 555-0101', '80']],
      encoding: 'utf8',
      separator: ',',
      proposed: { columns: { externalId: 'Account No', name: 'Full name', phone: 'Mobile' } },
      saved: [],
    }),
    'import.progress': () => ({ phase: 'read', bytesDone: CSV.length, bytesTotal: CSV.length }),
    'import.preview': () => answer,
    'import.commit': (i) => ({
      imported: 1,
      updated: 0,
      skipped: 0,
      invalid: i.skipInvalid ? 1 : 0,
      noContact: 0,
      suppressed: 0,
      unmapped: 0,
      selected: 1,
    }),
    'import.mappings.save': (i) => [{ name: i.name, mapping: i.mapping }],
    'import.discard': () => ({}),
    'queue.list': () => ({ items: [], total: 0 }),
    'queue.filters': () => ({ segments: [], categories: [], cycles: [] }),
  });
  return { ...api, received };
}

async function chooseFile() {
  await userEvent.upload(screen.getByLabelText('CSV file'), new File([CSV], 'departed.csv', { type: 'text/csv' }));
  return screen.findByRole('group', { name: 'Columns' });
}

describe('importing from Admin', () => {
  it('sends the file in parts, proposes a mapping, lets the manager correct it, previews and imports', async () => {
    const { calls, received } = fakeBackend();
    render(<ImportSection />);
    const columns = await chooseFile();
    expect(received.join('')).toBe(CSV);
    expect(received.length).toBeGreaterThan(1);

    // The proposal found the id, name and phone; the revenue column was not recognised.
    expect(within(columns).getByLabelText('Customer id (required)')).toHaveValue('Account No');
    const revenue = within(columns).getByLabelText('Monthly revenue');
    expect(revenue).toHaveValue('');
    await userEvent.selectOptions(revenue, 'MRR');

    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByRole('heading', { name: 'Preview' })).toBeInTheDocument();
    const sent = calls.find(([c]) => c === 'import.preview')?.[1] as { mapping: { columns: Record<string, string> } };
    expect(sent.mapping.columns).toEqual({ externalId: 'Account No', name: 'Full name', phone: 'Mobile', monthlyRevenue: 'MRR' });

    expect(screen.getByText('New departed customers').nextSibling).toHaveTextContent('1');
    const problems = screen.getByRole('table', { name: 'Problems' });
    expect(within(problems).getByRole('row', { name: /3 MRR x "x" is not a number\./ })).toBeInTheDocument();

    // Invalid rows block the import until the manager chooses to skip them.
    const importButton = screen.getByRole('button', { name: 'Import 1 customer' });
    expect(importButton).toBeDisabled();
    await userEvent.click(screen.getByRole('checkbox', { name: /Skip the invalid row and import the rest/ }));
    await userEvent.click(importButton);
    expect(await screen.findByText(/Imported 1 new departed customers and updated 0/)).toBeInTheDocument();
    expect(calls.find(([c]) => c === 'import.commit')?.[1]).toEqual({
      uploadId: '00000000-0000-4000-8000-000000000001',
      skipInvalid: true,
    });
  });

  it('saves the corrected mapping under a name', async () => {
    const { calls } = fakeBackend();
    render(<ImportSection />);
    const columns = await chooseFile();
    await userEvent.selectOptions(within(columns).getByLabelText('Monthly revenue'), 'MRR');
    await userEvent.type(screen.getByLabelText('Save this mapping as'), 'CRM export');
    await userEvent.click(screen.getByRole('button', { name: 'Save mapping' }));
    const saved = calls.find(([c]) => c === 'import.mappings.save')?.[1];
    expect(saved).toEqual({
      name: 'CRM export',
      mapping: { columns: { externalId: 'Account No', name: 'Full name', phone: 'Mobile', monthlyRevenue: 'MRR' } },
    });
    expect(await screen.findByLabelText('Use a saved mapping')).toBeInTheDocument();
  });

  it('says which rows departed, and shows a broken file as an error with nothing to import', async () => {
    const { calls } = fakeBackend(
      preview({ fileError: 'Line 8: a quoted value is never closed. Nothing can be imported from this file.' }),
    );
    render(<ImportSection />);
    await chooseFile();
    await userEvent.selectOptions(screen.getByLabelText('Rows that departed have the column'), 'MRR');
    await userEvent.clear(screen.getByLabelText('equal to'));
    await userEvent.type(screen.getByLabelText('equal to'), 'gone');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Line 8: a quoted value is never closed.');
    expect(screen.queryByRole('button', { name: /^Import \d/ })).not.toBeInTheDocument();
    const sent = calls.find(([c]) => c === 'import.preview')?.[1] as { mapping: unknown };
    expect(sent.mapping).toMatchObject({ departedWhen: { column: 'MRR', equals: 'gone' } });
  });

  it('shows the warning of the preview about revenue that reads two ways', async () => {
    const warning = 'MRR: "1,234" on line 2 could mean 1.234 or 1234; it is read as 1234, because this file writes decimals with a point. Check the file before importing.';
    const said = { key: 'why.importWarning.ambiguousPoint', params: { column: 'MRR', value: '1,234', line: '2', otherwise: { decimal: 1.234 }, readAs: { decimal: 1234 } } };
    fakeBackend(preview({ invalid: 0, errors: [], warnings: [said] }));
    render(<ImportSection />);
    await chooseFile();
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const warnings = await screen.findByRole('list', { name: 'Before you import' });
    expect(within(warnings).getByRole('listitem')).toHaveTextContent(warning);
  });

  it('a changed mapping needs a new preview', async () => {
    fakeBackend(preview({ invalid: 0, errors: [] }));
    render(<ImportSection />);
    const columns = await chooseFile();
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByRole('button', { name: 'Import 1 customer' })).toBeEnabled();
    await userEvent.selectOptions(within(columns).getByLabelText('Monthly revenue'), 'MRR');
    expect(screen.queryByRole('button', { name: 'Import 1 customer' })).not.toBeInTheDocument();
  });

  it('asks how dates with slashes read when the file cannot tell, and previews again with the answer', async () => {
    const { calls } = fakeBackend(
      preview({
        dates: { slashed: true, format: null, chosen: false, example: null },
        errors: [{ line: 2, column: 'Left', value: '03/04/2026', message: '"03/04/2026" could be read day first or month first.' }],
      }),
    );
    render(<ImportSection />);
    await chooseFile();
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const dates = await screen.findByRole('radiogroup', { name: /Dates such as 03\/04\/2026 are written/ });
    expect(dates).toHaveTextContent(/Every date in the file fits both readings/);
    await userEvent.click(within(dates).getByRole('radio', { name: 'Day first (DD/MM/YYYY)' }));
    await screen.findByRole('heading', { name: 'Preview' });
    const previews = calls.filter(([c]) => c === 'import.preview');
    expect(previews).toHaveLength(2);
    expect(previews[1]?.[1]).toMatchObject({ mapping: { dateFormat: 'dmy' } });
  });

  it('shows the warnings, and imports active rows only when the manager says so', async () => {
    const { calls } = fakeBackend(
      preview({
        invalid: 0,
        errors: [],
        skipped: 2,
        active: 2,
        warnings: [{ key: 'why.importWarning.noRevenue' }, { key: 'why.importWarning.active', params: { count: 2, column: 'Status' } }],
      }),
    );
    render(<ImportSection />);
    await chooseFile();
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const warnings = await screen.findByRole('list', { name: 'Before you import' });
    expect(within(warnings).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^No column is mapped to Monthly revenue/) as unknown,
      expect.stringMatching(/still active/) as unknown,
    ]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Import the 2 active rows as departed anyway' }));
    await screen.findByRole('heading', { name: 'Preview' });
    expect(calls.filter(([c]) => c === 'import.preview')[1]?.[1]).toMatchObject({ mapping: { importActive: true } });
  });
});
