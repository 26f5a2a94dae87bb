import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_OPERATOR_PROFILE, loadOperatorProfile } from '../../operator/profile';
import { letterSettings } from '../../platform/config';
import { letterDeps } from '../../worker/letter-deps';
import { eventually, startEngine, type Engine } from '../helpers/engine';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/** The case workflow sends its letters through a real SMTP server: the acknowledgement, and escalations to the DPO and the head. */
let engine: Engine;
let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
  const operator = {
    ...loadOperatorProfile(DEFAULT_OPERATOR_PROFILE),
    dpo: { name: 'Дмитрий Ответственный', position: 'Ответственный за организацию обработки ПДн', email: 'dpo@wellengineering.ru' },
    head: { name: 'Генеральный Директор', position: 'Генеральный директор', email: 'head@wellengineering.ru' },
  };
  engine = await startEngine({ letters: letterDeps({ ...letterSettings({ SMTP_URL: smtp.url }), operator }) });
});
afterAll(async () => {
  await engine?.stop();
  await smtp?.stop();
});

const open = async (name: string, receivedAt: string) => (await engine.app.inject({
  method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
  payload: { type: 'access', channel: 'email', receivedAt, subject: { name, email: 'ivan.letters@example.ru' } },
})).json() as { id: string; due: string };
const mailsTo = (address: string, caseId: string) => smtp.received.filter((m) => m.rcpt.includes(address) && (m.mail.subject ?? '').includes(caseId));

it('acknowledges a request to the subject by e-mail, with the case number and the due date, once', async () => {
  const c = await open('Иван Письмов', new Date().toISOString());
  const [ack] = await eventually(async () => { const m = mailsTo('ivan.letters@example.ru', c.id); return m.length > 0 && m; });
  expect(ack!.mail.text).toContain('Иван Письмов');
  expect(ack!.mail.text).toContain(c.due.split('-').reverse().join('.'));
  // The sink holds the mail before it answers 250; the worker records `sent` once it has that answer.
  const listed = async () => ((await engine.app.inject({ method: 'GET', url: `/api/v1/cases/${c.id}/letters`, headers: engine.auth('auditor') })).json().items as Array<{ kind: string; status: string }>)
    .map((l) => [l.kind, l.status]);
  await eventually(async () => (await listed()).every(([, status]) => status !== 'queued'));
  expect(await listed()).toEqual([['acknowledgement', 'sent']]);
  expect(mailsTo('ivan.letters@example.ru', c.id)).toHaveLength(1);
});

it('escalates an overdue case to the DPO and the head, naming the case but not the subject', async () => {
  const c = await open('Пётр Просроченный', '2025-10-24T10:00:00+03:00');
  await eventually(async () => mailsTo('dpo@wellengineering.ru', c.id).length > 0 && mailsTo('head@wellengineering.ru', c.id).length > 0);
  for (const m of [...mailsTo('dpo@wellengineering.ru', c.id), ...mailsTo('head@wellengineering.ru', c.id)]) {
    expect(m.mail.text).not.toContain('Пётр Просроченный');
  }
  const history = (await engine.app.inject({ method: 'GET', url: `/api/v1/cases/${c.id}/history`, headers: engine.auth('auditor') })).json();
  expect(history.events.filter((e: { action: string }) => e.action === 'case.escalate')).toHaveLength(1);
});

const act = async (id: string, payload: object) => {
  const res = await engine.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions`, headers: engine.auth('officer'), payload });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const kindsOf = async (id: string) =>
  ((await engine.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/letters`, headers: engine.auth('auditor') })).json().items as Array<{ kind: string }>).map((l) => l.kind);

