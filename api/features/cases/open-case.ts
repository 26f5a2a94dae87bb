import type { FastifyInstance } from 'fastify';
import { reserveOpening, startOpening } from '../../../opening/open';
import { termsOf } from '../../../opening/start-case';
import { inTransaction } from '../../../platform/db';
import { AppError } from '../../errors';
import type { Principal } from '../tokens/token-store';
import { getCase, type CaseView } from './read-model';
import type { OpenCaseBody } from './schemas';

/** The answer: the case (201 new, 200 an earlier open under the key), or accepted with its workflow still to start (202). */
export type OpenCaseResult = { created: boolean; view: CaseView } | { pending: { id: string } };

/**
 * Intake (docs/adr/005, 016): reserve the case number and record the intent to open (with the Idempotency-Key,
 * one transaction), then start the case workflow and record the case row and its `case.opened` event
 * (opening/, shared with e-mail intake). No database connection is held while Temporal is called. If Temporal
 * does not answer, the request is accepted all the same (202): the reconciler starts the case when Temporal is
 * back, with no retry from the client. A retry with the same key finds the same number: the start is then a
 * no-op (the workflow exists) and the row is written once (ON CONFLICT DO NOTHING); a crash after the start and
 * before the row is covered by the workflow's first activity, which writes the same row. So every workflow has
 * one case row, every row one workflow, every key one case.
 */
export async function openCase(
  app: FastifyInstance, body: OpenCaseBody, principal: Principal, idempotencyKey?: string,
): Promise<OpenCaseResult> {
  const actedAt = new Date().toISOString();
  if (Date.parse(body.receivedAt) > Date.parse(actedAt) + 60_000) {
    throw new AppError(400, 'received_in_future', 'receivedAt is in the future: give the instant the request actually arrived.');
  }
  const terms = termsOf(app, body, actedAt);
  const read = { legalTime: app.legalTime, now: Date.parse(actedAt) };
  const opening = { body, openedBy: principal.name, actedAt, ...(idempotencyKey ? { idempotencyKey } : {}) };
  const { caseId, reserved } = await inTransaction(app.pg, (client) => reserveOpening(client, app.legalTime.timeZone, opening));
  if (!reserved) {
    const existing = await getCase(app.pg, caseId, read);
    if (existing) return { created: false, view: existing };
  }
  if ((await startOpening(app, { caseId, ...opening }, terms)) === 'pending') return { pending: { id: caseId } };
  return { created: reserved, view: (await getCase(app.pg, caseId, read))! };
}
