// @ts-check
/**
 * Import direction, checked by lint rather than by memory (ARCHITECTURE.md):
 * renderer -> shared; electron -> db -> shared; hub -> shared; shared -> nothing.
 * Only electron/main and electron/preload may import 'electron'.
 * test/unit/lint-boundaries.test.ts proves each rule fires.
 */
const folder = (name) => ({
  regex: `(^|/)${name}(/|$)`,
  message: `This folder may not import from ${name}/ (see the import direction in docs/architecture.md).`,
});
const nodeBuiltins = {
  regex: '^node:',
  message: 'shared/ runs everywhere: no Node built-ins.',
};
const packages = (names, why) => ({ regex: `^(${names.join('|')})(/|$)`, message: why });

export const boundaryRules = [
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          folder('db'), folder('electron'), folder('renderer'), folder('hub'), nodeBuiltins,
          packages(['react', 'react-dom', 'electron', 'better-sqlite3', 'fs', 'path', 'os', 'crypto'], 'shared/ is pure TypeScript: no Node, DOM, React or Electron.'),
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          folder('db'), folder('electron'), folder('hub'), nodeBuiltins,
          packages(['electron', 'better-sqlite3', 'fs', 'path', 'child_process'], 'The renderer talks to the backend only through renderer/src/api.'),
        ],
      }],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [folder('electron'), folder('renderer'), folder('hub'), packages(['electron', 'react'], 'db/ is plain Node.')],
      }],
    },
  },
  {
    files: ['hub/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [folder('electron'), folder('renderer'), folder('db'), packages(['electron', 'react'], 'The hub is a plain Node service.')],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [folder('renderer'), packages(['electron'], "Only electron/main and electron/preload import 'electron'; services run without it.")],
      }],
    },
  },
];
