import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.vigil/', 'bench/out/'] },
  js.configs.recommended,
  {
    files: ['src/**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'error',
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/cli/*', '**/api/*'], message: 'core, schema and lib never import the CLI or the API' },
        ],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-console': 'off', 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/schema/*', '**/core/*', '**/runtime/*', '**/cli/*', '**/api/*', '**/components/*'], message: 'lib is the leaf: it imports nothing of Vigil' }],
      }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/schema/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/runtime/*', '**/cli/*', '**/api/*', '**/components/*'], message: 'the pure core imports only lib and schema' },
        ],
        paths: ['node:fs', 'node:fs/promises', 'node:child_process', 'node:net', 'node:http', 'better-sqlite3'].map((name) => ({ name, message: 'no I/O in the pure core' })),
      }],
    },
  },
  {
    files: ['src/**/*.test.ts', 'src/**/*.conformance.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off', 'no-restricted-imports': 'off' },
  },
  {
    files: ['bench/**/*.mjs', 'bin/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' } },
  },
);
