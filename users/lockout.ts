/**
 * Lockout after repeated failed sign-ins: the first FREE_ATTEMPTS failures cost nothing, the next lock the account
 * for 1 minute, then 2, 4, 8 … up to an hour. Per account, not per address, so a botnet gains nothing by spreading
 * its guesses; the owner, locked out by someone else's guessing, waits at most an hour (or an admin resets the
 * password). Pure: the store passes the failure count and the clock.
 */
export const FREE_ATTEMPTS = 5;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 3_600_000;

/** How long the account is locked after its `failures`-th consecutive failure (0 while under the free attempts). */
export function lockFor(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** Math.min(failures - FREE_ATTEMPTS, 10));
}
