import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../errors';
import { classifyMessage, type MessageClassifier } from '../../../intake/classifier';
import { ReceivedAtRequired } from '../../../intake/errors';
import { DEFAULT_LIMITS } from '../../../intake/limits';
import { mailTrustOf } from '../../../intake/mail-trust';
import { takeInMessage, type TakeInResult } from '../../../intake/take-in';
import { validatorCompiler } from '../../validation';
import { ErrorBody } from '../cases/schemas';
import { ReceivedAtSource, SenderAuth } from './auth-schemas';
import { caseMessageRoutes } from './case-messages-routes';

/** For the OpenAPI document: the raw message. The bytes themselves are checked by the parser, not by JSON Schema. */
const RawMessage = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The raw message as received (RFC 822 / RFC 5322), any charset or transfer encoding' });

const IntakeResult = Type.Object({
  duplicate: Type.Boolean({ description: 'true: these exact bytes were taken in before; the earlier outcome is returned and nothing new happened' }),
  outcome: Type.Union(['case', 'triage', 'correspondence', 'auto_reply'].map((o) => Type.Literal(o)), {
    description: 'case: a case opened on the classified request; triage: an `unclassified` case waits for an officer; correspondence: a reply recorded on an existing case; auto_reply: recorded, no case',
  }),
  caseId: Type.Optional(Type.String({ description: 'The case opened, or the case the reply belongs to' })),
  mailMessageId: Type.Integer({ description: 'The stored message (raw bytes kept)' }),
  rawSha256: Type.String({ description: 'SHA-256 of the raw message as recorded (for a duplicate: of the first delivery)' }),
  unverifiedCitation: Type.Optional(Type.Object({
    caseId: Type.String(), reason: Type.Literal('sender_not_subject'),
  }, { description: 'triage: the message cites this case, but its sender is not the case\'s subject; it is not correspondence on it' })),
  bringsMissingInformation: Type.Optional(Type.Boolean({ description: 'correspondence: the case waits for information and the reply appears to bring it' })),
  opening: Type.Optional(Type.Literal('pending', {
    description: 'With 202: the message and its case are recorded (caseId reserved) but Temporal did not take the start in time; '
      + 'the engine starts the case by itself when Temporal is back (docs/adr/016). Do not send the message again.',
  })),
  receivedAt: Type.String({ format: 'date-time', description: 'Day 0: when the operator received the letter (see receivedAtSource); never the upload time' }),
  receivedAtSource: ReceivedAtSource,
  senderAuth: Type.Optional(SenderAuth),
});

/**
 * A stream body of at most `limit` bytes; above it 413 `message_too_large` without keeping the rest.
 * The stream is not destroyed: the error handler discards the rest so the client can read the 413.
 */
