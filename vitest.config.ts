import { defineConfig } from 'vitest/config';

/**
 * Three projects: "unit" (pure rules, no I/O), "db" (through HTTP against a real database:
 * PGlite by default, PostgreSQL when TEST_DATABASE_URL is set) and "browser" (Chromium).
 * Files are named *.test.ts, *.db.test.ts and *.browser.test.ts.
 */
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'sandbox/**/*.test.ts', 'lint/**/*.test.js', 'scripts/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/*.browser.test.ts', 'node_modules/**'],
          setupFiles: ['src/test/unit-messages.ts'],
          testTimeout: 30000,
        },
      },
      {
        extends: true,
        test: { name: 'db', include: ['src/**/*.db.test.{ts,tsx}', 'sandbox/**/*.db.test.ts'], testTimeout: 120000, hookTimeout: 120000 },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['src/**/*.browser.test.ts', 'test/**/*.browser.test.ts'], testTimeout: 120000, hookTimeout: 180000 },
      },
    ],
  },
});
