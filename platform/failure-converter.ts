import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Loaded by path (the worker bundles it into the workflow sandbox). Failure messages and stack traces
 * are moved into an encoded payload, so the payload codec encrypts them like any other data.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
