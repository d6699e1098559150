import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      sourcemap: false,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          // Reports over a million calls run on this worker thread (electron/backend/reportWorkers/runner.ts).
          'report-worker': resolve(import.meta.dirname, 'electron/backend/reportWorkers/worker.ts'),
          // Exports read and format their rows on these worker threads (electron/backend/exports/parallel.ts).
          'export-worker': resolve(import.meta.dirname, 'electron/backend/exports/worker.ts'),
          // An import's write-ahead log is copied into the database file on this worker thread
          // (electron/backend/workers/checkpoint.ts).
          'checkpoint-worker': resolve(import.meta.dirname, 'electron/backend/workers/checkpointWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      sourcemap: false,
      // A sandboxed preload cannot load ES modules or other files: one CommonJS bundle.
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      sourcemap: false,
      // electron-vite leaves the renderer unminified; minified, the window parses a third as much
      // script before the Queue view can paint (bench/chromium.ts).
      minify: true,
      rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});
