import { STATUS_CODES } from 'node:http';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { OpeningRefused } from '../opening/opening-input';
import { formatHint } from './validation';

/** A refusal the client can act on: stable `code`, HTTP status, and a message saying what to fix. */
export class AppError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string) {
    super(message);
  }
}

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** A body with thousands of unknown keys must not produce a message of thousands of lines. */
const MAX_ISSUES = 10;

function describe(where: string, issue: AjvIssue): string {
  const at = `${where}${issue.instancePath}`;
  switch (issue.keyword) {
    case 'additionalProperties':
      return `${at} has an unknown field "${String(issue.params.additionalProperty).slice(0, 60)}": remove it`;
    case 'required':
      return `${at} is missing the required field "${String(issue.params.missingProperty)}"`;
    case 'format':
      return `${at} ${formatHint(String(issue.params.format))}`;
    case 'enum':
      return `${at} must be one of: ${(issue.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return `${at} ${issue.message ?? 'is invalid'}`;
  }
}

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;
const PG_UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', '57P01', '57P03', '08001', '08006']);

type Failure = { code?: unknown; message?: string; cause?: unknown };

/** The error and its causes (the Temporal client wraps gRPC errors). */
function causes(err: unknown): Failure[] {
  const chain: Failure[] = [];
  for (let e = err as Failure | undefined; e && typeof e === 'object' && chain.length < 5; e = e.cause as Failure | undefined) chain.push(e);
  return chain;
}

/** True when a Temporal call ran out of time (no worker took the task, or the server did not answer). */
export function isTemporalTimeout(err: unknown): boolean {
  return causes(err).some((e) => e.code === GRPC_DEADLINE_EXCEEDED);
}

/** Infrastructure that is down is a 503 the client may retry, not a 500. */
function unavailable(err: unknown): AppError | undefined {
  const chain = causes(err);
  if (chain.some((e) => e.code === GRPC_UNAVAILABLE || e.code === GRPC_DEADLINE_EXCEEDED)) {
    return new AppError(503, 'temporal_unavailable', 'Temporal did not answer in time. Repeat the request shortly; when opening a case, send the same Idempotency-Key so a repeat cannot open a second case.');
  }
  if (chain.some((e) => PG_UNREACHABLE.has(String(e.code)) || /timeout exceeded when trying to connect|Connection terminated/.test(e.message ?? ''))) {
    return new AppError(503, 'database_unavailable', 'PostgreSQL did not answer. Repeat the request shortly (with the same Idempotency-Key when opening a case).');
  }
  return undefined;
}

type ErrorBody = { statusCode: number; code: string; message: string };

/**
 * Fastify's own refusals, in our shape: a stable snake_case code and what to fix. Their messages can
 * echo the request (a URL, a header), so they are replaced, never passed through.
 */
const FASTIFY_ERRORS: Record<string, [code: string, message: string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Send the body as JSON with "content-type: application/json".'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['empty_body', 'The body is empty but content-type says JSON: send a JSON object.'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['invalid_json', 'The body is not valid JSON: check quotes, commas and brackets.'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['body_too_large', 'The body is larger than the server accepts (DSAR_BODY_LIMIT_BYTES): send only the fields the route documents.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['invalid_content_length', 'The body length does not match the Content-Length header: send the header that matches the body, or none.'],
  FST_ERR_BAD_URL: ['bad_url', 'The URL contains invalid percent-encoding: encode "%" as %25 and non-ASCII characters as UTF-8 percent-escapes.'],
  FST_ERR_MAX_PARAM_LENGTH: ['param_too_long', 'A path segment is longer than 100 characters: case ids look like DSAR-2026-000123.'],
};

/** A stable code for any other 4xx: the HTTP reason phrase in snake_case ("Not Acceptable" → not_acceptable). */
function codeForStatus(status: number): string {
  return (STATUS_CODES[status] ?? 'bad_request').toLowerCase().replace(/[^a-z]+/g, '_').replace(/^_|_$/g, '');
}

const INTERNAL: ErrorBody = { statusCode: 500, code: 'internal_error', message: 'Internal error; the request id is in the server log.' };

/** Every error as `{statusCode, code, message}`; 5xx never reveal internals. */
export function toErrorBody(err: unknown, log: FastifyBaseLogger): ErrorBody {
  if (err instanceof AppError || err instanceof OpeningRefused) return { statusCode: err.statusCode, code: err.code, message: err.message };
  const fastifyError = err as Partial<FastifyError>;
  const validation = fastifyError.validation as AjvIssue[] | undefined;
  if (validation) {
    const where = fastifyError.validationContext ?? 'request';
    const unknown = validation.some((v) => v.keyword === 'additionalProperties');
    const shown = validation.slice(0, MAX_ISSUES).map((v) => describe(where, v));
    if (validation.length > MAX_ISSUES) shown.push(`and ${validation.length - MAX_ISSUES} more`);
    return { statusCode: 400, code: unknown ? 'unknown_field' : `invalid_${where}`, message: `${shown.join('; ')}.` };
  }
  const status = fastifyError.statusCode ?? 500;
  const known = FASTIFY_ERRORS[String(fastifyError.code)];
  if (known) return { statusCode: status, code: known[0], message: known[1] };
  if (status >= 400 && status < 500) {
    log.info({ code: fastifyError.code }, 'request refused by the framework');
    return { statusCode: status, code: codeForStatus(status), message: `The request was refused (${STATUS_CODES[status] ?? status}); see /docs for the route's format.` };
  }
  const down = unavailable(err);
  if (down) {
    log.warn({ err }, down.code);
    return { statusCode: 503, code: down.code, message: down.message };
  }
  log.error({ err }, 'request failed');
  return INTERNAL;
}

