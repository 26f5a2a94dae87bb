import fp from 'fastify-plugin';
import { AppError } from '../errors';
import { checkToken, touchToken, type Principal, type Role } from '../features/tokens/token-store';
import { enforce } from './rate-limits';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** `false` for public routes (health, docs). */
    auth?: false;
    /** Roles allowed on this route; defaults to every role for reads and to writers for the rest. */
    roles?: readonly Role[];
  }
}

export const READERS: readonly Role[] = ['officer', 'dpo', 'auditor', 'admin'];
/** Auditors read, never write. */
export const WRITERS: readonly Role[] = ['officer', 'dpo', 'admin'];

const HOW_TO_GET_A_TOKEN = 'Send "Authorization: Bearer <token>"; create one with `npx dsar token create --role officer --name <you>`.';
const TOUCH_EVERY_MS = 60_000;

export const auth = fp(
  async (app) => {
    app.decorateRequest('principal', undefined);
    // Per process: when each token's last_used_at was last written, so most requests skip the UPDATE.
    const touched = new Map<number, number>();
    const touch = (tokenId: number) => {
      const now = Date.now();
      if (now - (touched.get(tokenId) ?? 0) < TOUCH_EVERY_MS) return;
      touched.set(tokenId, now);
      // Never blocks the request; a failed bookkeeping write is only worth a warning.
      touchToken(app.pg, tokenId).catch((err: unknown) => app.log.warn({ err, tokenId }, 'could not record token use'));
    };

    app.addHook('onRequest', async (request, reply) => {
      const config = request.routeOptions.config;
      const url = request.routeOptions.url;
      // Public: health, the OpenAPI document and the docs UI (its routes are registered by @fastify/swagger-ui).
      if (config.auth === false || !url || url === '/docs' || url.startsWith('/docs/')) return;
      const refuse = async (code: string, message: string): Promise<never> => {
        // Only failures count against the client's IP, so valid tokens are never slowed by someone else's guessing.
        await enforce(app.limits.failedAuth, request, reply, 'failed authentications from this address');
        throw new AppError(401, code, message);
      };
      const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      if (!match?.[1]) return refuse('unauthorized', `A bearer token is required. ${HOW_TO_GET_A_TOKEN}`);
      const checked = await checkToken(app.pg, match[1]);
      if ('refused' in checked) {
        return checked.refused === 'expired'
          ? refuse('token_expired', 'The token has expired. Ask an administrator for a new one (`npx dsar token create … --expires-in 90d`).')
          : refuse('invalid_token', `The token is unknown or revoked. ${HOW_TO_GET_A_TOKEN}`);
      }
      const { principal } = checked;
      const allowed = config.roles ?? (request.method === 'GET' || request.method === 'HEAD' ? READERS : WRITERS);
      if (!allowed.includes(principal.role)) {
        throw new AppError(403, 'forbidden', `The role "${principal.role}" may not ${request.method} this resource; allowed roles: ${allowed.join(', ')}.`);
      }
      request.principal = principal;
      touch(principal.tokenId);
      if (request.method !== 'GET' && request.method !== 'HEAD') await enforce(app.limits.writes, request, reply, 'writes with this token');
    });
  },
  { name: 'auth', dependencies: ['infrastructure', 'rate-limits'] },
);
