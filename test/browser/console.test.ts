import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { issueAct } from '../../acts/act-store';
import { buildApp } from '../../api/app';
import { createUser } from '../../users/user-store';
import { actInput, testRegistry, wellpro } from '../helpers/acts';
import { consolePage, expectAccessible, launchChromium, screenshot } from '../helpers/browser';
import { runDsar } from '../helpers/dsar-cli';
import { eventually, startEngine, type Engine } from '../helpers/engine';
import { testClassifier } from '../helpers/test-classifier';
import { receivedByOurServer } from '../helpers/received-header';

/**
 * The web console in Debian's chromium, driven by playwright-core, against the engine as production runs it
 * (real PostgreSQL, Temporal and worker) listening on loopback. axe-core checks every page visited.
 */
let engine: Engine;
let browser: Browser;
let base: string;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  engine = await startEngine({ classify: testClassifier });
  base = await engine.app.listen({ host: '127.0.0.1', port: 0 });
  // The officer through the CLI, exactly as the README says; the others straight into the store.
  const created = runDsar(engine.config.databaseUrl, ['user', 'create', '--role', 'officer', '--email', 'olga@example.ru', '--name', 'Olga Officer'], PASSWORD);
  expect(created.status, created.stderr).toBe(0);
  await createUser(engine.pool, { email: 'anna@example.ru', name: 'Anna Auditor', role: 'auditor', password: PASSWORD });
  await createUser(engine.pool, { email: 'lock@example.ru', name: 'Lena Locked', role: 'officer', password: PASSWORD });
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await engine?.stop();
});

const open = async (type: string, receivedAt: string, name = 'Иван Петров') => (await engine.app.inject({
  method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
  payload: { type, channel: 'email', receivedAt, subject: { name, email: 'ivan@example.ru' } },
})).json() as { id: string };

/** Goes to a console page and checks it with axe. */
async function visit(page: Page, path: string): Promise<void> {
  await page.goto(`${base}${path}`);
  await expectAccessible(page);
}

async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto(`${base}/`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await expectAccessible(page);
  await page.getByLabel(/Эл. почта|E-mail/).fill(email);
  await page.getByLabel(/Пароль|Password/).fill(password);
  await page.getByRole('button', { name: /Войти|Sign in/ }).click();
}

it('walks an officer through the console: an access case extended, then answered; a stale form gets the 409 in place', async () => {
  const { id } = await open('access', new Date().toISOString(), 'Пётр Сидоров');
  const { page, problems } = await consolePage(browser);
  await signIn(page, 'olga@example.ru');
  await expect.poll(() => new URL(page.url()).pathname).toBe('/');
  await expectAccessible(page);
  await expect.poll(() => page.locator('h1').textContent()).toBe('Сводка');

  await page.getByRole('link', { name: 'Обращения', exact: true }).click();
  await expectAccessible(page);
  await page.getByRole('link', { name: id }).click();
  await expect.poll(() => page.locator('h1').textContent()).toContain(id);
  await expectAccessible(page);
  // Only the actions the law allows now are forms; the others are greyed with the table's reason.
  expect(await page.locator('form.action input[name=action]').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value).sort()))
    .toEqual(['assign', 'close', 'extend', 'refuse', 'request_information', 'respond']);
  expect(await page.locator('#why-classify').textContent()).toContain('not part of the access path');

  const extend = page.locator('#action-extend');
  await extend.getByLabel(/Причина/).fill('Нужно больше времени на сбор сведений из архива');
  await extend.getByRole('button').click();
  await expect.poll(() => page.locator('p.ok').textContent()).toContain('Продлить срок');
  await expectAccessible(page);
  expect(await page.locator('table.terms tbody tr').first().textContent()).toContain('продлён');
  expect(await page.locator('#why-extend').getAttribute('data-code')).toBe('extension_already_used');
  expect(await page.locator('#why-extend').textContent()).toMatch(/срок уже продлевался.*already extended/s);

  // A second tab keeps the form while the case moves on through the API: its submission is refused in place.
  const { page: other } = await consolePage(browser);
  await other.context().addCookies(await page.context().cookies());
  await other.goto(`${base}/cases/${id}`);
  await page.locator('#action-respond').getByRole('button').click();
  await expect.poll(() => page.locator('.status .badge').textContent()).toBe('ответ дан');
  await other.locator('#action-request_information').getByLabel('identity_document').check();
  await other.locator('#action-request_information').getByRole('button').click();
  // The form is gone (the case is closed), so the refusal stands at the head of the actions, with the table's code.
  await expect.poll(() => other.locator('#action-error').getAttribute('data-code')).toBe('case_closed');
  expect(await other.locator('#action-request_information').count()).toBe(0);
  await expectAccessible(other);
  await other.context().close();

  const api = (await engine.app.inject({ url: `/api/v1/cases/${id}/history`, headers: engine.auth('auditor') })).json();
  const actions = api.events.map((e: { action: string; actor: string }) => `${e.action}:${e.actor}`);
  expect(actions).toEqual(expect.arrayContaining(['case.extend:Olga Officer', 'case.respond:Olga Officer']));
  expect(problems).toEqual([]);
});

