import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

describe('workflow sandbox check', () => {
  it('the real workflows were bundled (global setup) and contain the case workflow', () => {
    expect(inject('workflowBundleCode')).toContain('caseWorkflow');
  });

  it('refuses workflow code that imports a Node built-in, so such a mistake fails the tests, not the worker', async () => {
    const errors: string[] = [];
    const noop = () => undefined;
    const logger = { trace: noop, debug: noop, info: noop, warn: noop, log: noop, error: (m: string) => { errors.push(m); } };
    const workflowsPath = path.resolve(__dirname, '../fixtures/workflow-importing-fs/index.ts');
    await expect(bundleWorkflowCode({ workflowsPath, logger })).rejects.toThrow(/Webpack finished with errors/);
    expect(errors.join('\n')).toMatch(/ERROR in node:fs/);
  });
});
