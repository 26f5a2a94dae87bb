import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { DEFAULT_OPERATOR_PROFILE, loadOperatorProfile } from '../../operator/profile';
import { letterSettings } from '../../platform/config';
import { createUser } from '../../users/user-store';
import { letterDeps } from '../../worker/letter-deps';
import { startEngine, eventually, type Engine } from '../helpers/engine';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { testClassifier } from '../helpers/test-classifier';

/**
 * Issue 16, points 2 and 4, over the real webhook (app.listen, fetch), real PostgreSQL and Temporal, and a real SMTP
 * server that counts what the subject would receive: only our own mail server's headers are believed.
 */
let engine: Engine;
let smtp: SmtpSink;
let base: string;
const AUTHSERV = 'mx.wellengineering.ru';
beforeAll(async () => {
  smtp = await startSmtpSink();
  const letters = letterDeps({ ...letterSettings({ SMTP_URL: smtp.url }), operator: loadOperatorProfile(DEFAULT_OPERATOR_PROFILE) });
  engine = await startEngine({ classify: testClassifier, letters, config: (c) => ({ ...c, intakeTrust: { authservId: AUTHSERV } }) });
  base = await engine.app.listen({ host: '127.0.0.1', port: 0 });
}, 120_000);
afterAll(async () => { await engine?.stop(); await smtp?.stop(); });

/** Whole seconds, `days` before now: dates in these tests move with the clock. */
const ago = (days: number) => new Date(Math.floor(Date.now() / 1000) * 1000 - days * 86_400_000);
const rfc = (d: Date) => d.toUTCString().replace('GMT', '+0000');
let n = 0;
function letter(o: { from?: string; top?: string[]; received?: Date | null; auth?: string; below?: string[] }) {
  const id = ++n;
  const from = o.from ?? `trust${id}.${Date.now()}@example.ru`;
  const raw = Buffer.from([
    ...(o.top ?? []),
    ...(o.auth ? [`Authentication-Results: ${AUTHSERV};\r\n\t${o.auth}`] : []),
    ...(o.received === null ? [] : [`Received: from relay.example.net (relay.example.net [192.0.2.9])\r\n\tby ${AUTHSERV} (Postfix) with ESMTPS id T${id};\r\n\t${rfc(o.received ?? ago(1))}`]),
    ...(o.below ?? []),
    `From: Иван Доверие <${from}>`, 'To: wellpro@wellengineering.ru', `Subject: Запрос ${id}`, `Message-ID: <trust-${id}-${Date.now()}@example.ru>`,
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', `Прошу предоставить сведения об обработке моих данных (${id}).`, '',
  ].join('\r\n'));
  return { from, raw };
}
async function post(raw: Buffer, role: 'intake' | 'officer' = 'intake', query = '') {
  const res = await fetch(`${base}/api/v1/intake/email${query}`, { method: 'POST', headers: { ...engine.auth(role), 'content-type': 'message/rfc822' }, body: raw });
  return { status: res.status, body: await res.json() as Record<string, any> };
}
const get = async (path: string) => (await fetch(`${base}${path}`, { headers: engine.auth('officer') })).json() as Promise<Record<string, any>>;
const deliveredTo = (email: string) => smtp.received.filter((m) => m.rcpt.includes(email));
const count = async (sql: string, args: unknown[] = []) => Number((await engine.pool.query(sql, args)).rows[0].n);
/** A console page as a signed-in officer sees it, in English. */
async function consolePage(path: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => { for (const c of res.headers.getSetCookie()) { const [k, v] = c.split(';')[0]!.split('='); jar.set(k!, v!); } return res; };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = await keep(await fetch(`${base}/sign-in`)).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1]!;
  const email = `olga${Date.now()}@example.ru`;
  await createUser(engine.pool, { email, name: 'Olga Officer', role: 'officer', password: 'a long enough passphrase' });
  keep(await fetch(`${base}/sign-in`, { method: 'POST', redirect: 'manual', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: 'a long enough passphrase' }).toString() }));
  keep(await fetch(`${base}/lang/en?back=/`, { redirect: 'manual', headers: { cookie: cookie() } }));
  return (await fetch(`${base}${path}`, { headers: { cookie: cookie() } })).text();
}
const opened = (caseId: string) => eventually(async () => (await count(`SELECT count(*) AS n FROM audit_events WHERE case_id = $1 AND action = 'case.opened'`, [caseId])) === 1, 30_000);

