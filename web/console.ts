import path from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { toErrorBody } from '../api/errors';
import { translator } from './i18n';
import { renderPage } from './render';
import { auditRoutes } from './routes/audit';
import { casePageRoutes } from './routes/case-page';
import { caseListRoutes } from './routes/cases';
import { dashboardRoutes } from './routes/dashboard';
import { html, pageContext, sessionHook, sessionRoutes } from './session';

/**
 * The console's Content-Security-Policy: scripts, styles and requests from this origin only (htmx is served
 * from /static, nothing inline), forms post only here, no framing. The API keeps its own `default-src 'none'`.
 */
export const CONSOLE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const htmxDir = path.dirname(require.resolve('htmx.org/dist/htmx.min.js'));

/**
 * The officers' and auditors' web console under `/` (ADR 013): server-rendered pages, sessions by cookie,
 * CSRF tokens on every form. An encapsulated plugin: its form parser, cookies, hooks and HTML error pages do not
 * reach the JSON API, and the API's bearer-token check skips its routes (they carry `auth: false`).
 */
export const webConsole: FastifyPluginAsync = async (app) => {
  app.addHook('onRoute', (route) => { route.config = { ...(route.config as object), auth: false }; });
  await app.register(formbody);
  await app.register(cookie);
  await app.register(csrf, { sessionPlugin: '@fastify/cookie', cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto' } });
  app.decorateRequest('user', undefined);
  app.decorateRequest('lang', 'ru');
  app.addHook('onRequest', sessionHook);
  app.addHook('onSend', async (request, reply) => {
    reply.header('content-security-policy', CONSOLE_CSP);
    // Pages hold personal data: no cache keeps them. Static files may be cached.
    if (!request.url.startsWith('/static/')) reply.header('cache-control', 'no-store');
  });
  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    const csrfRefused = err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET';
    const body = csrfRefused
      ? { statusCode: 403, code: 'csrf_token_invalid', message: translator(request.lang).t('error.csrf') }
      : toErrorBody(err, request.log);
    const ctx = pageContext(request, reply, (tr) => tr.t('error.title'));
    return html(reply, renderPage('error', ctx, { error: body }), body.statusCode);
  });
  await app.register(fastifyStatic, { root: [path.join(__dirname, 'static'), htmxDir], prefix: '/static/', decorateReply: false, index: false, list: false, allowedPath: (p) => p === '/console.css' || p === '/htmx.min.js' });
  // Browsers ask for it on every first visit; an empty answer keeps their consoles (and the tests') free of 404s.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.status(204).send());
  await app.register(sessionRoutes);
  await app.register(dashboardRoutes);
  await app.register(caseListRoutes);
  await app.register(casePageRoutes);
  await app.register(auditRoutes);
};