it('marks an overdue case in the list and on the dashboard, in Russian and English, at 1280 and 390 wide', async () => {
  const late = await open('access', '2025-10-24T10:00:00+03:00', 'Анна Просрочкина');
  await open('blocking', new Date().toISOString(), 'Борис Скоров'); // due at 24:00 today: "due soon"
  await eventually(async () => (await engine.pool.query(`SELECT 1 FROM cases WHERE id = $1 AND status = 'overdue'`, [late.id])).rowCount === 1);
  // The owners' queue as the systems' workflows leave it: one manual system waiting, one done (not listed).
  await engine.pool.query(`INSERT INTO destruction_tasks (case_id, system_id, kind, status, owner_name, due_at, destroyed_at)
    VALUES ($1, 'crm-bitrix', 'manual', 'pending', 'Пётр Владельцев', now() + interval '3 days', NULL), ($1, 'site-db', 'connector', 'done', NULL, NULL, now())`, [late.id]);
  const { page, problems } = await consolePage(browser);
  await signIn(page, 'olga@example.ru');
  await page.waitForURL(`${base}/`);
  const waiting = page.locator('section[aria-labelledby=destruction] li');
  expect(await waiting.allTextContents()).toEqual([expect.stringMatching(new RegExp(`^${late.id} — crm-bitrix \\(Пётр Владельцев\\), Срок `))]);
  expect(Number(await page.locator('.card.overdue .n').textContent())).toBeGreaterThanOrEqual(1);
  expect(Number(await page.locator('.card.soon .n').textContent())).toBeGreaterThanOrEqual(1); // the blocking case: due at 24:00 today
  await screenshot(page, 'dashboard-ru');
  await visit(page, '/cases');
  const row = page.locator(`tr[data-case="${late.id}"]`);
  expect(await row.getAttribute('class')).toContain('is-overdue');
  expect(await row.locator('.badge').textContent()).toBe('просрочено');
  expect(await page.locator('tr.is-soon .badge').first().textContent()).toBe('скоро срок');
  await screenshot(page, 'case-list-ru');
  await visit(page, `/cases/${late.id}`);
  await screenshot(page, 'case-page-ru');

  await page.getByRole('link', { name: 'English' }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
  await expectAccessible(page);
  await screenshot(page, 'case-page-en');
  await visit(page, '/cases?overdue=true');
  expect(await page.locator(`tr[data-case="${late.id}"] .badge`).textContent()).toBe('overdue');
  await screenshot(page, 'case-list-en');
  await visit(page, '/');
  await screenshot(page, 'dashboard-en');
  await page.setViewportSize({ width: 390, height: 844 });
  await visit(page, '/cases');
  await screenshot(page, 'case-list-en-390');
  expect(problems).toEqual([]);
});

it('classifies a letter from the triage queue', async () => {
  const raw = Buffer.from(receivedByOurServer() + 'From: Kira <kira@example.ru>\r\nTo: wellpro@wellengineering.ru\r\nSubject: Вопрос\r\nMessage-ID: <triage-1@example.ru>\r\n'
    + 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nКогда откроется ваш магазин?\r\n');
  const res = await engine.app.inject({ method: 'POST', url: '/api/v1/intake/email', headers: { ...engine.auth('intake'), 'content-type': 'message/rfc822' }, payload: raw });
  expect(res.json()).toMatchObject({ outcome: 'triage' });
  const id = res.json().caseId as string;
  await eventually(async () => (await engine.pool.query('SELECT 1 FROM case_terms WHERE case_id = $1', [id])).rowCount);
  const { page, problems } = await consolePage(browser);
  await signIn(page, 'olga@example.ru');
  await page.waitForURL(`${base}/`);
  await page.locator('#triage ~ ul').getByRole('link', { name: id }).click();
  await expectAccessible(page);
  expect(await page.locator('pre.mail').first().textContent()).toContain('Когда откроется ваш магазин?');
  const classify = page.locator('#action-classify');
  await classify.getByLabel(/Тип обращения/).selectOption('access');
  await classify.getByRole('button').click();
  await expect.poll(() => page.locator('p.ok').count()).toBe(1);
  expect(await page.locator('h1').textContent()).toContain('Доступ к данным');
  expect(await page.locator('.status strong').textContent()).toBe('рассмотрение');
  expect(problems).toEqual([]);
});

it('shows an auditor everything read-only, with the act register and the act PDF to download', async () => {
  const caseId = 'DSAR-2026-990001';
  await engine.pool.query(`INSERT INTO cases (id, type, status, step, channel, subject_name, received_at, rule_id, calendar_version, due, due_at, provisional, deadline, opened_by)
    VALUES ($1, 'deletion', 'responded', 'done', 'email', 'Иванова Мария Петровна', now(), 'destroy_on_evidence', 'v', '2026-03-13', now(), false, '{"dueAt":"2026-03-14T00:00:00+03:00"}', 'test')`, [caseId]);
  await engine.pool.query(`INSERT INTO audit_events (case_id, actor, action, data, dedupe_key) VALUES ($1, 'officer', 'case.confirm_destruction', $2, $3)`,
    [caseId, JSON.stringify({ step: 'destroying', what: 'адрес электронной почты', destroyedAt: '2026-03-10T11:45:00.000Z' }), `${caseId}:destroyed`]);
  const act = await issueAct(engine.pool, actInput(caseId), { operator: wellpro, registry: testRegistry() });
  const open1 = await open('access', new Date().toISOString(), 'Глеб Читатель');

  const { page, problems } = await consolePage(browser);
  await signIn(page, 'anna@example.ru');
  await page.waitForURL(`${base}/`);
  await visit(page, `/cases/${open1.id}`);
  expect(await page.locator('#read-only').isVisible()).toBe(true);
  expect(await page.locator('main form[method=post]').count()).toBe(0);
  expect(await page.locator('main button:not([type=submit]), main textarea').count()).toBe(0);
  await visit(page, '/audit');
  const link = page.getByRole('link', { name: `${act.number}.pdf` });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  expect(Buffer.concat(chunks).equals(act.pdf)).toBe(true);
  await page.getByRole('button', { name: /Проверка целостности/ }).click();
  await expect.poll(() => page.locator('#verify-result').textContent()).toMatch(/^OK: /);
  await expectAccessible(page);
  // The period export (the API's cursor stream) for the last 30 days, today included, as CSV.
  const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать' }).click()]);
  const csv: Buffer[] = [];
  for await (const c of await exported.createReadStream()) csv.push(c as Buffer);
  const lines = Buffer.concat(csv).toString('utf8').trim().split('\n');
  expect(lines[0]).toBe('chainSeq,id,caseId,at,actor,action,fromStatus,toStatus,message,data,dedupeKey,actedAt,prevHash,hash');
  expect(lines.some((l) => l.includes(`${caseId},`) && l.includes('case.confirm_destruction'))).toBe(true);
  expect(exported.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);

  // A write the auditor's session tries anyway (with a valid CSRF token) is refused.
  await visit(page, `/cases/${open1.id}`);
  const csrf = await page.locator('input[name=_csrf]').first().inputValue();
  const refused = await page.request.post(`${base}/cases/${open1.id}/actions`, { form: { _csrf: csrf, action: 'close', reason: 'auditor tries' }, maxRedirects: 0 });
  expect(refused.status()).toBe(403);
  expect(problems).toEqual([]);
});

it('refuses a form posted without its CSRF token, and keeps the session cookie httpOnly and SameSite=Strict', async () => {
  const { id } = await open('access', new Date().toISOString(), 'Дина Формова');
  const { page, context } = await consolePage(browser);
  await signIn(page, 'olga@example.ru');
  await page.waitForURL(`${base}/`);
  const session = (await context.cookies()).find((c) => c.name === 'dsar_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  const res = await page.request.post(`${base}/cases/${id}/actions`, { form: { action: 'close', reason: 'no token' }, maxRedirects: 0 });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain('csrf_token_invalid');
  const forged = await page.request.post(`${base}/cases/${id}/actions`, { form: { _csrf: 'forged', action: 'close', reason: 'bad token' }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  expect((await engine.pool.query('SELECT step FROM cases WHERE id = $1', [id])).rows[0].step).toBe('review');
  const headers = (await page.request.get(`${base}/cases`)).headers();
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');
});

it('locks an account after five wrong passwords, even against the right one', async () => {
  const { page } = await consolePage(browser);
  for (let i = 1; i <= 5; i++) {
    await signIn(page, 'lock@example.ru', `wrong password ${i}`);
    await expect.poll(() => page.locator('#sign-in-error').textContent()).toMatch(i < 5 ? /Неверная почта или пароль/ : /заблокирована до/);
  }
  await signIn(page, 'lock@example.ru', PASSWORD);
  await expect.poll(() => page.locator('#sign-in-error').textContent()).toMatch(/заблокирована до/);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  const row = (await engine.pool.query(`SELECT failed_attempts, locked_until > now() + interval '50 seconds' AS locked FROM console_users WHERE email = 'lock@example.ru'`)).rows[0];
  expect(row).toEqual({ failed_attempts: 5, locked: true });
});

it('works from the keyboard alone: skip link, sign-in, navigation', async () => {
  const { id } = await open('access', new Date().toISOString(), 'Ксения Клавиатурова');
  const { page } = await consolePage(browser);
  await page.goto(`${base}/`);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string } } }).document.activeElement.className)).toBe('skip');
  await page.locator('#email').focus();
  await page.keyboard.type('olga@example.ru');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/`);
  await page.getByRole('link', { name: 'Обращения', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/cases`);
  // The filter form is reachable and submits with Enter (htmx swaps the results and pushes the URL).
  await page.locator('#f-q').focus();
  await page.keyboard.type('Клавиатурова');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.url()).toContain('q=');
  await expect.poll(() => page.locator('table.cases tbody tr').count()).toBe(1);
  await page.getByRole('link', { name: id }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/cases/${id}`);
  await expectAccessible(page);
});

it('slows guessing across many accounts from one address: the API\'s failed-authentication limit counts sign-ins too', async () => {
  const app = await buildApp({ ...engine.config, rateLimit: { failedAuthPerMinute: 3, writesPerMinute: 100 } });
  try {
    const form = await app.inject({ method: 'GET', url: '/sign-in' });
    const cookie = [form.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const attempt = (email: string) => app.inject({
      method: 'POST', url: '/sign-in', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, email, password: 'guess guess guess', next: '/' }).toString(),
    });
    for (const email of ['a1@example.ru', 'a2@example.ru', 'a3@example.ru']) expect((await attempt(email)).statusCode).toBe(401);
    const limited = await attempt('a4@example.ru');
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('too_many_requests');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  } finally {
    await app.close();
  }
});
