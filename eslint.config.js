/**
 * ESLint for the whole tree (docs/architecture.md, "Lint"): typescript-eslint's strict rules
 * that need no type information (type-aware rules cost minutes on this machine) and the
 * dependency rule (lint/dependency-rule.js). Existing `any`s in production code are bulk
 * suppressions (eslint-suppressions.json): a new one fails, a removed one must be pruned.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from './lint/dependency-rule.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'data-*/**', 'test-artifacts/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { boundaries },
    rules: {
      'boundaries/dependency-rule': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // 430 `x!` (most after a Map lookup or a find the line before proves): not worth the churn yet.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // No-op loggers and callbacks (`() => {}`) are deliberate.
      '@typescript-eslint/no-empty-function': 'off',
      // Deleting by a computed key is the point where it occurs (e-form paths, test environments).
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
  {
    // No registration by side effect (docs/architecture.md, "Manifests"): a module declares its
    // jobs and startup tasks in its manifest (index.ts); only platform/module.ts registers them.
    files: ['src/modules/**/*.{ts,tsx}', 'src/web/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/platform/outbox'],
              importNames: ['registerOutboxHandler'],
              message: 'Declare the handler in the module manifest (jobs.handle in index.ts).',
            },
            {
              group: ['**/platform/events'],
              importNames: ['subscribe'],
              message: 'Declare the subscription in the module manifest (jobs.subscribe in index.ts).',
            },
            { group: ['**/platform/startup'], importNames: ['onDataReady'], message: 'Declare the task in the module manifest (startup in index.ts).' },
            { group: ['**/platform/i18n/catalog'], message: "A module's texts reach the catalogue through its manifest (messages in index.ts)." },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON answers; migrations use Kysely<any> as Kysely documents (a migration must
    // not depend on today's schema types).
    files: ['**/*.test.{ts,tsx}', 'src/test/**', 'src/db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['lint/**/*.js', '*.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/web/static/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { document: 'readonly', window: 'readonly' } },
  },
);
