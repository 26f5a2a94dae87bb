/**
 * Skips the time-skipping server's clock in small steps until `reached` holds. For a state that needs both
 * test-server time (a retry's backoff, a daily timer) and real time (the activity that runs before the next timer
 * is even set): one fixed skip followed by a real-time wait races the two clocks, since whatever timer is set after
 * the skip ended waits on a clock nobody moves any more. Bounded by the test time skipped and the real time spent.
 */
export async function skipUntil<T>(
  env: { sleep(ms: number): Promise<void> },
  reached: () => Promise<T | undefined | false>,
  opts: { stepMs: number; maxSkipMs: number; timeoutMs?: number },
): Promise<T> {
  const until = Date.now() + (opts.timeoutMs ?? 30_000);
  for (let skipped = 0; ; skipped += opts.stepMs) {
    const value = await reached();
    if (value) return value;
    if (skipped >= opts.maxSkipMs) throw new Error(`not reached after skipping ${skipped} ms of test-server time`);
    if (Date.now() > until) throw new Error(`not reached within ${opts.timeoutMs ?? 30_000} ms of real time`);
    await env.sleep(opts.stepMs);
  }
}
