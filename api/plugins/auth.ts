import fp from 'fastify-plugin';
import { AppError } from '../errors';
import { findPrincipal, type Principal, type Role } from '../features/tokens/token-store';

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

export const auth = fp(
  async (app) => {
    app.decorateRequest('principal', undefined);
    app.addHook('onRequest', async (request) => {
      const config = request.routeOptions.config;
      const url = request.routeOptions.url;
      // Public: health, the OpenAPI document and the docs UI (its routes are registered by @fastify/swagger-ui).
      if (config.auth === false || !url || url === '/docs' || url.startsWith('/docs/')) return;
      const header = request.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) throw new AppError(401, 'unauthorized', `A bearer token is required. ${HOW_TO_GET_A_TOKEN}`);
      const principal = await findPrincipal(app.pg, match[1]);
      if (!principal) throw new AppError(401, 'invalid_token', `The token is unknown or revoked. ${HOW_TO_GET_A_TOKEN}`);
      const allowed = config.roles ?? (request.method === 'GET' || request.method === 'HEAD' ? READERS : WRITERS);
      if (!allowed.includes(principal.role)) {
        throw new AppError(403, 'forbidden', `The role "${principal.role}" may not ${request.method} this resource; allowed roles: ${allowed.join(', ')}.`);
      }
      request.principal = principal;
    });
  },
  { name: 'auth', dependencies: ['infrastructure'] },
);