it('sends a letter claiming our own domain that our server did not authenticate to triage, flagged, and no acknowledgement reaches the SMTP server', async () => {
  const spoof = letter({
    from: `director${Date.now()}@wellengineering.ru`,
    auth: 'spf=fail smtp.mailfrom=wellengineering.ru; dkim=none; dmarc=fail (p=reject) header.from=wellengineering.ru',
    // What the forger wrote into the letter before it reached us: a "pass" under our own authserv-id.
    below: [`Authentication-Results: ${AUTHSERV}; spf=pass smtp.mailfrom=wellengineering.ru; dkim=pass header.d=wellengineering.ru; dmarc=pass header.from=wellengineering.ru`],
  });
  const genuine = letter({ from: `staff${Date.now()}@wellengineering.ru`, auth: 'spf=pass smtp.mailfrom=wellengineering.ru; dkim=pass header.d=wellengineering.ru; dmarc=pass header.from=wellengineering.ru' });
  const outsider = letter({ auth: 'spf=softfail smtp.mailfrom=example.ru; dkim=none; dmarc=none header.from=example.ru' });
  const [s, g, o] = [await post(spoof.raw), await post(genuine.raw), await post(outsider.raw)];
  expect(s).toMatchObject({ status: 201, body: { outcome: 'triage', senderAuth: { status: 'checked', ownDomain: true, ownDomainUnverified: true, dmarc: { result: 'fail' } } } });
  expect(g).toMatchObject({ status: 201, body: { outcome: 'case', senderAuth: { ownDomain: true, ownDomainUnverified: false, dmarc: { result: 'pass' } } } });
  // Someone else's domain failing its checks is shown, not punished: our domain is what a forger would abuse against us.
  expect(o).toMatchObject({ status: 201, body: { outcome: 'case', senderAuth: { ownDomain: false, ownDomainUnverified: false, spf: { result: 'softfail' } } } });
  await opened(s.body.caseId);
  // The letters after it were acknowledged through the same worker and SMTP server: the spoofed one had its chance.
  await eventually(async () => deliveredTo(genuine.from).length === 1 && deliveredTo(outsider.from).length === 1, 30_000);
  expect(deliveredTo(spoof.from)).toHaveLength(0);
  const messages = await get(`/api/v1/cases/${s.body.caseId}/messages`);
  expect(messages.items[0]).toMatchObject({ role: 'request', receivedAtSource: 'received_header', senderAuth: { ownDomainUnverified: true, spf: { result: 'fail', domain: 'wellengineering.ru' } } });
  // The officer sees it on the console's case page (signed in over the socket, English).
  const page = await consolePage(`/cases/${s.body.caseId}`);
  expect(page).toContain('SPF fail, DKIM none, DMARC fail');
  expect(page).toContain('claims our own domain, not authenticated by our server: no acknowledgement');
  expect(page).toContain("day 0 from our mail server&#39;s Received: header");
  // …and in the triage list on the dashboard, flagged.
  const triage = /<section aria-labelledby="triage">[\s\S]*?<\/section>/.exec(await consolePage('/'))![0];
  expect(triage).toMatch(new RegExp(`${s.body.caseId}<\/a>[^<]*<bdi>[^<]*<\/bdi>[^<]*<strong>claims our own domain`));
  // Not even when an officer classifies it (the step that acknowledges a triaged letter): a later letter's
  // acknowledgement comes through, the forged sender's never does.
  const classified = await fetch(`${base}/api/v1/cases/${s.body.caseId}/actions`, {
    method: 'POST', headers: { ...engine.auth('officer'), 'content-type': 'application/json' }, body: JSON.stringify({ action: 'classify', type: 'access' }),
  });
  expect(classified.status).toBe(200);
  const later = letter({ auth: 'spf=pass smtp.mailfrom=example.ru; dkim=none; dmarc=none' });
  expect((await post(later.raw)).status).toBe(201);
  await eventually(async () => deliveredTo(later.from).length === 1, 30_000);
  expect(deliveredTo(spoof.from)).toHaveLength(0);
}, 60_000);

