import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EncryptionCodec } from '../../../platform/payload-codec';
import { AppError } from '../../errors';
import { ErrorBody } from '../cases/schemas';
import { decodeEach, fromJson, toJson } from './payload-json';

const strict = { additionalProperties: false } as const;
const Base64 = Type.String({ pattern: '^[A-Za-z0-9+/_-]*={0,2}$', description: 'base64 (proto3 JSON bytes)' });
/** A Temporal Payload in proto3 JSON, as the CLI and Web UI send it. */
const Payload = Type.Object({ metadata: Type.Optional(Type.Record(Type.String(), Base64)), data: Type.Optional(Base64) });
const Payloads = Type.Object({ payloads: Type.Array(Payload, { maxItems: 10_000 }) }, strict);
const CodecHeaders = Type.Object({ 'x-namespace': Type.Optional(Type.String({ description: 'Namespace of the payloads (sent by the CLI and Web UI)' })) });

/**
 * Temporal's remote codec protocol, decode only, for inspecting a case's history in the Temporal CLI or
 * Web UI: mounted at /codec, so `--codec-endpoint http://host:3000/codec` makes the CLI POST /codec/decode.
 * Off unless DSAR_CODEC_ENDPOINT=true; admin tokens only; every call leaves an audit event (who, which
 * namespace, how many payloads — never what they contained). No /encode: nobody may feed the engine
 * payloads from outside its own API.
 */
export const codecRoutes: FastifyPluginAsyncTypebox = async (app) => {
  if (!app.config.codecEndpoint) return;
  const codec = new EncryptionCodec(app.config.payloadKey);
  const { namespace } = app.config.temporal;

  // For the Web UI, which calls the endpoint from the browser. Scoped to this plugin's routes.
  await app.register(cors, { origin: app.config.codecCorsOrigins, methods: ['POST'], allowedHeaders: ['content-type', 'x-namespace', 'authorization'], maxAge: 600 });
  // The browser's preflight carries no token: this route lets it past the auth hook to the CORS hook,
  // which answers it (and says nothing to an origin not listed).
  app.options('/decode', { config: { auth: false }, schema: { hide: true } }, async (_request, reply) => reply.status(204).send());

  app.post('/decode', {
    config: { roles: ['admin'] },
    bodyLimit: 8 * 1024 * 1024, // one history event's payloads; Temporal's own limit is 2 MB per payload
    schema: {
      tags: ['codec'], summary: 'Decode Temporal payloads (remote codec protocol) for the Temporal CLI and Web UI',
      description: 'Admin only, audited (`codec.decode`). Payloads encrypted with another key come back unchanged.',
      headers: CodecHeaders, body: Payloads,
      response: { 200: Payloads, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 503: ErrorBody },
    },
  }, async (request) => {
    const asked = request.headers['x-namespace'];
    if (asked !== undefined && asked !== namespace) {
      throw new AppError(400, 'namespace_mismatch', `This endpoint decodes payloads of namespace "${namespace}" only, not "${asked}".`);
    }
    const { payloads, undecodable } = await decodeEach(codec, request.body.payloads.map(fromJson));
    // Written before the answer leaves: no audit row, no decoded data.
    const principal = request.principal!;
    await app.pg.query(
      `INSERT INTO audit_events (case_id, actor, action, message, data, dedupe_key) VALUES (NULL, $1, 'codec.decode', $2, $3, $4)`,
      [principal.name, 'Temporal payloads decoded for inspection',
        { namespace, payloads: payloads.length, undecodable, tokenId: principal.tokenId }, `codec.decode:${randomUUID()}`],
    );
    return { payloads: payloads.map(toJson) };
  });
};
