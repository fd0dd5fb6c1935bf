// The folder import rules (docs/testing.md, "What each folder runs in"): a break is a lint error, not a review comment.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'];

// Words a user may read untranslated: product and protocol names, units, code. A string made only
// of these (and punctuation/numbers, which the plugin skips anyway) is not a user-facing sentence.
const TECHNICAL_WORDS = [
  'EXAI( Desktop)?',
  'EX',
  'MCP',
  'Kimi',
  'GLM',
  'Moonshot AI',
  'Z\\.ai',
  'API',
  'URL',
  'HTTP',
  'WebSocket',
  'RSS',
  'ms',
  'MB',
  'p50',
  'p95',
  'Authorization:',
  'Bearer',
  'Claude Desktop',
  'Claude Code',
  'Cursor',
  'VS Code',
];
const technical = [
  `^(${TECHNICAL_WORDS.join('|')})([\\s·,/()—-]+(${TECHNICAL_WORDS.join('|')}))*$`,
];

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  {
    ignores: ['node_modules/**', '.tmp/**', 'dist/**', 'release/**', 'renderer/dist/**', 'docs/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['daemon/**/*.ts'],
    rules: restrict([
      {
        group: ['electron', 'electron/*'],
        message: 'daemon/ runs in plain Node: it never imports electron.',
      },
      {
        group: ['**/main/**', '../main', '**/renderer/**', '**/preload/**'],
        message: 'daemon/ never imports main/, renderer/ or preload/.',
      },
    ]),
  },
  {
    files: ['main/**/*.ts'],
    rules: restrict([
      { group: ['**/renderer/**'], message: 'main/ never imports renderer/.' },
      // The daemon's contract with its parent (messages, status, settings) is all main/ may know of it.
      {
        regex: '(^|/)daemon/(?!parent/[^/]+$)',
        message: 'main/ may import only daemon/parent/* of the daemon.',
      },
      {
        group: ['**/preload/*', '!**/preload/api.ts'],
        message: 'main/ may import only preload/api.ts.',
      },
    ]),
  },
  {
    files: ['preload/**/*.ts'],
    rules: restrict([
      // Type-only imports vanish from the bundle; preload/api.ts re-exports the daemon's status types.
      {
        group: ['**/daemon/**'],
        allowTypeImports: true,
        message: 'preload/ imports only electron and preload/api.ts.',
      },
      {
        group: ['**/main/**', '**/renderer/**'],
        message: 'preload/ imports only electron and preload/api.ts.',
      },
      { group: nodeBuiltins, message: 'preload/ is sandboxed: no node: modules.' },
    ]),
  },
  {
    // Catalogs are data: both main/ and renderer/ import them, so they may import nothing else.
    files: ['locales/**/*.ts'],
    rules: restrict([
      {
        regex: '^(?!\\./[\\w-]+\\.json$)',
        message: 'locales/ holds data only: it imports nothing but its catalogs.',
      },
    ]),
  },
  {
    // Every text a person reads in the dashboard comes from locales/ through t().
    files: ['renderer/src/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          // Identifiers (channel names, field paths, input modes) are code, not text.
          words: {
            exclude: [
              '[0-9!-/:-@[-`{-~•—…·◉⇄☰∿≡⌁⚙▸🔒\\s]+',
              '[A-Z_-]+',
              '[a-z][a-zA-Z0-9.:-]*',
              ...technical,
            ],
          },
          'jsx-attributes': {
            exclude: [
              'className',
              'type',
              'key',
              'id',
              'kind',
              'href',
              'role',
              'scope',
              'inputMode',
              'autoComplete',
              'data-.*',
              'aria-(hidden|live|labelledby|describedby|controls|current)',
            ],
          },
        },
      ],
    },
  },
  {
    // The tray menu builder: every literal string must be a catalog key or technical (mode all).
    files: ['main/shell/tray-menu.ts'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'all',
          'should-validate-template': true,
          // Identifiers: state names, item kinds, actions, platforms, icon files.
          words: {
            exclude: [
              '[a-z][a-zA-Z0-9-]*',
              '(Template)?\\.(png|ico)',
              '[0-9!-/:-@[-`{-~•—…·\\s]+',
              ...technical,
            ],
          },
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([
      { group: ['electron', 'electron/*'], message: 'renderer/ talks only to window.exai.' },
      { group: nodeBuiltins, message: 'renderer/ runs in Chromium: no node: modules.' },
      {
        group: ['**/daemon/**', '**/main/**'],
        message: 'renderer/ never imports daemon/ or main/ code.',
      },
      {
        group: ['**/preload/*', '!**/preload/api.ts'],
        message: 'renderer/ may only type-import preload/api.ts.',
      },
      {
        group: ['**/preload/api.ts'],
        allowTypeImports: true,
        message: 'renderer/ may only type-import preload/api.ts.',
      },
    ]),
  },
  {
    // Vite's config runs in Node at build time, not in the page: it may read the settings
    // contract to compile the daemon's defaults into the dev server's mock.
    files: ['renderer/vite.config.ts'],
    rules: restrict([
      {
        group: ['electron', 'electron/*', '**/main/**', '**/preload/**'],
        message: 'renderer/vite.config.ts builds the page; it needs none of these.',
      },
      {
        regex: '(^|/)daemon/(?!parent/settings-contract\\.ts$)',
        message: 'renderer/vite.config.ts may read only the settings contract of the daemon.',
      },
    ]),
  },
);
