import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { SelectionEditor } from '../../renderer/src/views/admin/SelectionSection';

afterEach(() => applyLanguage('en', 'USD'));

const view = { rules: [], valueBands: [], segmentPoints: [], selected: 10, choices: { segments: [], products: [], categories: [] } };

describe('what a form finds wrong, in the person’s language, at the field', () => {
  it('a Spanish desk reads the band’s missing name in Spanish, and in German once the language changes', async () => {
    await applyLanguage('es', 'EUR');
    render(<SelectionEditor busy={false} view={view} onSave={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Añadir tramo' }));
    await userEvent.click(screen.getByRole('button', { name: 'Guardar y seleccionar' }));
    const name = within(screen.getByRole('group', { name: 'Tramo de valor 1' })).getByLabelText('Nombre');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Ponle nombre al tramo.');

    await act(() => applyLanguage('de', 'EUR'));
    expect(name).toHaveAccessibleDescription('Geben Sie der Wertstufe einen Namen.');
  });

});
