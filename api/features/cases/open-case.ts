import type { FastifyInstance } from 'fastify';
import { nextCaseNumber, requestHash, reserveUnderKey } from '../../../opening/case-number';
import { startReservedCase, termsOf } from '../../../opening/start-case';
import { AppError } from '../../errors';
import type { Principal } from '../tokens/token-store';
import { getCase, type CaseView } from './read-model';
import type { OpenCaseBody } from './schemas';

/**
 * Intake (docs/adr/005): reserve the case number (under the Idempotency-Key, committed), start the case
 * workflow, then record the case row and its `case.opened` event (opening/, shared with e-mail intake).
 * No database connection is held while Temporal is called. Whatever point a crash interrupts, a retry with
 * the same key finds the same number: the start is then a no-op (the workflow exists) and the row is written
 * once (ON CONFLICT DO NOTHING); a crash after the start and before the row is covered by the workflow's
 * first activity, which writes the same row. So every workflow has one case row, every row one workflow,
 * every key one case.
 */
export async function openCase(
  app: FastifyInstance, body: OpenCaseBody, principal: Principal, idempotencyKey?: string,
): Promise<{ created: boolean; view: CaseView }> {
  const actedAt = new Date().toISOString();
  if (Date.parse(body.receivedAt) > Date.parse(actedAt) + 60_000) {
    throw new AppError(400, 'received_in_future', 'receivedAt is in the future: give the instant the request actually arrived.');
  }
  const terms = termsOf(app, body, actedAt);
  const read = { legalTime: app.legalTime, now: Date.parse(actedAt) };
  const { caseId, reserved } = idempotencyKey
    ? await reserveUnderKey(app.pg, app.legalTime.timeZone, idempotencyKey, requestHash(body))
    : { caseId: await nextCaseNumber(app.pg, app.legalTime.timeZone), reserved: true };
  if (!reserved) {
    const existing = await getCase(app.pg, caseId, read);
    if (existing) return { created: false, view: existing };
  }
  await startReservedCase(app, body, { caseId, openedBy: principal.name, idempotencyKey, actedAt, terms });
  return { created: reserved, view: (await getCase(app.pg, caseId, read))! };
}
