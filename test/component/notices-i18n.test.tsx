import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n';
import { Notices } from '../../renderer/src/components/Notices';
import { failedCall } from '../../renderer/src/api/client';
import { useAppStore } from '../../renderer/src/store';
import { said } from '../../shared/i18n/said';
import { installFakeApi } from './fakeApi';

afterEach(() => applyLanguage('en', 'USD'));

describe('a notice in the language on screen, not the one it was raised in', () => {
  it('an error raised on a Spanish screen reads German once the desk switches to German', async () => {
    await applyLanguage('es', 'EUR');
    render(<Notices />);
    const failure = await failedCall({
      code: 'not_found',
      message: 'No hay ningún cliente con el id 42.',
      said: { key: 'errors.customer.notFound', params: { id: '42' } },
    });
    act(() => useAppStore.getState().reportError(failure));
    expect(screen.getByRole('alert')).toHaveTextContent('No hay ningún cliente con el id 42.');

    await act(() => applyLanguage('de', 'EUR'));
    expect(screen.getByRole('alert')).toHaveTextContent('Es gibt keinen Kunden mit der ID 42.');
    expect(screen.getByRole('button', { name: 'Schließen: Es gibt keinen Kunden mit der ID 42.' })).toBeInTheDocument();
  });

  it('a confirmation raised in Spanish, with its sentence inside, reads German after the switch', async () => {
    await applyLanguage('es', 'EUR');
    render(<Notices />);
    act(() => useAppStore.getState().notify('info', said('call.notices.completed', { name: 'Ada', outcome: said('call.outcomes.recovered') })));
    expect(screen.getByRole('status')).toHaveTextContent(/^Llamada con Ada guardada: /);

    await act(() => applyLanguage('de', 'EUR'));
    expect(screen.getByRole('status')).toHaveTextContent(/^Anruf bei Ada gespeichert: /);
  });

  it("the floor's saved thresholds and pause reasons are confirmed in the desk's language", async () => {
    await applyLanguage('es', 'EUR');
    const thresholds = { idle: 20, in_call: 15, wrap_up: 3, paused: 15 };
    installFakeApi({
      'board.thresholds.set': (t) => t,
      'presence.reasons.save': ({ pauseReasons }) => ({ pauseReasons, publishedToHub: true }),
    });
    render(<Notices />);
    await act(async () => {
      await useAppStore.getState().saveBoardThresholds(thresholds);
    });
    expect(screen.getByRole('status')).toHaveTextContent('Umbrales guardados.');
    await act(async () => {
      await useAppStore.getState().savePauseReasons([{ id: 'lunch', label: 'Almuerzo' }]);
    });
    expect(screen.getByText('Motivos de pausa guardados y enviados a todos los puestos a través del hub.')).toBeInTheDocument();
  });
});
