// What each mutation target mutates and which tests may kill its mutants. The test files are scoped per
// target so a mutant run stays short: every integration file starts an engine on a fresh database.
export const targets = {
  domain: {
    mutate: ['domain/**/*.ts'],
    tests: ['test/unit/case/**/*.test.ts', 'test/unit/legal-time/**/*.test.ts'],
    // It reads the source text, which Stryker's instrumentation changes: it fails on every run, mutant or not.
    exclude: ['test/unit/legal-time/purity.test.ts'],
    coverageAnalysis: 'perTest',
  },
  // Workflow code runs in Temporal's sandbox, where Stryker cannot see which test covers which mutant:
  // every mutant runs every listed test (coverage analysis off), activated by stryker/workflow-mutant.ts.
  workflows: {
    mutate: ['workflows/**/*.ts'],
    tests: ['test/workflow/*.test.ts'],
    coverageAnalysis: 'off',
  },
  activities: {
    mutate: ['activities/**/*.ts'],
    tests: ['test/workflow/case-workflow.test.ts', 'test/workflow/case-faults.test.ts', 'test/integration/intake.test.ts'],
    coverageAnalysis: 'perTest',
  },
  // Stryker's vitest runner runs every file in one thread of one process; test/helpers/database.ts seeds
  // case numbers from the process id and a per-module counter, so two files that open cases on the shared
  // Temporal server would pick the same case numbers. One module registry (isolate off) keeps counting.
  codec: {
    mutate: ['platform/payload-codec.ts'],
    tests: ['test/integration/codec.test.ts', 'test/integration/cases-api.test.ts'],
    coverageAnalysis: 'perTest',
    isolate: false,
  },
  auth: {
    mutate: ['api/plugins/auth.ts', 'api/features/tokens/token-store.ts'],
    tests: ['test/integration/tokens.test.ts', 'test/integration/cases-api.test.ts'],
    coverageAnalysis: 'perTest',
    isolate: false,
  },
};

export function currentTarget() {
  const name = process.env.MUTATE_TARGET ?? '';
  const target = targets[name];
  if (!target) throw new Error(`MUTATE_TARGET must be one of ${Object.keys(targets).join(', ')}; got "${name}"`);
  return { name, ...target };
}