async function readMessage(stream: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw new AppError(413, 'message_too_large', `The message is above the limit of ${limit} bytes; ask the sender to split it, or send the attachments separately.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A recorded rejection: the message is kept (POST it again and the same answer comes back). */
function refusal(result: TakeInResult): AppError {
  const { code = 'message_unreadable', reason = '' } = result.rejection ?? {};
  return code === 'message_too_large'
    ? new AppError(413, code, `The message is too large (${reason}); it was recorded as rejected (mail message ${result.mailMessageId}). Ask the sender to split it.`)
    : new AppError(422, code, `The message cannot be read (${reason}); it was recorded as rejected (mail message ${result.mailMessageId}) for an officer to look at.`);
}

const UploadQuery = Type.Object({
  receivedAt: Type.Optional(Type.String({
    format: 'date-time',
    description: 'Officers only, for a letter that carries no Received: header of our own mail server: when the operator received it '
      + '(ISO 8601 with offset). Recorded in the audit log under the officer\'s name; ignored when such a header exists.',
  })),
}, { additionalProperties: false });

/** The officer's statement of day 0: never from a webhook token, never in the future. */
function statedReceivedAt(raw: string | undefined, principal: { name: string; role: string } | undefined) {
  if (raw === undefined) return undefined;
  if (!principal || principal.role === 'intake') {
    throw new AppError(403, 'received_at_officer_only', 'Only an officer (officer, dpo, admin) may state when a letter was received; a webhook sends the message as our mail server delivered it.');
  }
  const at = new Date(raw);
  if (at.getTime() > Date.now()) throw new AppError(400, 'received_at_in_future', `receivedAt ${raw} is in the future: give when the letter actually arrived.`);
  return { name: principal.name, receivedAt: at };
}

export const intakeRoutes: FastifyPluginAsyncTypebox<{ classify?: MessageClassifier }> = async (app, opts) => {
  await app.register(caseMessageRoutes); // its own scope: the message/rfc822 body parser below is for the upload only
  const limit = DEFAULT_LIMITS.maxMessageBytes;
  const deps = {
    pg: app.pg, temporal: app.temporal, config: app.config, legalTime: app.legalTime, classify: opts.classify ?? classifyMessage, mailTrust: mailTrustOf(app.config),
  };
  // Scoped to this plugin: the rest of the API stays JSON-only (api/json-body.ts).
  app.addContentTypeParser('message/rfc822', { bodyLimit: limit }, async (_request: unknown, payload: IncomingMessage) => readMessage(payload, limit));
  app.post('/api/v1/intake/email', {
    bodyLimit: limit,
    // The body is a Buffer: JSON Schema has nothing to say about it (the parser reads it under its own limits).
    validatorCompiler: (route) => (route.httpPart === 'body' ? () => true : validatorCompiler(route)),
    config: { roles: ['officer', 'dpo', 'admin', 'intake'] },
    schema: {
      tags: ['intake'], summary: 'Take in one received e-mail (raw RFC 822), as the IMAP intake does',
      description: 'For mail-provider webhooks and manual upload: send the raw message with `Content-Type: message/rfc822`. '
        + 'The message is stored and opens a case (or an `unclassified` case in triage), is recorded as a reply on an existing case, '
        + 'or as an auto-reply (no case). If Temporal does not answer in time, the message is recorded all the same and answered 202 with '
        + '`"opening": "pending"`: its case starts by itself when Temporal is back. The same letter again (same Message-ID and sender, whatever its relay headers) answers 200 with `"duplicate": true`. A message that cannot be read '
        + 'is recorded and answered 422 `message_unreadable`; one above the size limit 413 `message_too_large`. '
        + 'Day 0 of the case is when the operator received the letter: the date of the topmost `Received:` header written by one of our own mail hosts '
        + '(INTAKE_RECEIVED_HOSTS), else `?receivedAt=` stated by an officer (audited); with neither the upload is refused 400 `received_at_required`, since the upload time never is. '
        + 'SPF, DKIM and DMARC are read from the topmost `Authentication-Results` header of our own server (INTAKE_AUTHSERV_ID); a From in our own domains that it did not authenticate opens a triage case and is never acknowledged. '
        + 'Roles: officer, dpo, admin, and `intake` (a webhook token that can do nothing else).',
      consumes: ['message/rfc822'],
      body: RawMessage,
      querystring: UploadQuery,
      response: { 200: IntakeResult, 201: IntakeResult, 202: IntakeResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody, 503: ErrorBody },
    },
  }, async (request, reply) => {
    if (!Buffer.isBuffer(request.body)) throw new AppError(415, 'unsupported_media_type', 'Send the raw message with "content-type: message/rfc822".');
    const officer = statedReceivedAt(request.query.receivedAt, request.principal);
    let result: TakeInResult;
    try {
      result = await takeInMessage(deps, request.body, { kind: 'api', ...(officer ? { officer } : {}) });
    } catch (err) {
      if (err instanceof ReceivedAtRequired) throw new AppError(400, err.code, err.message);
      throw err;
    }
    if (result.outcome === 'rejected') throw refusal(result);
    const status = result.opening === 'pending' ? 202 : result.duplicate ? 200 : 201;
    return reply.status(status).send({ ...result, outcome: result.outcome });
  });
};
