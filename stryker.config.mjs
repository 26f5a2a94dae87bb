// Mutation testing (`npm run mutate`, not in CI): one Stryker run per target in stryker/targets.mjs,
// chosen with MUTATE_TARGET (stryker/run.mjs sets it). Scores per target: README "Tests and benchmarks".
import path from 'node:path';
import { currentTarget } from './stryker/targets.mjs';

const target = currentTarget();
// The Temporal binaries stay where `npm install` put them; Stryker's sandbox copy does not include them.
process.env.DSAR_TOOLS_DIR ??= path.resolve('.tools');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'stryker/vitest.config.mts', related: false },
  mutate: target.mutate,
  coverageAnalysis: target.coverageAnalysis,
  // Mutants in module-level code would need every test re-run in a fresh process; they are left out.
  ignoreStatic: target.coverageAnalysis !== 'off',
  // Two cores shared with other work; each integration file starts its own engine.
  concurrency: 1,
  // Added to a run's expected time before a mutant counts as a timeout (an endless loop).
  timeoutMS: target.timeoutMS ?? (target.tests.every((glob) => glob.startsWith('test/unit/')) ? 5_000 : 15_000),
  // docs/calendar stays: a calendar test reads the documented import example (docs/calendar/ru-2026.import.json).
  ignorePatterns: ['.tools', '.data', 'dist', 'coverage', 'reports', 'bench', 'deploy', 'docs/*', '!docs/calendar'],
  tempDirName: '.stryker-tmp',
  // Without coverage (the workflow targets) Stryker's incremental mode reuses a survivor even when a test was added
  // since (it sees the new test cover nothing): every run of those targets is a full one.
  incremental: target.coverageAnalysis !== 'off',
  incrementalFile: `reports/stryker-incremental-${target.name}.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${target.name}.html` },
  jsonReporter: { fileName: `reports/mutation/${target.name}.json` },
  thresholds: { high: 80, low: 60, break: null },
};
