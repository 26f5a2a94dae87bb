import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';

type Limiter = (request: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;

declare module 'fastify' {
  interface FastifyInstance {
    limits: {
      /** Failed authentications per client IP: counted only when a request is refused with 401. */
      failedAuth: Limiter;
      /** Writes (every non-GET request) per token. */
      writes: Limiter;
    };
  }
}

const MINUTE = 60_000;

/**
 * Two fixed-window limits, counted in this process's memory (each API process counts on its own).
 * The auth plugin applies them, because only it knows whether a request failed to authenticate and
 * which token made a write; @fastify/rate-limit provides the counting.
 */
export const rateLimits = fp(
  async (app) => {
    const { failedAuthPerMinute, writesPerMinute } = app.config.rateLimit;
    await app.register(rateLimit, { global: false });
    app.decorate('limits', {
      failedAuth: app.createRateLimit({ max: failedAuthPerMinute, timeWindow: MINUTE, keyGenerator: (r) => `ip:${r.ip}` }),
      writes: app.createRateLimit({ max: writesPerMinute, timeWindow: MINUTE, keyGenerator: (r) => `token:${r.principal?.tokenId ?? ''}` }),
    });
  },
  { name: 'rate-limits', dependencies: ['infrastructure'] },
);

/** Counts one request against `limiter`; throws 429 `too_many_requests` with Retry-After when over the limit. */
export async function enforce(limiter: Limiter, request: FastifyRequest, reply: FastifyReply, what: string): Promise<void> {
  const limit = await limiter(request);
  if (limit.isAllowed || !limit.isExceeded) return;
  const seconds = Math.max(1, limit.ttlInSeconds ?? 60);
  reply.header('retry-after', String(seconds));
  throw new AppError(429, 'too_many_requests', `Too many ${what}; retry in ${seconds} s (see the Retry-After header).`);
}
