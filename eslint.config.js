// Lint enforces the architecture: the renderer never touches Node, SQLite or
// Electron; the core (shared/) never touches Electron or React.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeOnly = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'worker_threads', 'stream', 'util', 'zlib'];

export default tseslint.config(
  { ignores: ['build/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'bench-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'better-sqlite3', message: 'The renderer talks to the core through the API contract only.' },
            { name: 'electron', message: 'The renderer talks to the shell through the preload bridge only.' },
            ...nodeOnly.filter((n) => !n.includes('*')).map((name) => ({ name, message: 'No Node built-ins in the renderer.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'No Node built-ins in the renderer.' },
            { group: ['**/shared/db/*', '**/shared/store/*', '**/shared/services/*', '**/shared/api/handlers/*', '**/shared/api/dispatcher*', '**/shared/api/session*'], message: 'The renderer may import only the contract, domain types and pure modules from shared/.' },
          ],
        },
      ],
    },
  },
  {
    // Issue 10 (hostile text): user text is rendered as React text only, never parsed as HTML.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never render user text as HTML: use React text (issue 10, hostile text).' },
        { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'No innerHTML/outerHTML in the renderer: user text must stay text (issue 10).' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'No insertAdjacentHTML in the renderer (issue 10).' },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]", message: 'No document.write in the renderer (issue 10).' },
        { selector: "CallExpression[callee.property.name='createContextualFragment']", message: 'No HTML parsing of strings in the renderer (issue 10).' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The core must run without Electron.' },
            { name: 'react', message: 'The core has no UI.' },
            { name: 'react-dom', message: 'The core has no UI.' },
          ],
          patterns: [{ group: ['**/renderer/**', '**/electron/**', 'react/*', 'react-dom/*'], message: 'The core must not depend on the shells.' }],
        },
      ],
    },
  },
);
