import { Context } from '@temporalio/activity';

/**
 * Heartbeats every 2 s while `fn` runs, so a worker that dies mid-way (an SMTP send, a connector step) is noticed
 * after the activity's heartbeat timeout, not after its whole start-to-close timeout. Outside an activity (a CLI,
 * a test calling the function) there is nobody to tell.
 */
export async function whileBeating<T>(fn: () => Promise<T>): Promise<T> {
  let context: Context | undefined;
  try { context = Context.current(); } catch { context = undefined; }
  const beat = context ? setInterval(() => context!.heartbeat(), 2_000) : undefined;
  try {
    context?.heartbeat();
    return await fn();
  } finally {
    if (beat) clearInterval(beat);
  }
}
