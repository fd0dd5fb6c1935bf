// The folder import rules (docs/testing.md, "What each folder runs in"): a break is a lint error, not a review comment.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'];

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
