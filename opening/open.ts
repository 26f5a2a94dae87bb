/**
 * Opening a case, the same way for `POST /api/v1/cases` and e-mail intake (docs/adr/005, 016): inside the caller's
 * accepting transaction, reserve the number and record the intent to open; after the commit, start the workflow.
 * A start that Temporal does not answer leaves the opening pending, and the reconciler starts it later: an
 * accepted request is never lost and never needs its sender to retry.
 */
import type pg from 'pg';
import { nextCaseNumber, requestHash, reserveUnderKey } from './case-number';
import type { CaseOpeningDeps } from './opening-input';
import { markNotStarted, markStarted, recordOpening, type Opening } from './opening-store';
import { startReservedCase, termsOf } from './start-case';
import { temporalUnavailable } from './temporal-unavailable';

export type { Opening } from './opening-store';

/**
 * In the accepting transaction: the key's number (a new one, or the one an earlier request with the key
 * reserved: `reserved` false) or a fresh one without a key, and the opening that the reconciler can finish.
 */
export async function reserveOpening(
  client: pg.PoolClient, timeZone: string, o: Omit<Opening, 'caseId'>,
): Promise<{ caseId: string; reserved: boolean }> {
  const { caseId, reserved } = o.idempotencyKey
    ? await reserveUnderKey(client, timeZone, o.idempotencyKey, requestHash(o.body))
    : { caseId: await nextCaseNumber(client, timeZone), reserved: true };
  await recordOpening(client, { caseId, ...o });
  return { caseId, reserved };
}

/**
 * After the commit: start the workflow and write the case row (both idempotent). `pending` when Temporal is
 * away (unreachable, or no answer in time): the opening stays recorded for the reconciler.
 */
export async function startOpening(
  deps: CaseOpeningDeps, o: Opening, terms?: ReturnType<typeof termsOf>,
): Promise<'started' | 'pending'> {
  try {
    await startReservedCase(deps, o.body, { ...o, terms });
  } catch (err) {
    const away = temporalUnavailable(err);
    if (!away) throw err;
    await markNotStarted(deps.pg, o.caseId, away);
    return 'pending';
  }
  await markStarted(deps.pg, o.caseId);
  return 'started';
}
