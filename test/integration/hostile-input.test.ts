import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../users/session-store';
import { createUser } from '../../users/user-store';
import { SESSION_COOKIE } from '../../web/session';
import { startEngine, type Engine } from '../helpers/engine';
import { actionProbes, openCaseProbes, validCase, type Probe } from '../helpers/hostile-probes';

let engine: Engine;
let caseId: string;
beforeAll(async () => {
  // Hundreds of refused writes from one token: the write limit (tested in http-hardening) would answer them all with 429.
  engine = await startEngine({ config: (c) => ({ ...c, rateLimit: { failedAuthPerMinute: 100_000, writesPerMinute: 100_000 } }) });
  const opened = await engine.app.inject({ method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'), payload: { ...validCase, receivedAt: new Date().toISOString() } });
  caseId = opened.json().id;
});
afterAll(async () => { await engine?.stop(); });

const cursorOf = (keys: unknown) => Buffer.from(typeof keys === 'string' ? keys : JSON.stringify(keys)).toString('base64url');

function queryProbes(): Probe[] {
  const list = (query: string, code?: string): Probe => ({ name: `GET /cases?${query.slice(0, 60)}`, method: 'GET', url: `/api/v1/cases?${query}`, code });
  const numbers = ['0', '-1', '201', '1000', '1.5', '1e2', '1e21', ' 5', '5 ', '+5', '05', '0x10', 'Infinity', '-Infinity', 'NaN', '',
    '9223372036854775808', '9'.repeat(1000), '１０', '5%00', '%00', 'null', 'true', '[]', '{}', '10abc', '1_0'];
  const probes = numbers.map((n) => list(`limit=${encodeURIComponent(n)}`, 'invalid_querystring'));
  for (const n of ['0', '1', 'Infinity', '1e21', '9223372036854775808', '9'.repeat(1000)]) probes.push(list(`offset=${n}`, 'unknown_field'));
  probes.push(list('limit=1&limit=2', 'invalid_querystring'), list('limit=%ZZ'), list('limit=%'));
  for (const v of ['RECEIVED', 'nope', '', '%00', 'received%00', 'received,overdue', "received' OR '1'='1"]) {
    probes.push(list(`status=${encodeURIComponent(v)}`, 'invalid_querystring'), list(`type=${encodeURIComponent(v)}`, 'invalid_querystring'));
  }
  probes.push(list('status=received&status=overdue', 'invalid_querystring'));
  const at = '2026-01-01T00:00:00.000000Z';
  const cursors = ['', '!!!', 'a', 'a'.repeat(10_000), '%00', 'eyJ', cursorOf('{}'), cursorOf('[]'), cursorOf('null'), cursorOf('not json'),
    cursorOf([at]), cursorOf([at, 'DSAR-2026-000001', 'x']), cursorOf([1, 2]), cursorOf(['2026-02-30T00:00:00.000000Z', 'DSAR-2026-000001']),
    cursorOf(['2026-01-01T00:00:00Z', 'DSAR-2026-000001']), cursorOf([at, 'x; DROP TABLE cases']), cursorOf([at, 'DSAR-2026-1']),
    cursorOf({ at, id: 'DSAR-2026-000001' }), `${cursorOf([at, 'DSAR-2026-000001'])}=`, cursorOf([at, 'DSAR-2026-000001']).replace(/^./, '+'),
    cursorOf([' 2026-01-01T00:00:00.000000Z', 'DSAR-2026-000001']), cursorOf(['0000-01-01T00:00:00.000000Z', 'DSAR-2026-000001'])];
  for (const c of cursors) probes.push(list(`cursor=${encodeURIComponent(c)}`, 'invalid_cursor'));
  probes.push(list('cursor=a&cursor=b', 'invalid_querystring'));
  for (const q of ['foo=1', '__proto__=1', 'constructor=1', '__proto__[admin]=1', 'a[b]=1', 'sort=id', 'page=2', '%00=1', '=1']) probes.push(list(q, 'unknown_field'));
  const deadlines = (query: string): Probe => ({ name: `GET /deadlines?${query.slice(0, 60)}`, method: 'GET', url: `/api/v1/deadlines?${query}` });
  for (const q of ['', 'rule=access', 'from=2025-10-24', 'rule=nope&from=2025-10-24', 'rule=ACCESS&from=2025-10-24', 'rule=access&from=yesterday',
    'rule=access&from=2025-02-30', 'rule=access&from=1e21', `rule=access&from=${'9'.repeat(1000)}`, 'rule=access&from=%00', 'rule=access&from=',
    'rule=access&rule=access&from=2025-10-24', 'rule=access&from=2025-10-24&extra=1', 'rule=__proto__&from=2025-10-24', 'rule=access&from=Infinity',
    'rule=access&from=-271821-04-20', 'rule=access&from=%ZZ', 'rule=access&from=2025-10-24T25:00:00Z']) probes.push(deadlines(q));
  return probes;
}

function idProbes(): Probe[] {
  const ids: [string, string?][] = [['x', 'invalid_params'], ['DSAR-2026-00001', 'invalid_params'], ['dsar-2026-000001', 'invalid_params'],
    ['DSAR-2026-000001%00', 'invalid_params'], ['%00', 'invalid_params'], ['..%2F..%2Fetc%2Fpasswd', 'invalid_params'], ['%2e%2e'],
    ['%ZZ', 'bad_url'], ['%', 'bad_url'], ['%E0%A4%A', 'bad_url'], ['%C0%AF', 'bad_url'], [`DSAR-2026-${'9'.repeat(200)}`, 'param_too_long'],
    ['DSAR-2020-999999', 'case_not_found'], ['%27%3B%20DROP%20TABLE%20cases%3B--', 'invalid_params'], ['%D0%94%D0%A1%D0%90%D0%A0', 'invalid_params'],
    ['%F0%9F%92%A9', 'invalid_params'], ['DSAR-2026-000001%0A', 'invalid_params'], [' DSAR-2026-000001', 'invalid_params'], ['null', 'invalid_params'],
    ['-1', 'invalid_params'], ['1e21', 'invalid_params'], ['Infinity', 'invalid_params']];
  const probes: Probe[] = [];
  for (const [id, code] of ids) {
    probes.push({ name: `GET /cases/${id.slice(0, 30)}`, method: 'GET', url: `/api/v1/cases/${id}`, code });
    probes.push({ name: `GET /cases/${id.slice(0, 30)}/history`, method: 'GET', url: `/api/v1/cases/${id}/history`, code });
    probes.push({ name: `POST /cases/${id.slice(0, 30)}/actions`, method: 'POST', url: `/api/v1/cases/${id}/actions`, payload: { action: 'respond' }, code: code === 'case_not_found' ? undefined : code });
  }
  return probes;
}

function routeProbes(): Probe[] {
  // `/` is the web console (HTML, its own sign-in redirect): not probed here.
  const probes: Probe[] = ['/api/v1/casez', '/api/v2/cases', '/../../etc/passwd', '/api/v1/cases/x/y/z', '/nope', '/api', '/api/v1', '/health/x',
    '/api/v1/cases/DSAR-2026-000001/actions/x', '/%2e%2e/%2e%2e/etc/passwd', '/api/v1/cases%00', '/api/v1/deadlines/x']
    .map((url) => ({ name: `GET ${url}`, method: 'GET' as const, url, code: 'route_not_found' }));
  probes.push({ name: 'GET /%ZZ', method: 'GET', url: '/%ZZ' });
  const wrong: [Probe['method'], string][] = [['DELETE', '/api/v1/cases'], ['PUT', '/api/v1/cases'], ['PATCH', '/api/v1/cases'],
    ['DELETE', '/api/v1/cases/DSAR-2026-000001'], ['PUT', '/api/v1/cases/DSAR-2026-000001'], ['POST', '/api/v1/cases/DSAR-2026-000001'],
    ['GET', '/api/v1/cases/DSAR-2026-000001/actions'], ['DELETE', '/api/v1/cases/DSAR-2026-000001/history'], ['POST', '/health'],
    ['DELETE', '/health'], ['POST', '/api/v1/deadlines'], ['OPTIONS', '/api/v1/cases'], ['PATCH', '/api/v1/deadlines'],
    ['POST', '/api/v1/faults'], ['DELETE', '/api/v1/faults']];
  for (const [method, url] of wrong) probes.push({ name: `${method} ${url}`, method, url, payload: method === 'GET' ? undefined : {}, code: 'method_not_allowed', status: 405 });
  // Routes that take no query refuse one; routes switched off by settings do not exist.
  for (const url of ['/api/v1/cases/DSAR-2026-000001?foo=1', '/api/v1/cases/DSAR-2026-000001/history?limit=1', '/api/v1/faults?limit=1', '/api/v1/faults?__proto__=1']) {
    probes.push({ name: `GET ${url}`, method: 'GET', url, code: 'unknown_field' });
  }
  probes.push({ name: 'GET /metrics (off)', method: 'GET', url: '/metrics', code: 'route_not_found' });
  probes.push({ name: 'POST /codec/decode (off)', method: 'POST', url: '/codec/decode', payload: { payloads: [] }, code: 'route_not_found' });
  probes.push({ name: 'no token', method: 'GET', url: '/api/v1/cases', headers: { authorization: '' }, code: 'unauthorized' });
  probes.push({ name: 'unknown token', method: 'GET', url: '/api/v1/cases', headers: { authorization: 'Bearer dsar_nope' }, code: 'invalid_token' });
  probes.push({ name: 'huge token', method: 'GET', url: '/api/v1/cases', headers: { authorization: `Bearer ${'a'.repeat(8000)}` }, code: 'invalid_token' });
  return probes;
}

const all = () => [...openCaseProbes(), ...actionProbes(caseId), ...queryProbes(), ...idProbes(), ...routeProbes()];

/** What is wrong with the answer to one probe, or undefined when it is a proper refusal. */
async function check(probe: Probe): Promise<string | undefined> {
  const res = await engine.app.inject({
    method: probe.method, url: probe.url, payload: probe.payload,
    headers: { ...engine.auth('officer'), ...probe.headers },
  });
  let body: Record<string, unknown>;
  try {
    body = res.json();
  } catch {
    return `${res.statusCode}, body is not JSON: ${res.body.slice(0, 80)}`;
  }
  const problems = [
    res.statusCode >= 400 && res.statusCode < 500 ? '' : `status ${res.statusCode}`,
    Object.keys(body).sort().join() === 'code,message,statusCode' ? '' : `keys ${Object.keys(body).join()}`,
    body.statusCode === res.statusCode ? '' : `statusCode ${String(body.statusCode)} ≠ ${res.statusCode}`,
    typeof body.code === 'string' && /^[a-z_]+$/.test(body.code) ? '' : `code ${String(body.code)}`,
    typeof body.message === 'string' && body.message.trim() !== '' ? '' : 'empty message',
    !probe.code || body.code === probe.code ? '' : `code ${String(body.code)}, expected ${probe.code}`,
    !probe.status || res.statusCode === probe.status ? '' : `status ${res.statusCode}, expected ${probe.status}`,
  ].filter(Boolean);
  return problems.length > 0 ? `${problems.join('; ')} (${String(body.message).slice(0, 100)})` : undefined;
}

describe('hostile input', () => {
  it('covers at least 300 malformed requests across every route', () => {
    expect(all().length).toBeGreaterThanOrEqual(300);
  });

  for (const [family, probes] of Object.entries({ 'opening a case': () => openCaseProbes(), 'officer actions': () => actionProbes(caseId),
    'query strings': queryProbes, 'case ids': idProbes, 'routes, methods and tokens': routeProbes })) {
    it(`${family}: every probe is a 4xx {statusCode, code, message}, never a 5xx`, async () => {
      const failures: string[] = [];
      for (const probe of probes()) {
        const problem = await check(probe);
        if (problem) failures.push(`${probe.name}: ${problem}`);
      }
      expect(failures).toEqual([]);
    });
  }
});

describe('valid requests still pass', () => {
  const open = (body: unknown, headers: Record<string, string> = {}) => engine.app.inject({
    method: 'POST', url: '/api/v1/cases', headers: { ...engine.auth('officer'), ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = { 'content-type': 'application/json' };

  it('opens cases for internationalised e-mail addresses and names in any script', async () => {
    for (const [name, email] of [['Иван Петров', 'ivan@пример.рф'], ['Иван Петров', 'иван@пример.рф'], ['Zoë d’Arc', 'zoe@xn--e1afmkfd.xn--p1ai']]) {
      const res = await open({ ...validCase, subject: { name, email } }, json);
      expect(res.statusCode, `${name} <${email}>`).toBe(201);
      expect(res.json().subject).toEqual({ name, email });
    }
  });

  it('keeps a name exactly as given, and accepts utf-8 in any spelling or no charset', async () => {
    const name = '  Ivan\u200bPetrov ';
    for (const contentType of ['application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-8', 'application/json;charset="utf-8"']) {
      const res = await open({ ...validCase, subject: { name } }, { 'content-type': contentType });
      expect(res.statusCode, contentType).toBe(201);
      expect(res.json().subject.name).toBe(name);
    }
  });

  it('shows a name made of markup as text on the console\'s case page and list: no link, image or form of the writer\'s', async () => {
    // The CSP stops scripts, not markup: a link or a fake form in the subject's name would be shown to officers.
    const name = 'Иван <a href="https://evil.example/login">войдите заново</a><img src=x><form action="https://evil.example/">';
    const res = await open({ ...validCase, receivedAt: new Date().toISOString(), subject: { name, email: 'markup@example.ru' } }, json);
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    const officer = await createUser(engine.pool, { email: 'escaping.officer@example.ru', name: 'Olga Officer', role: 'officer', password: 'a long enough passphrase' });
    if (officer === 'exists') throw new Error('officer exists');
    const cookie = `${SESSION_COOKIE}=${await createSession(engine.pool, officer.id, 60_000)}`;
    for (const url of [`/cases/${id}`, `/cases?q=${encodeURIComponent(id)}`]) {
      const page = await engine.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('Иван &lt;a href=&quot;https://evil.example/login&quot;&gt;войдите заново&lt;/a&gt;&lt;img src=x&gt;');
      expect(page.body, url).not.toContain('evil.example/login"');
      expect(page.body, url).not.toContain('<img src=x>');
      expect(page.body, url).not.toContain('<form action="https://evil.example/">');
    }
  });

  it('refuses wrong types instead of coercing them', async () => {
    for (const name of [1, null, true, ['Ivan']]) {
      const res = await open({ ...validCase, subject: { name } }, json);
      expect(res.json()).toMatchObject({ statusCode: 400, code: 'invalid_body' });
      expect(res.json().message).toContain('body/subject/name');
    }
    const blank = await open({ ...validCase, subject: { name: '\u200b \u200b' } }, json);
    expect(blank.json().message).toContain('at least one letter');
  });

  it('refuses another charset with 415 and says to send UTF-8', async () => {
    const res = await open(validCase, { 'content-type': 'application/json; charset=windows-1251' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({ statusCode: 415, code: 'unsupported_charset', message: expect.stringContaining('UTF-8') });
  });

  it('lists and computes with well-formed queries', async () => {
    for (const url of ['/api/v1/cases?limit=1', '/api/v1/cases?limit=200', '/api/v1/cases?status=received&type=access&limit=50',
      '/api/v1/deadlines?rule=access&from=2025-10-24']) {
      expect((await engine.app.inject({ method: 'GET', url, headers: engine.auth('auditor') })).statusCode, url).toBe(200);
    }
  });

  it('answers 405 with an Allow header for a known path and an unknown method', async () => {
    const res = await engine.app.inject({ method: 'DELETE', url: `/api/v1/cases/${caseId}`, headers: engine.auth('officer') });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});
