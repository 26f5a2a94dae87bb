import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * Three projects: `unit` is pure and fast; `workflow` (deadlines on Temporal's time-skipping test server) and
 * `integration` (API, worker, intake, browser) run against a real PostgreSQL and real Temporal servers that
 * test/helpers/global-setup.ts starts on loopback and stops (once per run, whichever of the two run).
 * `npm test` runs all three; `--project unit --project workflow` is the pair CI also runs with the clock moved ahead.
 */
const servers: TestProjectInlineConfiguration['test'] = {
  globalSetup: ['test/helpers/global-setup.ts'],
  pool: 'forks',
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'workflow', include: ['test/workflow/**/*.test.ts'], ...servers } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'], ...servers } },
    ],
  },
});
