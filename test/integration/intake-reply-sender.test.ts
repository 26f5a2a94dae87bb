import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEngine, eventually, type Engine } from '../helpers/engine';
import type { MessageClassifier } from '../../intake/classifier';
import { testClassifier } from '../helpers/test-classifier';
import { receivedByOurServer } from '../helpers/received-header';

/** The tests' classifier, plus the address a letter gives in its text ("мой адрес: …"), as the real one reads it. */
const classify: MessageClassifier = (m) => {
  const c = testClassifier(m);
  const given = /мой адрес: (\S+)/.exec(m.text)?.[1];
  return given ? { ...c, identity: { ...c.identity!, email: given } } : c;
};

/**
 * Issue 16, point 1: a message citing a case ([DSAR-…] tag or In-Reply-To of our letter) is filed on it only when
 * its sender is the case's subject. Over a real socket (app.listen), real PostgreSQL and Temporal.
 */
let engine: Engine;
let base: string;
beforeAll(async () => {
  engine = await startEngine({ classify });
  base = await engine.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => { await engine?.stop(); });

let n = 0;
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==', 'base64');
/** A letter with a "passport scan" attached, as the hijacking report had it. */
function letter(from: string, subject: string, body: string, headers = ''): Buffer {
  const id = `<s${++n}-${Date.now()}@mail.example>`;
  return Buffer.from([
    receivedByOurServer().trimEnd(), `From: ${from}`, 'To: wellpro@wellengineering.ru', `Subject: ${subject}`, `Message-ID: ${id}`, 'MIME-Version: 1.0',
    ...(headers ? [headers] : []), 'Content-Type: multipart/mixed; boundary="b1"', '',
    '--b1', 'Content-Type: text/plain; charset=utf-8', '', body, '',
    '--b1', 'Content-Type: image/jpeg; name="passport.jpg"', 'Content-Disposition: attachment; filename="passport.jpg"',
    'Content-Transfer-Encoding: base64', '', JPEG.toString('base64'), '--b1--', '',
  ].join('\r\n'));
}
async function post(raw: Buffer) {
  const res = await fetch(`${base}/api/v1/intake/email`, {
    method: 'POST', headers: { ...engine.auth('intake'), 'content-type': 'message/rfc822' }, body: raw,
  });
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}
const get = async (path: string) => (await fetch(`${base}${path}`, { headers: engine.auth('auditor') })).json() as Promise<Record<string, unknown>>;
const stepOf = async (id: string) => (await engine.pool.query('SELECT step FROM cases WHERE id = $1', [id])).rows[0]?.step as string | undefined;
const actions = async (id: string) => ((await get(`/api/v1/cases/${id}/history`)).events as Array<{ action: string; data: Record<string, unknown> }>);

/** A subject's access request by e-mail, waiting for the identity document the officer asked for. */
async function caseAwaitingInformation(from: string, text = ''): Promise<string> {
  const opened = await post(letter(from, 'Запрос', `Прошу предоставить сведения об обработке моих данных. ${text}`));
  expect(opened.body).toMatchObject({ outcome: 'case' });
  const caseId = opened.body.caseId as string;
  await eventually(async () => (await stepOf(caseId)) === 'review');
  const res = await fetch(`${base}/api/v1/cases/${caseId}/actions`, {
    method: 'POST', headers: { ...engine.auth('officer'), 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'request_information', missing: ['identity_document'] }),
  });
  expect(res.status, await res.text()).toBe(200);
  await eventually(async () => (await stepOf(caseId)) === 'awaiting_information');
  return caseId;
}

