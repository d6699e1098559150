import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { resetAppStore } from '../../renderer/src/store';
import { setApiClient } from '../../renderer/src/api/client';
import { loadViews } from '../../renderer/src/views/lazyViews';
import { applyLanguage } from '../../renderer/src/i18n';
import { showOwnNames } from '../../renderer/src/i18n/ownNames';
import { NO_OWN_NAMES } from '../../shared/i18n/taxonomyNames';

// The window loads every view but the Queue on demand; here their modules are transformed and loaded
// once before the tests, so a test that opens a view waits for React, not for the test runner.
beforeAll(loadViews, 60_000);
// The window's words and formats in English with US dollars, as the tests read them.
beforeAll(() => applyLanguage('en', 'USD'));

// findBy… waits up to 5 s, not 1: on a busy two-core machine a view's first render can take longer.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  // What a window remembers between runs (the call on screen, unsaved copies) belongs to one test.
  window.localStorage.clear();
  resetAppStore();
  // A manager's own reason names are the window's translator's, not the store's: cleared with it.
  showOwnNames(NO_OWN_NAMES);
  setApiClient(null);
});

// jsdom has no layout: give elements a desk-sized box so virtualised lists render their first screen.
for (const [prop, size] of [['offsetHeight', 640], ['offsetWidth', 800], ['clientHeight', 640], ['clientWidth', 800]] as const) {
  Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => size });
}
