import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { SelectionEditor } from '../../renderer/src/views/admin/SelectionSection';
import { say } from '../../renderer/src/i18n/said';
import { issueSentence } from '../../renderer/src/i18n/checkedSaid';
import { contract, type Channel } from '../../shared/api';
import { CareSettingsSchema, IndicatorsSchema } from '../../shared/api/care';
import { PauseReasonList } from '../../shared/sync/board';
import { SaveCategorySchema, SaveReasonSchema } from '../../shared/api/playbook';
import type { ZodType } from 'zod';

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

  /**
   * Schemas whose limits used to be written into English template literals, which no catalogue could
   * key, so the window fell back to the generic sentence: each now says its own, in the person's language.
   */
  const input = (channel: Channel) => contract[channel].input as ZodType;
  const CASES: { name: string; schema: ZodType; value: unknown; key: string; es: string }[] = [
    { name: 'a phone number too long', schema: input('dial.open'), value: { number: '1'.repeat(33) }, key: 'errors.input.phoneTooLong', es: 'Un número de teléfono tiene como máximo 32 caracteres.' },
    { name: 'a control share over the limit', schema: input('effect.setControl'), value: { cycleId: 'c1', sharePercent: 60 }, key: 'errors.input.controlShareMax', es: 'El grupo de control es como máximo del 50 %: por encima, se llamaría a menos clientes de los que se dejan fuera.' },
    { name: 'a category without a name', schema: SaveCategorySchema, value: { name: ' ' }, key: 'errors.input.nameCategory', es: 'Ponle nombre a la categoría.' },
    { name: 'a reason name too long', schema: SaveReasonSchema, value: { categoryId: 'price', name: 'x'.repeat(121) }, key: 'errors.input.reasonNameLong', es: 'El nombre de un motivo tiene como máximo 120 caracteres.' },
    { name: 'an offer without a name', schema: input('playbook.saveOffer'), value: { name: '', type: 'pause', durationMonths: 1 }, key: 'errors.input.nameOffer', es: 'Ponle nombre a la oferta.' },
    { name: 'too many reasons on an issue', schema: input('issues.create'), value: { title: 'Cortes', reasonIds: Array.from({ length: 51 }, (_, i) => `r${i}`) }, key: 'errors.input.issueReasonsMax', es: 'Como máximo 50 motivos por incidencia.' },
    { name: 'too many calls on an issue', schema: input('issues.create'), value: { title: 'Cortes', callIds: Array.from({ length: 501 }, (_, i) => `c${i}`) }, key: 'errors.input.issueCallsMax', es: 'Como máximo 500 llamadas por incidencia.' },
    { name: 'an attribution window too long', schema: input('keepInTouch.settings.set'), value: { attributionDays: 731 }, key: 'errors.input.windowMax', es: 'El periodo es como máximo de 730 días.' },
    { name: 'personal data kept too long', schema: input('privacy.retention.set'), value: { months: 601, daily: false }, key: 'errors.input.retentionMonthsMax', es: 'Conserva los datos personales como máximo 600 meses.' },
    { name: 'a count that is not whole', schema: IndicatorsSchema, value: { serviceContacts: 1.5, purchases: null, spend: null, supportTickets: null, satisfaction: null }, key: 'errors.input.countWhole', es: 'Contactos con atención al cliente: escribe un número entero.' },
    { name: 'a negative count', schema: IndicatorsSchema, value: { serviceContacts: null, purchases: -1, spend: null, supportTickets: null, satisfaction: null }, key: 'errors.input.countNegative', es: 'Compras: no puede ser negativo.' },
    { name: 'a count too large', schema: IndicatorsSchema, value: { serviceContacts: null, purchases: null, spend: null, supportTickets: 1_000_001, satisfaction: null }, key: 'errors.input.countMax', es: 'Tickets de soporte: como máximo 1.000.000.' },
    { name: 'a review interval too short', schema: CareSettingsSchema, value: { reviewIntervalMonths: 0 }, key: 'errors.input.reviewMin', es: 'El intervalo de revisión es de al menos 1 mes.' },
    { name: 'a review interval too long', schema: CareSettingsSchema, value: { reviewIntervalMonths: 25 }, key: 'errors.input.reviewMax', es: 'El intervalo de revisión es como máximo de 24 meses.' },
    { name: 'too many pause reasons', schema: PauseReasonList, value: Array.from({ length: 13 }, (_, i) => ({ id: `p${i}`, label: `Pausa ${i}` })), key: 'errors.input.pauseReasonsMax', es: 'Como máximo 12 motivos de pausa.' },
    { name: 'two pause reasons with one id', schema: PauseReasonList, value: [{ id: 'cafe', label: 'Café' }, { id: 'cafe', label: 'Comida' }], key: 'errors.input.pauseReasonSameId', es: 'Dos motivos de pausa tienen el identificador «cafe».' },
    { name: 'two pause reasons with one name', schema: PauseReasonList, value: [{ id: 'cafe', label: 'Café' }, { id: 'descanso', label: 'café' }], key: 'errors.input.pauseReasonSameLabel', es: 'Dos motivos de pausa se llaman «café».' },
    { name: 'a pause reason id with capitals', schema: PauseReasonList, value: [{ id: 'Cafe', label: 'Café' }], key: 'errors.input.pauseReasonId', es: 'El identificador de un motivo de pausa lleva solo minúsculas, cifras y guiones.' },
  ];

  it.each(CASES)('Spanish: $name is said by its own sentence, not the generic one', async ({ schema, value, key, es }) => {
    await applyLanguage('es', 'EUR');
    const parsed = schema.safeParse(value);
    expect(parsed.success).toBe(false);
    const sentence = issueSentence(parsed.error?.issues[0] as never);
    expect(sentence.key).toBe(key);
    expect(say(sentence).replace(/[\u00a0\u202f]/g, ' ')).toBe(es);
  });
});
