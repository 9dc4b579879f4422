import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          globalSetup: ['tests/foreignReaderSetup.ts'],
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
          // A browser gesture can race a late re-render on a loaded 2-core machine; a test that fails
          // is run once more (the log shows the retry), so a timing accident does not hide the result
          // of 1,400 others. A test that fails twice fails.
          retry: 1,
        },
      },
    ],
  },
});
