// Vitest setup file for the Stryker targets that start Temporal workers (stryker/vitest.config.mts).
//
// Workflow code (workflows/ and the domain/ modules it imports) runs in Temporal's V8 sandbox, from the
// bundle that test/helpers/global-setup.ts builds once from Stryker's sandbox copy, so every mutant is
// in it. The sandbox cannot see the test thread's `globalThis.__stryker__`, where Stryker's vitest runner
// puts the active mutant. Stryker's instrumented code falls back to `process.env.__STRYKER_ACTIVE_MUTANT__`,
// so each workflow creator gets the bundle with a `process.env` naming the mutant active at that moment
// (workers are created in the tests, after the runner set it). A primitive, because the reusable sandbox
// deep-freezes the globals the bundle defines; `__stryker__` itself is then created per workflow.
import { afterAll, inject } from 'vitest';
import { Worker } from '@temporalio/worker';
import { currentTarget } from './targets.mjs';

const original = Worker.createWorkflowCreator;
Worker.createWorkflowCreator = function createWorkflowCreatorWithMutant(bundle, ...rest) {
  const active = globalThis.__stryker__?.activeMutant;
  if (active === undefined) return original.call(this, bundle, ...rest);
  const prefix = `globalThis.process = { env: { __STRYKER_ACTIVE_MUTANT__: ${JSON.stringify(String(active))} } };`;
  return original.call(this, { ...bundle, code: prefix + bundle.code }, ...rest);
};

// Coverage recorded inside the sandbox never reaches Stryker, which would call every mutant only the
// sandbox runs "no coverage". With coverage analysis off the dry run must report none at all, so every
// mutant runs every test. Hooks run in reverse order: this one before the runner's, which reads it.
if (currentTarget().coverageAnalysis === 'off' && inject('mode') === 'dry-run') {
  afterAll(() => {
    if (globalThis.__stryker__) globalThis.__stryker__.mutantCoverage = undefined;
  });
}
