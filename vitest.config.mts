import { defineConfig } from 'vitest/config';

// Two projects: `unit` is pure and fast; `integration` (API, workflows, worker) runs against a real
// PostgreSQL and real Temporal servers that test/helpers/global-setup.ts starts on loopback and stops.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/workflow/**/*.test.ts', 'test/browser/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
