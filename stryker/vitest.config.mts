import { defineConfig } from 'vitest/config';
// @ts-expect-error plain ESM module without types
import { currentTarget } from './targets.mjs';

// Vitest as Stryker runs it: only the tests that can kill the current target's mutants
// (MUTATE_TARGET, set by stryker.config.mjs), with the real PostgreSQL and Temporal servers from
// test/helpers/global-setup.ts when an integration or workflow test is among them.
const target = currentTarget();
const needsServers = target.tests.some((glob: string) => !glob.startsWith('test/unit/'));

export default defineConfig({
  test: {
    include: target.tests,
    exclude: ['**/node_modules/**', ...(target.exclude ?? [])],
    ...(needsServers
      ? { globalSetup: ['test/helpers/global-setup.ts'], setupFiles: ['stryker/workflow-mutant.mjs'] }
      : { setupFiles: ['stryker/fast-check.mjs'] }),
    isolate: target.isolate ?? true,
    testTimeout: target.testTimeout ?? 60_000,
    hookTimeout: 120_000,
  },
});
