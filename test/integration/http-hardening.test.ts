import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { startEngine, type Engine } from '../helpers/engine';

let engine: Engine;
beforeAll(async () => { engine = await startEngine({ worker: false }); });
afterAll(async () => { await engine?.stop(); });

async function withApp(overrides: Partial<Engine['config']>, fn: (app: FastifyInstance) => Promise<void>) {
  const app = await buildApp({ ...engine.config, ...overrides });
  try { await fn(app); } finally { await app.close(); }
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('rate limits', () => {
  it('answers 429 too_many_requests with Retry-After after too many failed authentications from one address', () =>
    withApp({ rateLimit: { failedAuthPerMinute: 3, writesPerMinute: 100 } }, async (app) => {
      const guess = (remoteAddress = '127.0.0.1') => app.inject({ method: 'GET', url: '/api/v1/cases', headers: bearer('dsar_guess'), remoteAddress });
      for (let i = 0; i < 3; i++) expect((await guess()).statusCode).toBe(401);
      const limited = await guess();
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toEqual({ statusCode: 429, code: 'too_many_requests', message: expect.stringMatching(/retry in \d+ s/) });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      // A valid token from the same address still reads; another address is counted on its own.
      expect((await app.inject({ method: 'GET', url: '/api/v1/cases', headers: engine.auth('auditor') })).statusCode).toBe(200);
      expect((await guess('192.0.2.7')).statusCode).toBe(401);
    }));

  it('limits writes per token, not reads, and not other tokens', () =>
    withApp({ rateLimit: { failedAuthPerMinute: 100, writesPerMinute: 2 } }, async (app) => {
      // An empty body is refused (400) after the limit is counted: cheap writes that start no workflow.
      const write = (role: 'officer' | 'dpo') => app.inject({ method: 'POST', url: '/api/v1/cases', headers: engine.auth(role), payload: {} });
      expect((await write('officer')).statusCode).toBe(400);
      expect((await write('officer')).statusCode).toBe(400);
      const limited = await write('officer');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe('too_many_requests');
      expect(limited.headers['retry-after']).toBeDefined();
      expect((await write('dpo')).statusCode).toBe(400);
      expect((await app.inject({ method: 'GET', url: '/api/v1/cases', headers: engine.auth('officer') })).statusCode).toBe(200);
    }));
});

describe('security headers', () => {
  it('API answers: nosniff, no caching, a CSP that allows nothing — also on refusals', async () => {
    for (const headers of [engine.auth('auditor'), {}]) {
      const res = await engine.app.inject({ method: 'GET', url: '/api/v1/cases', headers });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    }
    expect((await engine.app.inject({ method: 'GET', url: '/health' })).headers['x-content-type-options']).toBe('nosniff');
  });

  it('the docs UI: a strict CSP that still lets Swagger UI load its own scripts and styles', async () => {
    const res = await engine.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toMatch(/script-src 'self'[;' ]/);
    expect(csp).toMatch(/style-src 'self'[;' ]/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    for (const loose of ["'unsafe-inline'", "'unsafe-eval'", 'https:', 'upgrade-insecure-requests']) expect(csp).not.toContain(loose);
    // Swagger UI's page has no inline script: everything it runs comes from 'self'.
    expect(res.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

/** Opens a raw connection, sends `head`, then `drip` every 100 ms; resolves with what the server sent and when it closed. */
function slowClient(port: number, head: string, drip: string): Promise<{ response: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let response = '';
    const timer = setInterval(() => socket.writable && socket.write(drip), 100);
    const giveUp = setTimeout(() => socket.destroy(new Error('the server kept the slow connection open')), 10_000);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (d) => { response += String(d); });
    socket.on('error', (e) => { if (e.message.includes('kept')) reject(e); });
    socket.on('close', () => { clearInterval(timer); clearTimeout(giveUp); resolve({ response, ms: Date.now() - started }); });
  });
}

describe('server timeouts', () => {
  it('cuts off slow headers and slow bodies with 408 within the configured time; refuses oversized bodies', () =>
    withApp({ http: { headersTimeoutMs: 400, requestTimeoutMs: 800, keepAliveTimeoutMs: 1000, bodyLimitBytes: 1024 } }, async (app) => {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as { port: number };

      const headers = await slowClient(port, 'GET /health HTTP/1.1\r\nHost: x\r\n', 'X-Slow: 1\r\n');
      expect(headers.response).toMatch(/^HTTP\/1\.1 408/);
      expect(headers.ms).toBeLessThan(1500);

      const head = `POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${engine.tokens.officer}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{';
      const body = await slowClient(port, head, ' ');
      expect(body.response).toMatch(/^HTTP\/1\.1 408/);
      expect(body.ms).toBeLessThan(2000);

      const big = await app.inject({ method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'), payload: { note: 'x'.repeat(2000) } });
      expect(big.statusCode).toBe(413);
    }));
});
