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
    request.log.error({ err }, 'request failed');
    return reply.status(500).send({ statusCode: 500, code: 'internal_error', message: 'Internal error; the request id is in the server log.' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ statusCode: 404, code: 'route_not_found', message: `No route ${request.method} ${request.url.split('?')[0]}; see /docs.` }),
  );
}