it('sends each step its letter: extension and response for access; recipients and destruction notice for deletion', async () => {
  const access = await open('Анна Доступ', new Date().toISOString());
  await act(access.id, { action: 'extend', reason: 'Сведения хранятся в архиве и требуют дополнительной проверки' });
  await act(access.id, { action: 'respond', sections: [{ item: 'processing_confirmed', text: 'Оператор обрабатывает Ваши персональные данные.' }] });
  await eventually(async () => (await kindsOf(access.id)).length === 3);
  expect((await kindsOf(access.id)).sort()).toEqual(['acknowledgement', 'extension_notice', 'response_cover']);
  await eventually(async () => mailsTo('ivan.letters@example.ru', access.id).length === 3);
  const texts = mailsTo('ivan.letters@example.ru', access.id).map((m) => m.mail.text ?? '');
  expect(texts.some((t) => t.includes('дополнительной проверки'))).toBe(true);
  expect(texts.some((t) => t.includes('Оператор обрабатывает Ваши персональные данные.'))).toBe(true);

  const deletion = (await engine.app.inject({
    method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'deletion', channel: 'email', receivedAt: new Date().toISOString(), subject: { name: 'Борис Удалов', email: 'boris.delete@example.ru' } },
  })).json() as { id: string };
  await act(deletion.id, {
    action: 'confirm_destruction', what: 'ФИО, адрес электронной почты', where: 'CRM, сайт', method: 'удаление записей из базы данных',
    destroyedAt: new Date().toISOString(), destroyedBy: [{ name: 'Ирина Администратор', position: 'системный администратор' }],
    recipients: [{ name: 'ООО «Хостинг»', email: 'privacy@hosting.example' }],
  });
  await act(deletion.id, { action: 'respond' });
  await eventually(async () => (await kindsOf(deletion.id)).length === 3);
  expect((await kindsOf(deletion.id)).sort()).toEqual(['acknowledgement', 'destruction_notice', 'recipient_notice']);
  await eventually(async () => mailsTo('privacy@hosting.example', deletion.id).length === 1);
  await eventually(async () => mailsTo('boris.delete@example.ru', deletion.id).length === 2);
  expect(mailsTo('boris.delete@example.ru', deletion.id).some((m) => (m.mail.text ?? '').includes('ФИО, адрес электронной почты'))).toBe(true);
});

it('tells every recipient the data were disclosed to, each once, not only the first', async () => {
  const deletion = (await engine.app.inject({
    method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'deletion', channel: 'email', receivedAt: new Date().toISOString(), subject: { name: 'Вера Получателева', email: 'vera.recipients@example.ru' } },
  })).json() as { id: string };
  const recipients = [
    { name: 'ООО «Хостинг»', email: 'privacy@hosting.example' }, { name: 'ООО «Курьер»', email: 'dpo@courier.example' },
    { name: 'АО «Бухгалтерия»', email: 'pd@accounting.example' },
  ];
  await act(deletion.id, {
    action: 'confirm_destruction', what: 'ФИО, адрес электронной почты', where: 'CRM', method: 'удаление записей из базы данных',
    destroyedAt: new Date().toISOString(), destroyedBy: [{ name: 'Ирина Администратор', position: 'системный администратор' }], recipients,
  });
  await act(deletion.id, { action: 'respond' });
  await eventually(async () => mailsTo('vera.recipients@example.ru', deletion.id).length === 2); // acknowledgement, destruction notice
  await eventually(async () => recipients.every((r) => mailsTo(r.email, deletion.id).length === 1));
  expect(recipients.map((r) => mailsTo(r.email, deletion.id).length)).toEqual([1, 1, 1]);
  expect((await kindsOf(deletion.id)).filter((k) => k === 'recipient_notice')).toHaveLength(3);
});

it('writes to the subject in the language of the request, and to staff in the operator\'s', async () => {
  const c = (await engine.app.inject({
    method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'access', channel: 'email', receivedAt: '2025-10-24T10:00:00+03:00', language: 'en', subject: { name: 'John English', email: 'john.english@example.com' } },
  })).json() as { id: string; language: string };
  expect(c.language).toBe('en');
  const [ack] = await eventually(async () => { const m = mailsTo('john.english@example.com', c.id); return m.length > 0 && m; });
  expect(ack!.mail.subject).toBe(`Request No. ${c.id} registered [${c.id}]`);
  const [escalation] = await eventually(async () => { const m = mailsTo('dpo@wellengineering.ru', c.id); return m.length > 0 && m; });
  expect(escalation!.mail.subject).toMatch(/^Просрочено/);
});

