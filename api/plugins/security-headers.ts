import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/**
 * Helmet's headers on every response (nosniff, frame and referrer policies, …) with a CSP that allows
 * nothing: API answers are JSON and never need to load anything. The docs UI replaces that CSP with
 * its own (see docsCsp). API answers carry personal data, so no cache may keep them.
 */
export const securityHeaders = fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    });
    app.addHook('onSend', async (request, reply) => {
      if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    });
  },
  { name: 'security-headers' },
);

/**
 * Swagger UI's own CSP (`staticCSP: true`: its inline script and style allowed by hash, not by
 * 'unsafe-inline'), made stricter: no https: wildcard for styles and fonts, no online validator
 * badge, no framing, and no upgrade-insecure-requests, which would break the docs over plain HTTP.
 */
export function docsCsp(header: string): string {
  return header
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && d !== 'upgrade-insecure-requests')
    .map((d) => d.replace(/ https:/g, '').replace(/ validator\.swagger\.io/g, '').replace(/^frame-ancestors .*/, "frame-ancestors 'none'"))
    .join('; ') + ';';
}
