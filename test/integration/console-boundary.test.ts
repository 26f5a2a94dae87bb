import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { createUser } from '../../users/user-store';
import { startEngine, type Engine } from '../helpers/engine';

// The console's edge over a real socket (issue 16, point 8): Node's own header checks and what a browser
// does with a Location only show there, not through `inject`.

let engine: Engine;
let app: FastifyInstance;
let base: string;
const PASSWORD = 'a long enough passphrase';
beforeAll(async () => {
  engine = await startEngine({ worker: false });
  app = await buildApp(engine.config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  await createUser(engine.pool, { email: 'olga@example.ru', name: 'Olga Officer', role: 'officer', password: PASSWORD });
  await createUser(engine.pool, { email: 'lock@example.ru', name: 'Lena Locked', role: 'officer', password: PASSWORD });
});
afterAll(async () => { await app?.close(); await engine?.stop(); });

const get = (path: string, cookie = '') => fetch(`${base}${path}`, { redirect: 'manual', headers: { cookie } });

/** The cookies a response sets, as name → value. */
const setCookies = (res: Response) => new Map(res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** The sign-in form: its cookies (the CSRF secret) and its token. */
async function signInForm(): Promise<{ jar: Map<string, string>; csrf: string }> {
  const res = await get('/sign-in');
  return { jar: setCookies(res), csrf: /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]! };
}

const postForm = (path: string, jar: Map<string, string>, form: Record<string, string>) => fetch(`${base}${path}`, {
  method: 'POST', redirect: 'manual', body: new URLSearchParams(form).toString(),
  headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
});

describe('return paths (back, next)', () => {
  it('never sends the browser to another site, and answers odd values 400, not 500', async () => {
    expect((await get('/lang/en?back=/cases%3Ftype%3Daccess')).headers.get('location')).toBe('/cases?type=access');
    expect((await get('/lang/en?back=//evil.example/x')).headers.get('location')).toBe('/');
    // A browser drops the tab from the Location and goes to //evil.example/x.
    for (const odd of ['/%09/evil.example/x', '/%0a/evil.example', '/%0d%0aSet-Cookie:%20x=1', '/%D0%98', '/%E2%80%AE']) {
      for (const path of [`/lang/en?back=${odd}`, `/sign-in?next=${odd}`]) {
        const res = await get(path);
        expect(res.status, path).toBe(400);
        expect(res.headers.get('location')).toBeNull();
        expect(await res.text()).toContain('invalid_return_path');
      }
    }
    const { jar, csrf } = await signInForm();
    const res = await postForm('/sign-in', jar, { _csrf: csrf, email: 'olga@example.ru', password: PASSWORD, next: '/\t/evil.example/x' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});

describe('sign-in', () => {
  it('a locked account is answered 429 with Retry-After, the seconds until the lock ends', async () => {
    for (let i = 0; i < 5; i++) {
      const { jar, csrf } = await signInForm();
      await postForm('/sign-in', jar, { _csrf: csrf, email: 'lock@example.ru', password: `wrong ${i}` });
    }
    const { jar, csrf } = await signInForm();
    const locked = await postForm('/sign-in', jar, { _csrf: csrf, email: 'lock@example.ru', password: PASSWORD });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60); // five failures lock for a minute (users/lockout.ts)
  });

  it('rotates the CSRF secret: a form token from before sign-in is refused after it', async () => {
    const { jar, csrf } = await signInForm();
    const signedIn = await postForm('/sign-in', jar, { _csrf: csrf, email: 'olga@example.ru', password: PASSWORD });
    expect(signedIn.status).toBe(303);
    const after = new Map([...jar, ...setCookies(signedIn)]);
    expect(after.get('_csrf')).toBeDefined();
    expect(after.get('_csrf')).not.toBe(jar.get('_csrf'));
    // The token learnt before sign-in no longer works with the signed-in browser's cookies…
    const stale = await postForm('/sign-out', after, { _csrf: csrf });
    expect(stale.status).toBe(403);
    expect(await stale.text()).toContain('csrf_token_invalid');
    // …and a page served after sign-in carries a token that does.
    const page = await get('/cases', cookieHeader(after));
    const fresh = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    expect((await postForm('/sign-out', after, { _csrf: fresh })).status).toBe(303);
  });
});
