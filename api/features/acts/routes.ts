import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import contentDisposition from 'content-disposition';
import { AppError } from '../../errors';
import { ErrorBody, NoQuery } from '../cases/schemas';
import { ActEntry, ActListQuery, ActParams, AUDIT_ROLES, binary } from '../audit/schemas';
import { ACT_ENTRY_COLUMNS, actEntry, listActs } from './act-list';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };
const config = { roles: AUDIT_ROLES };

/** A stored file with its SHA-256 hex (x-content-sha256) and as RFC 9530 Repr-Digest, so a download can be checked. */
function download(reply: FastifyReply, type: string, name: string, bytes: Buffer, sha256Hex: string) {
  return reply.type(type).header('x-content-sha256', sha256Hex)
    .header('repr-digest', `sha-256=:${Buffer.from(sha256Hex, 'hex').toString('base64')}:`)
    .header('content-disposition', contentDisposition(name)).send(bytes);
}

/** The register of destruction acts (RKN Order 179), read-only: entries, the act as JSON, its PDF and signature. */
export const actRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const find = async (number: string, content = '') => {
    const { rows: [row] } = await app.pg.query(`SELECT ${ACT_ENTRY_COLUMNS}${content} FROM destruction_acts WHERE number = $1`, [number]);
    if (!row) throw new AppError(404, 'act_not_found', `No act ${number}; list the register with GET /api/v1/acts.`);
    return row;
  };
  const purged = (row: Record<string, unknown>) => new AppError(410, 'act_purged',
    `Act ${row.number as string} was kept until ${row.retain_until as string} (Order 179 p.4) and its content was purged; its hashes remain in the register entry.`);

  app.get('/api/v1/acts', {
    config,
    schema: {
      tags: ['acts'], summary: 'The register of destruction acts, oldest first', querystring: ActListQuery,
      response: { 200: Type.Object({ items: Type.Array(ActEntry), nextCursor: Type.Union([Type.String(), Type.Null()]), limit: Type.Integer() }), ...errors },
    },
  }, async (request) => listActs(app.pg, request.query, app.config.timeZone));

  app.get('/api/v1/acts/:number', {
    config,
    schema: {
      tags: ['acts'], summary: 'One act: its register entry and its content (null once purged)', params: ActParams, querystring: NoQuery,
      response: { 200: Type.Object({ entry: ActEntry, act: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], { description: 'The act\'s JSON (Order 179 fields and the log extract); its exact hashed text is at links.json' }) }), ...errors },
    },
  }, async (request) => {
    const row = await find(request.params.number, ', json');
    return { entry: actEntry(row), act: row.json === null ? null : (JSON.parse(row.json as string) as Record<string, unknown>) };
  });

  app.get('/api/v1/acts/:number/json', {
    config,
    schema: { tags: ['acts'], summary: 'The act\'s JSON exactly as hashed', params: ActParams, querystring: NoQuery, response: { 200: binary('application/json', 'The hashed JSON text'), 410: ErrorBody, ...errors } },
  }, async (request, reply) => {
    const row = await find(request.params.number, ', json');
    if (row.json === null) throw purged(row);
    return download(reply, 'application/json; charset=utf-8', `${row.number as string}.json`, Buffer.from(row.json as string, 'utf8'), row.json_sha256 as string);
  });

  app.get('/api/v1/acts/:number/pdf', {
    config,
    schema: { tags: ['acts'], summary: 'The act\'s PDF (SHA-256 in x-content-sha256 and Repr-Digest)', params: ActParams, querystring: NoQuery, response: { 200: binary('application/pdf', 'The act as issued'), 410: ErrorBody, ...errors } },
  }, async (request, reply) => {
    const row = await find(request.params.number, ', pdf');
    if (row.pdf === null) throw purged(row);
    return download(reply, 'application/pdf', `${row.number as string}.pdf`, row.pdf as Buffer, row.pdf_sha256 as string);
  });

  app.get('/api/v1/acts/:number/signature', {
    config,
    schema: { tags: ['acts'], summary: 'The detached CMS (PKCS#7) signature over the PDF; 404 act_unsigned when none', params: ActParams, querystring: NoQuery, response: { 200: binary('application/pkcs7-signature', 'DER-encoded CMS SignedData, detached'), 410: ErrorBody, ...errors } },
  }, async (request, reply) => {
    const row = await find(request.params.number, ', signature');
    if (row.purged_at !== null) throw purged(row);
    if (row.signature === null) {
      throw new AppError(404, 'act_unsigned', `Act ${row.number as string} was issued unsigned (no DSAR_ACT_SIGNER_P12 was configured); its PDF SHA-256 is ${row.pdf_sha256 as string}.`);
    }
    return reply.type('application/pkcs7-signature').header('content-disposition', contentDisposition(`${row.number as string}.p7s`)).send(row.signature as Buffer);
  });
};