it('says "not checked", never "pass", when no authserv-id is configured, whatever the headers claim', async () => {
  const api = await buildApp({ ...engine.config, intakeTrust: {} }, { classify: testClassifier });
  try {
    const l = letter({ auth: 'spf=pass smtp.mailfrom=example.ru; dkim=pass header.d=example.ru; dmarc=pass header.from=example.ru' });
    const res = await api.inject({ method: 'POST', url: '/api/v1/intake/email', headers: { ...engine.auth('intake'), 'content-type': 'message/rfc822' }, payload: l.raw });
    expect(res.json()).toMatchObject({ outcome: 'case', senderAuth: { status: 'not_checked', reason: 'no_authserv_id', spf: null, dkim: [], dmarc: null } });
  } finally {
    await api.close();
  }
});

it('dates a webhook letter by the topmost Received: header of our mail host, not the upload, and runs its term from that day', async () => {
  const day0 = ago(10);
  const l = letter({
    received: day0,
    top: [`Received: by webhook.provider.example; ${rfc(ago(0))}`], // a host not ours, above: skipped
    below: [`Received: from forger.example by ${AUTHSERV}; ${rfc(ago(40))}`], // written by the sender: never believed
  });
  const res = await post(l.raw);
  expect(res).toMatchObject({ status: 201, body: { outcome: 'case', receivedAt: day0.toISOString(), receivedAtSource: 'received_header' } });
  const opened = await get(`/api/v1/cases/${res.body.caseId}`);
  // The same request opened by hand with that receipt instant: the term is the law's from day 0, not from the upload.
  const byHand = await (await fetch(`${base}/api/v1/cases`, {
    method: 'POST', headers: { ...engine.auth('officer'), 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'access', channel: 'email', receivedAt: day0.toISOString(), subject: { name: 'Иван Доверие', email: `hand${Date.now()}@example.ru` } }),
  })).json() as Record<string, any>;
  expect({ receivedAt: opened.receivedAt, due: opened.due }).toEqual({ receivedAt: day0.toISOString(), due: byHand.due });
  expect((await get(`/api/v1/cases/${res.body.caseId}/messages`)).items[0]).toMatchObject({ receivedAt: day0.toISOString(), receivedAtSource: 'received_header' });
});

it('refuses an upload nobody can date (400 received_at_required, nothing recorded); an officer states the date, audited under their name', async () => {
  const l = letter({ received: null, top: [`Received: from a.example by relay.example.net; ${rfc(ago(0))}`] });
  const before = await count('SELECT count(*) AS n FROM mail_messages');
  const refused = await post(l.raw);
  expect(refused).toMatchObject({ status: 400, body: { code: 'received_at_required' } });
  expect(refused.body.message).toContain('receivedAt');
  expect(await count('SELECT count(*) AS n FROM mail_messages')).toBe(before);
  const stated = ago(8);
  const q = `?receivedAt=${encodeURIComponent(stated.toISOString())}`;
  expect(await post(l.raw, 'intake', q)).toMatchObject({ status: 403, body: { code: 'received_at_officer_only' } });
  expect(await post(l.raw, 'officer', `?receivedAt=${encodeURIComponent(ago(-1).toISOString())}`)).toMatchObject({ status: 400, body: { code: 'received_at_in_future' } });
  const res = await post(l.raw, 'officer', q);
  expect(res).toMatchObject({ status: 201, body: { outcome: 'case', receivedAt: stated.toISOString(), receivedAtSource: 'officer' } });
  expect((await get(`/api/v1/cases/${res.body.caseId}`)).receivedAt).toBe(stated.toISOString());
  const { rows } = await engine.pool.query(`SELECT actor, data FROM audit_events WHERE case_id = $1 AND action = 'intake.received_at_stated'`, [res.body.caseId]);
  expect(rows).toEqual([{ actor: 'test officer', data: { mailMessageId: res.body.mailMessageId, receivedAt: stated.toISOString() } }]);
  expect((await get(`/api/v1/cases/${res.body.caseId}/messages`)).items[0]).toMatchObject({ receivedAtSource: 'officer' });
});
