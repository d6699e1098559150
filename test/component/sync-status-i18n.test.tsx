import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage, i18next } from '../../renderer/src/i18n';
import { describeSync, StatusArea } from '../../renderer/src/components/StatusArea';
import type { SyncStatus } from '../../shared/api/sync';
import { installFakeApi } from './fakeApi';

afterEach(() => applyLanguage('en', 'USD'));

function showStatus(status: SyncStatus) {
  installFakeApi({ 'sync.status': () => status });
  render(<StatusArea />);
  return screen.findByRole('status');
}

const offline = (lastError: SyncStatus['lastError']): SyncStatus => ({ hubConfigured: true, online: false, pending: 3, lastSyncAt: null, lastError });

describe('the sync status’s last problem, kept by key', () => {
  it('a Spanish desk reads it in Spanish, and a switch to German says it again in German', async () => {
    await applyLanguage('es', 'EUR');
    const status = await showStatus(offline({ key: 'errors.hub.request.offline', params: { host: 'hub.example:8443' } }));
    await expect.poll(() => status.textContent).toContain(
      'No se ha podido contactar con el hub en hub.example:8443. Los eventos esperan en este puesto y se envían cuando vuelva.',
    );
    expect(status).not.toHaveTextContent('Could not reach');
    await act(() => applyLanguage('de', 'EUR'));
    expect(status).toHaveTextContent('Der Hub unter hub.example:8443 ist nicht erreichbar. Die Ereignisse warten an diesem Platz');
    expect(status).not.toHaveTextContent('No se ha podido');
  });

  it('says the refused events with the language’s plural, and shows an older console’s English words as written', async () => {
    await applyLanguage('fr', 'EUR');
    const status = await showStatus(offline({ key: 'errors.sync.refused', params: { count: 2 } }));
    await expect.poll(() => status.textContent).toContain('Le hub a refusé 2 événements (non valides, ou trop volumineux pour être envoyés)');
    // Stored before problems were kept by key: plain words, shown as written.
    expect(describeSync(offline('Could not reach the hub at hub.example:8443.'), false, i18next.t)).toBe(
      'Hors ligne : 3 événements en attente de synchronisation, pas encore synchronisé. Dernier problème : Could not reach the hub at hub.example:8443.',
    );
  });
});
