/**
 * A parse's wall-time bound. postal-mime works through bounded input with awaits between its steps; if any
 * of them never settles (a stalled stream, a bug on a hostile input) the parse still ends, in
 * MessageUnreadable, instead of holding the intake.
 */
import { MessageUnreadable } from './errors';

export async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MessageUnreadable('time_budget_exceeded', `the parse did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
