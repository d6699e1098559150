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
/** A folder inside electron/, matched by its name after any number of ../ (or from the root). */
const folderOf = (path, name, message) => ({ regex: `(^|/)(${path}|\\.\\./${name}|\\.\\./\\.\\./${name})(/|$)`, message });
/** What the core (electron/backend) may never import: the shell and the front doors that open it. */
const coreLimits = [
  folderOf('electron/main', 'main', 'The core (backend/) never imports the desktop shell.'),
  folderOf('electron/preload', 'preload', 'The core (backend/) never imports the desktop shell.'),
  folderOf('electron/http', 'http', 'The core (backend/) never imports a front door.'),
  folderOf('electron/cli', 'cli', 'The core (backend/) never imports a front door.'),
];
const electronPatterns = (extra) => [
  folder('renderer'),
  packages(['electron'], "Only electron/main and electron/preload import 'electron'; the core and the other front doors run without it."),
  ...extra,
];

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
  // Inside electron/: main/ and preload/ are the desktop shell (the only code that imports
  // 'electron'); http/ and cli/ are the two other front doors; backend/ is the headless core that
  // all three open. The core never reaches back out to a door, and no door reaches into the shell.
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: electronPatterns([]) }],
    },
  },
  {
    files: ['electron/http/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: electronPatterns([folderOf('electron/main', 'main', 'The front doors (http/, cli/) never import the desktop shell (main/).')]),
      }],
    },
  },
  {
    files: ['electron/backend/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: electronPatterns(coreLimits) }] },
  },
  {
    // A domain sees the core's root only through types.ts; the dispatcher, the handler registry and
    // the database lifecycle import the domains, never the other way round.
    files: ['electron/backend/*/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: electronPatterns([
          ...coreLimits,
          {
            regex: '^\\.\\./(dispatch|handlers|create|database|logger|paths|redact-log|unknownChannel)$',
            message: 'A domain imports only types.ts from the root of backend/ (the root imports the domains).',
          },
        ]),
      }],
    },
  },
  {
    files: ['electron/backend/types.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: electronPatterns([
          ...coreLimits,
          { regex: '^\\./', message: 'types.ts is a leaf: it imports nothing of the core, so every domain can import it.' },
        ]),
      }],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          folder('renderer'),
          folderOf('electron/http', 'http', 'The desktop shell opens the core (backend/), not the other front doors.'),
          folderOf('electron/cli', 'cli', 'The desktop shell opens the core (backend/), not the other front doors.'),
        ],
      }],
    },
  },
];
