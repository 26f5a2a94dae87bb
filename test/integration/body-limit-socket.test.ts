import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { DEFAULT_LIMITS } from '../../intake/limits';
import { startEngine, type Engine } from '../helpers/engine';

// Over a real socket, not `inject`: a server that closes while the client is still sending makes the
// kernel answer with a TCP reset, and the client loses the 413 it was sent (issue 16, point 6).

let engine: Engine;
let app: FastifyInstance;
let port: number;
const LIMIT = 64 * 1024;
beforeAll(async () => {
  engine = await startEngine({ worker: false });
  app = await buildApp({ ...engine.config, http: { ...engine.config.http, bodyLimitBytes: LIMIT } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as { port: number }).port;
});
afterAll(async () => { await app?.close(); await engine?.stop(); });

type Sent = { response: string; error?: string };

/**
 * Sends `head`, then `total` bytes of body as fast as the socket takes them (chunked when `chunked`),
 * like curl uploading a file; resolves with everything the server sent and any socket error.
 */
function upload(head: string, total: number, chunked: boolean): Promise<Sent> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let response = '';
    let error: string | undefined;
    const piece = Buffer.alloc(256 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < total && !socket.destroyed) {
        const n = Math.min(piece.length, total - sent);
        sent += n;
        const data = chunked ? Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), piece.subarray(0, n), Buffer.from('\r\n')]) : piece.subarray(0, n);
        if (!socket.write(data)) return socket.once('drain', pump);
      }
      if (chunked && !socket.destroyed) socket.write('0\r\n\r\n');
      done = true;
      hangUp();
    };
    let done = false;
    // The whole body was sent and the answer is complete: hang up, like curl after its upload.
    const hangUp = () => { if (done && /\r\n\r\n\{.*\}$/s.test(response)) socket.end(); };
    socket.on('connect', () => { socket.write(head); pump(); });
    socket.on('data', (d) => {
      response += String(d);
      hangUp();
    });
    socket.on('error', (e) => { error = (e as NodeJS.ErrnoException).code ?? e.message; });
    socket.on('close', () => resolve({ response, error }));
    setTimeout(() => socket.destroy(new Error('no answer within 20 s')), 20_000).unref();
  });
}

const post = (path: string, type: string, length: string) =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${engine.tokens.officer}\r\nContent-Type: ${type}\r\n${length}\r\n`;

function expect413(sent: Sent, code: string) {
  expect(sent.error).toBeUndefined(); // no ECONNRESET / EPIPE: the client read the whole answer
  expect(sent.response).toMatch(/^HTTP\/1\.1 413 /);
  expect(JSON.parse(sent.response.slice(sent.response.indexOf('\r\n\r\n') + 4))).toMatchObject({ statusCode: 413, code });
}

describe('413 over a real socket', () => {
  it('API: a Content-Length over DSAR_BODY_LIMIT_BYTES, while the client is still sending the body', async () => {
    const total = 16 * 1024 * 1024;
    expect413(await upload(post('/api/v1/cases', 'application/json', `Content-Length: ${total}\r\n`), total, false), 'body_too_large');
  });

  it('API: a chunked body cut at the limit', async () => {
    expect413(await upload(post('/api/v1/cases', 'application/json', 'Transfer-Encoding: chunked\r\n'), 16 * 1024 * 1024, true), 'body_too_large');
  });

  it('e-mail intake: a message over 32 MiB, by Content-Length and chunked', async () => {
    const total = DEFAULT_LIMITS.maxMessageBytes + 8 * 1024 * 1024;
    expect413(await upload(post('/api/v1/intake/email', 'message/rfc822', `Content-Length: ${total}\r\n`), total, false), 'message_too_large');
    expect413(await upload(post('/api/v1/intake/email', 'message/rfc822', 'Transfer-Encoding: chunked\r\n'), total, true), 'message_too_large');
  });
});
