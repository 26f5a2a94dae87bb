import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../api/errors';
import { enforce } from '../api/plugins/rate-limits';
import { createSession, deleteSession, sessionUser } from '../users/session-store';
import { signIn, type ConsoleUser } from '../users/user-store';
import { LANGUAGES, translator, type Lang } from './i18n';
import { renderPage, type PageContext } from './render';
import { calendarStatusNow } from '../calendar/status-now';

declare module 'fastify' {
  interface FastifyRequest {
    /** The console user signed in with this request's session cookie. */
    user?: ConsoleUser;
    lang: Lang;
  }
}

export const SESSION_COOKIE = 'dsar_session';
export const LANG_COOKIE = 'dsar_lang';
/** A working day and then some by default (DSAR_CONSOLE_SESSION_HOURS): officers sign in once a day; an idle laptop is not signed in for ever. */
const sessionLifetimeMs = (config: { consoleSessionHours?: number }) => (config.consoleSessionHours ?? 12) * 3_600_000;
/** httpOnly: no script reads it; SameSite=Strict: no other site's page sends it; Secure whenever the request came over TLS. */
const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto' } as const;

/**
 * Only local paths are followed after sign-in or a language switch: never another site (an open redirect).
 * A path with a control character, a space or a non-ASCII character is refused (400): browsers drop tabs and
 * line breaks from a Location, so `/\t/evil.example` would become `//evil.example`; and Node cannot send
 * CR/LF or non-Latin-1 in a header. Our own links are percent-encoded ASCII, so nothing legitimate is refused.
 */
export function localPath(next: string | undefined): string {
  if (next !== undefined && !/^[\x21-\x7e]*$/.test(next)) {
    throw new AppError(400, 'invalid_return_path', 'The page to return to ("back" or "next") contains a space, a control or a non-ASCII character: percent-encode it, or leave it out.');
  }
  return next && /^\/(?![/\\])/.test(next) ? next : '/';
}

/** Sets request.user and request.lang; sends anyone not signed in to the sign-in page, except for public routes. */
export async function sessionHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const lang = request.cookies[LANG_COOKIE];
  request.lang = LANGUAGES.includes(lang as Lang) ? (lang as Lang) : 'ru';
  const url = request.routeOptions.url ?? '';
  if (url.startsWith('/static/') || url === '/lang/:lang' || url === '/favicon.ico') return;
  const token = request.cookies[SESSION_COOKIE];
  request.user = token ? await sessionUser(request.server.pg, token) : undefined;
  if (!request.user && url !== '/sign-in') {
    // Forms posted after the session ended go to sign-in too; the page to come back to is a GET.
    const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
    return reply.redirect(`/sign-in${next}`, 303);
  }
}

/** The page context: translations, user, a CSRF token for the page's forms. */
export function pageContext(request: FastifyRequest, reply: FastifyReply, title: (t: ReturnType<typeof translator>) => string, nav?: PageContext['nav'], here = request.url): PageContext {
  const tr = translator(request.lang);
  return {
    tr, lang: request.lang, user: request.user, csrf: reply.generateCsrf(), here, timeZone: request.server.legalTime.timeZone,
    nav, title: title(tr), ...calendarWarningOf(request),
  };
}

/** The calendar banner, for signed-in staff only (the sign-in page says nothing about the engine's state). */
function calendarWarningOf(request: FastifyRequest): Pick<PageContext, 'calendarWarning'> {
  if (!request.user) return {};
  const s = calendarStatusNow(request.server.legalTime);
  return s.warning ? { calendarWarning: { officialUntil: s.officialUntil, daysLeft: s.daysLeft } } : {};
}

/** @fastify/csrf-protection's cookie holding the secret that form tokens are made from. */
const CSRF_COOKIE = '_csrf';

/**
 * A new CSRF secret at sign-in, as the session token is new: a form token seen before sign-in (on a shared
 * computer, or from a secret cookie planted by a sibling subdomain) is worthless afterwards.
 */
function rotateCsrfSecret(request: FastifyRequest, reply: FastifyReply): void {
  delete request.cookies[CSRF_COOKIE];
  reply.generateCsrf();
}

export const html = (reply: FastifyReply, body: string, status = 200) => reply.status(status).type('text/html; charset=utf-8').send(body);

// _csrf is optional here so that a form without it is refused by the CSRF check (403), not as a malformed body.
const SignInBody = Type.Object({
  _csrf: Type.Optional(Type.String()), email: Type.String({ maxLength: 320 }), password: Type.String({ maxLength: 1024 }), next: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });

export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const hide = { hide: true };
  app.get('/sign-in', { schema: { ...hide, querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }) } }, async (request, reply) => {
    if (request.user) return reply.redirect(localPath(request.query.next), 303);
    return html(reply, renderPage('sign-in', pageContext(request, reply, (tr) => tr.t('signIn.title')), { next: localPath(request.query.next), email: '' }));
  });

  app.post('/sign-in', { schema: { ...hide, body: SignInBody }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { email, password } = request.body;
    const next = localPath(request.body.next); // an odd one is refused before the password is checked
    const outcome = await signIn(app.pg, email, password);
    if ('user' in outcome) {
      // A new token at every sign-in: a session id planted before sign-in is never promoted (session fixation).
      const lifetimeMs = sessionLifetimeMs(app.config);
      const token = await createSession(app.pg, outcome.user.id, lifetimeMs);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: lifetimeMs / 1000 });
      rotateCsrfSecret(request, reply);
      request.log.info({ userId: outcome.user.id, role: outcome.user.role }, 'console sign-in');
      return reply.redirect(next, 303);
    }
    // Beside the per-account lockout, the API's per-address limit: guessing across many accounts from one address is slowed too.
    await enforce(app.limits.failedAuth, request, reply, 'failed sign-ins from this address');
    const ctx = pageContext(request, reply, (tr) => tr.t('signIn.title'));
    const error = outcome.refused === 'locked'
      ? ctx.tr.t('signIn.locked', { until: ctx.tr.instant(outcome.until.toISOString(), ctx.timeZone) })
      : ctx.tr.t('signIn.wrong');
    request.log.info({ refused: outcome.refused }, 'console sign-in refused');
    if (outcome.refused === 'locked') reply.header('retry-after', String(Math.max(1, Math.ceil((outcome.until.getTime() - Date.now()) / 1000))));
    return html(reply, renderPage('sign-in', ctx, { next, email, error }), outcome.refused === 'locked' ? 429 : 401);
  });

  app.post('/sign-out', { schema: { ...hide, body: Type.Object({ _csrf: Type.Optional(Type.String()) }, { additionalProperties: false }) }, preHandler: app.csrfProtection }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(app.pg, token);
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.redirect('/sign-in', 303);
  });

  app.get('/lang/:lang', {
    schema: { ...hide, params: Type.Object({ lang: Type.Union(LANGUAGES.map((l) => Type.Literal(l))) }), querystring: Type.Object({ back: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }) },
  }, async (request, reply) => {
    reply.setCookie(LANG_COOKIE, request.params.lang, { path: '/', sameSite: 'strict', secure: 'auto', maxAge: 365 * 86_400 });
    return reply.redirect(localPath(request.query.back), 303);
  });
};
