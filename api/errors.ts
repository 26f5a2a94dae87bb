import type { FastifyError, FastifyInstance } from 'fastify';

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

function describe(where: string, issue: AjvIssue): string {
  const at = `${where}${issue.instancePath}`;
  switch (issue.keyword) {
    case 'additionalProperties':
      return `${at} has an unknown field "${String(issue.params.additionalProperty)}": remove it`;
    case 'required':
      return `${at} is missing the required field "${String(issue.params.missingProperty)}"`;
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

/** One mapping from errors to responses; 5xx never reveal internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.statusCode).send({ statusCode: err.statusCode, code: err.code, message: err.message });
    }
    const validation = (err as FastifyError).validation as AjvIssue[] | undefined;
    if (validation) {
      const where = (err as FastifyError).validationContext ?? 'request';
      const unknown = validation.some((v) => v.keyword === 'additionalProperties');
      return reply.status(400).send({
        statusCode: 400,
        code: unknown ? 'unknown_field' : `invalid_${where}`,
        message: `${validation.map((v) => describe(where, v)).join('; ')}.`,
      });
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status < 500) {
      const code = (err as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type'
        : (err as FastifyError).code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'empty_body' : 'bad_request';
      return reply.status(status).send({ statusCode: status, code, message: err.message });
    }
    const down = unavailable(err);
    if (down) {
      request.log.warn({ err }, down.code);
      return reply.status(503).send({ statusCode: 503, code: down.code, message: down.message });
    }
    request.log.error({ err }, 'request failed');
    return reply.status(500).send({ statusCode: 500, code: 'internal_error', message: 'Internal error; the request id is in the server log.' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ statusCode: 404, code: 'route_not_found', message: `No route ${request.method} ${request.url.split('?')[0]}; see /docs.` }),
  );
}
