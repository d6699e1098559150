import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { prefetchRememberedCatalogue } from './i18n';
import './styles.css';

// A returning desk's catalogue is asked for as soon as the window's script runs, so it travels while
// React makes its first render instead of after it (src/i18n/index.ts).
prefetchRememberedCatalogue();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
