import { defineConfig } from 'vitest/config';

// One project per folder (ARCHITECTURE.md → Tests). The reliability suites (issue 8) are their own
// project so `npm run test:reliability` can run them alone.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'mappings',
          environment: 'node',
          include: ['mappings/**/*.test.ts'],
          exclude: ['**/*.reliability.test.ts', 'node_modules/**'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'electron',
          environment: 'node',
          include: ['electron/**/*.test.ts'],
          exclude: ['**/*.reliability.test.ts', 'node_modules/**'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          exclude: ['**/*.reliability.test.ts', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'reliability',
          environment: 'node',
          include: ['**/*.reliability.test.ts'],
          exclude: ['node_modules/**'],
          testTimeout: 300_000,
        },
      },
    ],
  },
});
