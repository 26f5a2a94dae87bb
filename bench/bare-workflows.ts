// The bench's own workflow bundle (bench/bare-worker.ts): the bare limit of a reminder, a timer and nothing else.
import { sleep } from '@temporalio/workflow';

/**
 * Sleeps until `at`, then returns the workflow time it woke at, taken exactly as the case workflow takes a
 * reminder's `firedAt` (Date.now() in the activation the timer fired in): no activity, no database, no letter.
 */
export async function benchSleeper(at: string): Promise<string> {
  await sleep(Math.max(1, Date.parse(at) - Date.now()));
  return new Date(Date.now()).toISOString();
}
