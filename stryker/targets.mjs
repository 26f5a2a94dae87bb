// What each mutation target mutates and which tests may kill its mutants. The test files are scoped per
// target so a mutant run stays short: every integration file starts an engine on a fresh database.
export const targets = {
  // domain/intake is scored in `intake`, beside the tests that read letters (test/unit/intake).
  domain: {
    mutate: ['domain/**/*.ts', '!domain/intake/**'],
    tests: ['test/unit/case/**/*.test.ts', 'test/unit/legal-time/**/*.test.ts'],
    // It reads the source text, which Stryker's instrumentation changes: it fails on every run, mutant or not.
    exclude: ['test/unit/legal-time/purity.test.ts'],
    coverageAnalysis: 'perTest',
  },
  // Workflow code runs in Temporal's sandbox, where Stryker cannot see which test covers which mutant:
  // every mutant runs every listed test (coverage analysis off), activated by stryker/workflow-mutant.mjs.
  // So the workflow code is split by the workflow that runs it, each part with the test files that start that
  // workflow (a mutant is observable only where its code runs): 1,052 mutants against one 3.5-minute pass of
  // every workflow test would take days. `workflows` is the case workflow; the three below are its children
  // and the other workflows.
  workflows: {
    mutate: [
      'workflows/**/*.ts', '!workflows/system-destruction-workflow.ts', '!workflows/calendar-replan-workflow.ts',
      '!workflows/case-replan.ts', '!workflows/retention-workflow.ts',
    ],
    tests: ['test/workflow/*.test.ts'],
    // The year simulation (74 s of the 163 s a pass takes) asserts what case-workflow, exception-deadlines and
    // versioned-changes assert case by case: each reminder and escalation fires once, at the instant the pure
    // schedule gives. It adds volume (many cases, a random seed), and cases share no workflow state, so no
    // mutant shows only there. It stays in the workflow suite; the retention tests never start a case.
    exclude: ['test/workflow/year-simulation.test.ts', 'test/workflow/retention-*.test.ts'],
    coverageAnalysis: 'off',
  },
  // A system's destruction (child workflow): only cases that reach a destruction step start it.
  'workflows-destruction': {
    mutate: ['workflows/system-destruction-workflow.ts'],
    tests: [
      'test/workflow/system-destruction.test.ts', 'test/workflow/exception-deadlines.test.ts', 'test/workflow/exception-paths.test.ts',
      'test/workflow/legal-paths.test.ts', 'test/workflow/triage.test.ts', 'test/workflow/case-workflow.test.ts',
    ],
    coverageAnalysis: 'off',
  },
  // The re-plan on a calendar change: the workflow that signals open cases and what a case does with the signal.
  'workflows-replan': {
    mutate: ['workflows/calendar-replan-workflow.ts', 'workflows/case-replan.ts'],
    tests: ['test/workflow/calendar-replan*.test.ts'],
    coverageAnalysis: 'off',
  },
  'workflows-retention': {
    mutate: ['workflows/retention-workflow.ts'],
    tests: ['test/workflow/retention-*.test.ts'],
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
  // Letters: rendering and the at-most-once outbox; send.ts and outbox.ts need PostgreSQL and an SMTP sink.
  letters: {
    mutate: ['letters/**/*.ts'],
    tests: ['test/unit/letters/**/*.test.ts', 'test/integration/letters.test.ts', 'test/integration/letters-outbox.test.ts'],
    coverageAnalysis: 'perTest',
    // A mutant in the attempt rules or the send loop often makes sendQueuedLetter loop for ever (re-read,
    // retry). Vitest failing the test on its own timeout (killed) is far cheaper than Stryker's timeout, which
    // restarts the runner and with it PostgreSQL, Temporal and the workflow bundle; so Stryker waits longer
    // (engine start-up included) than vitest does for one test. Each of these tests takes under 2 s.
    testTimeout: 10_000,
    timeoutMS: 40_000,
  },
  // Intake: how a mail is read and understood (MIME parsing, limits, identity, classification). The I/O
  // around it (IMAP, the mail store, taking a mail into a case) needs dovecot and a whole engine per test
  // file; it is left to the integration suite, not mutated here.
  intake: {
    mutate: [
      'intake/**/*.ts', 'domain/intake/**/*.ts',
      '!intake/main.ts', '!intake/run-intake.ts', '!intake/imap-intake.ts', '!intake/cursor-store.ts',
      '!intake/mail-store.ts', '!intake/take-in.ts', '!intake/correspondence.ts', '!intake/case-messages.ts',
    ],
    tests: ['test/unit/intake/**/*.test.ts'],
    // 2,000 generated messages (2 s) for every mutant it covers, nearly all of the parser: too slow for a
    // mutant run. It proves robustness and time bounds; what a message parses to is in parse-message.test.ts.
    exclude: ['test/unit/intake/hostile-corpus.test.ts'],
    coverageAnalysis: 'perTest',
  },
  // Acts: the Order 179 destruction act, from the log extract to the signed PDF. Numbering and storage
  // (act-store.ts, act-register.ts) are tested by destruction-acts.test.ts, whose every test renders PDFs and
  // whose CLI test starts four processes: about 25 s for each PDF mutant, so they are not mutated here.
  acts: {
    mutate: ['acts/**/*.ts', '!acts/act-store.ts', '!acts/act-register.ts'],
    tests: ['test/unit/acts/**/*.test.ts'],
    coverageAnalysis: 'perTest',
  },
  connectors: {
    mutate: ['connectors/**/*.ts'],
    tests: ['test/integration/postgres-connector.test.ts', 'test/integration/postgres-connector-steps.test.ts'],
    coverageAnalysis: 'perTest',
  },
  // The audit chain: the canonical form and hash (the database trigger computes the same in SQL) and the verifier.
  audit: {
    mutate: ['cli/audit-chain.ts', 'cli/audit-verify.ts'],
    tests: ['test/unit/cli/audit-chain.test.ts', 'test/integration/audit-chain.test.ts', 'test/integration/audit-verify.test.ts'],
    coverageAnalysis: 'perTest',
  },
};

export function currentTarget() {
  const name = process.env.MUTATE_TARGET ?? '';
  const target = targets[name];
  if (!target) throw new Error(`MUTATE_TARGET must be one of ${Object.keys(targets).join(', ')}; got "${name}"`);
  return { name, ...target };
}
