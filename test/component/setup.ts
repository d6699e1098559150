import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { resetAppStore } from '../../renderer/src/store';
import { setApiClient } from '../../renderer/src/api/client';

afterEach(() => {
  cleanup();
  resetAppStore();
  setApiClient(null);
});

// jsdom has no layout: give elements a desk-sized box so virtualised lists render their first screen.
for (const [prop, size] of [['offsetHeight', 640], ['offsetWidth', 800], ['clientHeight', 640], ['clientWidth', 800]] as const) {
  Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => size });
}
