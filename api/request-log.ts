import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Fastify's request lines, replaced by one line per completed request: method, route pattern, status
 * and time only — never the raw URL's query, headers or bodies. At a terminal these lines are `debug`,
 * so `npm start` stays quiet; as JSON for a log collector they are `info`.
 */
export class RequestLogController extends LogController {
  constructor(private readonly pretty: boolean) {
    super();
  }

  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? '(no route)',
      statusCode: reply.statusCode,
      responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request failed while responding');
    else if (this.pretty) reply.log.debug(line, 'request');
    else reply.log.info(line, 'request');
  }
}
