import { ApplicationFailure } from '@temporalio/common';

/** SQLSTATE classes a retry can never fix: data exceptions (22) and integrity constraint violations (23). */
const PERMANENT_SQLSTATE_CLASSES = new Set(['22', '23']);

export const PERMANENT_DATABASE_ERROR = 'PermanentDatabaseError';

/**
 * Runs a database write; a refusal that no retry can change becomes a non-retryable failure of type
 * `PermanentDatabaseError`, which the workflow records as a fault on the case instead of retrying for ever.
 * Outages (connection refused, timeouts, serialization failures) stay retryable. The message carries the
 * SQLSTATE and PostgreSQL's message, never `detail` (which quotes the row's values).
 */
export async function refusingPermanently<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && PERMANENT_SQLSTATE_CLASSES.has(code.slice(0, 2))) {
      throw ApplicationFailure.create({
        message: `${what}: PostgreSQL refused it (SQLSTATE ${code}: ${(err as Error).message}); retrying cannot help.`,
        type: PERMANENT_DATABASE_ERROR, nonRetryable: true,
      });
    }
    throw err;
  }
}