/** One mapping from errors to responses, for route errors and for the router's own (bad URL, long param). */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const body = toErrorBody(err, request.log);
    if (body.statusCode === 413) readRestOfRefusedBody(request, reply);
    return reply.status(body.statusCode).send(body);
  });
  const routes = knownRoutes(app);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = routes.methodsFor(path);
    const shown = path.length > 100 ? `${path.slice(0, 100)}…` : path;
    if (allowed.length > 0) {
      return reply.status(405).header('allow', allowed.join(', ')).send({
        statusCode: 405, code: 'method_not_allowed', message: `${shown} does not accept ${request.method}; use ${allowed.join(' or ')}.`,
      });
    }
    return reply.status(404).send({ statusCode: 404, code: 'route_not_found', message: `No route ${request.method} ${shown}; see /docs.` });
  });
}

/**
 * A 413 is sent while the client is still sending the body. Closing the socket then (Fastify's
 * `connection: close`) makes the kernel answer the unread bytes with a TCP reset, and the client
 * loses the 413. So the rest of the body is read and discarded, and the connection is kept; the
 * time this may take is bounded by DSAR_REQUEST_TIMEOUT_MS (408), not by the body's length.
 */
function readRestOfRefusedBody(request: FastifyRequest, reply: FastifyReply): void {
  reply.removeHeader('connection');
  if (!request.raw.complete) request.raw.resume();
}

/** Fastify's `frameworkErrors` option: router errors that happen before any route or hook runs. */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const body = toErrorBody(err, request.log);
  void reply.status(body.statusCode).send(body);
}

/**
 * The routes' paths in a router of their own, so an unknown method on a known path is a 405 with an
 * `Allow` header rather than a 404 that suggests the path is wrong.
 */
function knownRoutes(app: FastifyInstance) {
  const router = FindMyWay();
  const methods = new Set<string>();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      methods.add(method);
      if (!router.hasRoute(method as HTTPMethod, route.url)) router.on(method as HTTPMethod, route.url, () => undefined);
    }
  });
  return {
    methodsFor: (path: string) => [...methods].filter((m) => router.find(m as HTTPMethod, path) !== null).sort(),
  };
}
