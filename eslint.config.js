// Layering is enforced here, not by memory (see CONTRIBUTING.md):
//  - mappings/ imports nothing from electron/ or renderer/, no React/Electron, and Node built-ins
//    only in its I/O edges (cli/, *.node.ts) and tests;
//  - renderer/ never imports Node built-ins or Electron, and reaches electron/ for types only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'fs', 'fs/promises', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'url',
  'worker_threads', 'zlib', 'util', 'events', 'readline', 'module', 'vm', 'process', 'buffer',
];
const nodePatterns = ['node:*', ...nodeBuiltins];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**', 'out/**', 'dist/**', 'release/**', 'coverage/**', 'test-results/**',
      'playwright-report/**', 'bench/tmp/**', '**/__fixtures__/**', 'mappings/examples/**/*.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['mappings/**/*.ts'],
    ignores: ['mappings/cli/**', 'mappings/**/*.node.ts', 'mappings/**/*.test.ts', 'mappings/**/*.bench.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodePatterns, message: 'mappings/ is pure: Node built-ins only in cli/ or *.node.ts files.' },
          { group: ['**/electron/**', '**/renderer/**', 'electron', 'react', 'react-dom'], message: 'mappings/ imports nothing from the app layers.' },
        ],
      }],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', '__dirname', 'window', 'document'],
    },
  },
  {
    files: ['mappings/cli/**/*.ts', 'mappings/**/*.node.ts', 'mappings/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/electron/**', '**/renderer/**', 'electron', 'react'], message: 'mappings/ imports nothing from the app layers.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        // Package names go in `paths` (exact match): as gitignore-style `patterns` they would also
        // match the `electron/` folder in `../../electron/shared/api`, the renderer's own contract.
        paths: [
          { name: 'electron', message: 'The renderer is sandboxed: no Node or Electron.' },
          { name: 'better-sqlite3', message: 'The renderer is sandboxed: no Node or Electron.' },
        ],
        patterns: [
          { group: nodePatterns, message: 'The renderer is sandboxed: no Node or Electron.' },
          { group: ['**/electron/main/**', '**/electron/preload/**'], message: 'The renderer reaches electron/ through electron/shared types only.' },
        ],
      }],
    },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'electron/shared is the contract: plain types and pure helpers.' },
          { name: 'better-sqlite3', message: 'electron/shared is the contract: plain types and pure helpers.' },
        ],
        patterns: [{ group: nodePatterns, message: 'electron/shared is the contract: plain types and pure helpers.' }],
      }],
    },
  },
);