async function expectUnverified(caseId: string, res: { status: number; body: Record<string, unknown> }) {
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ outcome: 'triage', unverifiedCitation: { caseId, reason: 'sender_not_subject' } });
  expect(res.body.caseId).not.toBe(caseId);
  expect(res.body.bringsMissingInformation).toBeUndefined();
  const triage = res.body.caseId as string;
  await eventually(async () => (await engine.pool.query('SELECT type FROM cases WHERE id = $1', [triage])).rows[0]?.type === 'unclassified');
  // The cited case does not move, gets no correspondence, and shows the message as unverified, naming the triage case.
  expect(await stepOf(caseId)).toBe('awaiting_information');
  const events = await actions(caseId);
  expect(events.filter((e) => e.action === 'case.correspondence')).toEqual([]);
  expect(events.filter((e) => e.action === 'case.unverified_citation').map((e) => e.data))
    .toContainEqual(expect.objectContaining({ mailMessageId: res.body.mailMessageId, reason: 'sender_not_subject', triageCaseId: triage }));
  const messages = (await get(`/api/v1/cases/${caseId}/messages`)).items as Array<{ id: number; role: string }>;
  expect(messages.find((m) => m.id === res.body.mailMessageId)).toMatchObject({ role: 'unverified' });
}

it('sends a stranger\'s reply citing a case by its [tag], with a "passport" attached, to triage instead of onto the case', async () => {
  const caseId = await caseAwaitingInformation('Анна Субъект <anna.subject@example.ru>');
  await expectUnverified(caseId, await post(letter('attacker@evil.example', `Re: [${caseId}]`, 'Вот мой паспорт 4510 123456')));
});

it('does the same with a forged In-Reply-To naming the case\'s own letter', async () => {
  const caseId = await caseAwaitingInformation('Борис Субъект <boris.subject@example.ru>');
  const ourLetter = await eventually(async () => (await engine.pool.query('SELECT message_id FROM letters WHERE case_id = $1 LIMIT 1', [caseId])).rows[0]?.message_id as string | undefined);
  await expectUnverified(caseId, await post(letter('attacker@evil.example', 'Re: your letter', 'Паспорт во вложении', `In-Reply-To: ${ourLetter}`)));
});

it('files the subject\'s own reply on the case, matching the address across case and IDNA, and it brings the information', async () => {
  const caseId = await caseAwaitingInformation('Вера Субъект <vera.subject@пример.рф>');
  const ourLetter = await eventually(async () => (await engine.pool.query('SELECT message_id FROM letters WHERE case_id = $1 LIMIT 1', [caseId])).rows[0]?.message_id as string | undefined);
  const byTag = await post(letter('Vera <VERA.Subject@XN--E1AFMKFD.XN--P1AI>', `Re: [${caseId}]`, 'Паспорт во вложении'));
  expect(byTag).toMatchObject({ status: 201, body: { outcome: 'correspondence', caseId, bringsMissingInformation: true } });
  const byReplyTo = await post(letter('vera.subject@пример.рф', 'Re: your letter', 'Ещё раз паспорт', `In-Reply-To: ${ourLetter}`));
  expect(byReplyTo).toMatchObject({ status: 201, body: { outcome: 'correspondence', caseId } });
  expect((await actions(caseId)).filter((e) => e.action === 'case.correspondence')).toHaveLength(2);
});

it('files a reply from the address the subject wrote the request from, when the case\'s address is another one the letter gave', async () => {
  const caseId = await caseAwaitingInformation('Галина Субъект <galina.work@corp.example>', 'мой адрес: galina.home@example.ru');
  expect((await engine.pool.query('SELECT subject_email FROM cases WHERE id = $1', [caseId])).rows[0].subject_email).toBe('galina.home@example.ru');
  const fromWork = await post(letter('Galina.Work@CORP.example', `Re: [${caseId}]`, 'Паспорт во вложении'));
  expect(fromWork).toMatchObject({ status: 201, body: { outcome: 'correspondence', caseId, bringsMissingInformation: true } });
  const fromHome = await post(letter('galina.home@example.ru', `Re: [${caseId}]`, 'Ещё раз'));
  expect(fromHome).toMatchObject({ status: 201, body: { outcome: 'correspondence', caseId } });
});
