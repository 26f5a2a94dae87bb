import { describe, expect, it } from 'vitest';
import type { ParsedMessage } from '../../../domain/intake/message';
import { maskNumbers, messageSummary, subjectOf } from '../../../intake/mail-summary';
import { intakeReport, understand } from '../../../intake/understand';
import { operatorDomains } from '../../../operator/profile';
import type { OperatorProfile } from '../../../operator/profile-schema';

/**
 * What `npx dsar intake parse` prints and what the case keeps of a letter (mail_messages.parsed, the subject):
 * built here from parsed messages, so the report's and the summary's fields are checked one by one.
 */
const BODY = 'Прошу удалить мои персональные данные. Паспорт 45 10 123456 выдан 01.03.2015.\nДоговор № 98765.\n\nС уважением,\nИванов Иван Иванович';

function message(over: Partial<ParsedMessage> = {}): ParsedMessage {
  return {
    rawSha256: 'ab'.repeat(32), messageId: '<m1@example.ru>', inReplyTo: '<r0@wellengineering.ru>', references: [],
    date: '2026-12-01T07:00:00.000Z', from: { name: 'Ivan', email: 'ivan@example.ru' }, to: ['wellpro@wellengineering.ru'],
    subject: 'Удаление, договор 12345678', text: BODY, attachments: [], signed: false, warnings: [], ...over,
  };
}

describe('understand: the classifier and the identity reader on one parsed letter', () => {
  it('finds the demand, who wrote it, the masked passport and the contract, and what art. 14 p.3 still lacks', () => {
    const u = understand(message());
    expect(u.classification).toMatchObject({ requestType: 'deletion', language: 'ru', matched: ['удалить мои персональные данные'] });
    expect(u.identity).toEqual({
      name: 'Иванов Иван Иванович', email: 'ivan@example.ru', signature: true,
      documents: [{ kind: 'passport_ru', masked: '** ** ****56', issuedOn: '2015-03-01' }],
      relations: [{ kind: 'contract', value: '98765' }],
    });
    // The passport names no issuer: not yet a full identity document.
    expect(u.missing).toEqual(['identity_document']);
  });

  it('reads the subject of a forwarded letter from the original sender, and the signature from the parse', () => {
    const u = understand(message({ from: { email: 'clerk@wellengineering.ru' }, forwardedFrom: { name: 'Пётр', email: 'petr@example.ru' }, text: 'Удалите мои данные.', signed: true }));
    expect(u.identity.email).toBe('petr@example.ru');
    expect(u.identity.signature).toBe(true);
    expect(u.missing).toEqual(['identity_document', 'relation_to_operator']);
  });
});

describe('operatorDomains', () => {
  it('lists each request mailbox domain once, in lower case', () => {
    const profile = { requestChannels: { mailboxes: [
      { address: 'wellpro@WellEngineering.ru' }, { address: 'dpo@wellengineering.ru' }, { address: 'privacy@well.example' }, { address: 'broken' },
    ] } } as unknown as OperatorProfile;
    expect(operatorDomains(profile)).toEqual(['wellengineering.ru', 'well.example']);
    expect(operatorDomains({} as OperatorProfile)).toEqual([]);
  });
});

describe('intakeReport: what `npx dsar intake parse` prints', () => {
  it('prints the classification, the subject, the masked identity and the parse findings, never the body', () => {
    const m = message({
      attachments: [
        { filename: 'scan.pdf', contentType: 'application/pdf', size: 10, sha256: 'cd'.repeat(32) },
        { contentType: 'application/pkcs7-signature', size: 3, sha256: 'ef'.repeat(32), signature: true },
        { filename: 'huge.zip', contentType: 'application/zip', size: 99, sha256: '01'.repeat(32), dropped: true },
      ],
      warnings: ['unknown charset x-foo: read as utf-8'],
    });
    const report = intakeReport(m, understand(m));
    expect(report).toEqual({
      requestType: 'deletion', demands: [{ type: 'deletion', confidence: 0.9, matched: ['удалить мои персональные данные'] }],
      confidence: 0.9, matched: ['удалить мои персональные данные'], language: 'ru',
      subject: { name: 'Иванов Иван Иванович', email: 'ivan@example.ru' },
      identity: { documents: [{ kind: 'passport_ru', masked: '** ** ****56', issuedOn: '2015-03-01' }], relations: [{ kind: 'contract', value: '98765' }], signature: true, representative: false },
      missing: ['identity_document'], autoReply: null, signed: false,
      attachments: [
        { filename: 'scan.pdf', contentType: 'application/pdf', size: 10, sha256: 'cd'.repeat(32) },
        { filename: null, contentType: 'application/pkcs7-signature', size: 3, sha256: 'ef'.repeat(32), signature: true },
        { filename: 'huge.zip', contentType: 'application/zip', size: 99, sha256: '01'.repeat(32), dropped: true },
      ],
      warnings: ['unknown charset x-foo: read as utf-8'], messageId: '<m1@example.ru>', rawSha256: 'ab'.repeat(32),
    });
    expect(JSON.stringify(report)).not.toContain('123456');
  });

  it('names the forwarder, gives an auto-reply no request type, and says why a letter goes to triage', () => {
    const forwarded = message({ from: { email: 'clerk@wellengineering.ru' }, forwardedFrom: { name: 'Пётр', email: 'petr@example.ru' }, text: 'Удалите мои данные.' });
    const f = intakeReport(forwarded, understand(forwarded));
    expect(f.subject).toEqual({ name: 'Пётр', email: 'petr@example.ru' });
    expect(f.forwardedBy).toBe('clerk@wellengineering.ru');

    const away = message({ autoReply: { reason: 'Auto-Submitted: auto-replied' }, messageId: undefined, text: 'Удалите мои данные.' });
    const a = intakeReport(away, understand(away));
    expect(a).toMatchObject({ requestType: null, autoReply: { reason: 'Auto-Submitted: auto-replied' }, messageId: null });
    expect(a).not.toHaveProperty('forwardedBy');
    expect(a).not.toHaveProperty('triage');

    const vague = message({ subject: 'Запрос персональных данных', text: '', from: { email: 'anon@example.ru' } });
    const v = intakeReport(vague, understand(vague));
    expect(v).toMatchObject({ requestType: null, triage: 'low_confidence', subject: { name: null, email: 'anon@example.ru' } });

    const nobody = message({ from: undefined, text: 'Удалите мои данные.' });
    expect(intakeReport(nobody, understand(nobody)).subject).toEqual({ name: null, email: null });
  });
});

describe('maskNumbers: number runs that could be documents', () => {
  it('masks runs of six digits or more, spaces and dashes inside, keeping the last two; shorter runs stay', () => {
    expect(maskNumbers('паспорт 45 10 123456, тел. 8-912-345-67-89')).toBe('паспорт ********56, тел. *********89');
    expect(maskNumbers('договор 12345 от 2025 г., код 1234-56')).toBe('договор 12345 от 2025 г., код ****56');
    expect(maskNumbers('123456')).toBe('****56');
    expect(maskNumbers('12 34 5')).toBe('12 34 5');
  });
});

describe('messageSummary and subjectOf: what the case keeps', () => {
  it('keeps the headers, masks numbers in the subject, warnings and matched phrases, and never keeps the body', () => {
    const m = message({ warnings: ['part 1234567 truncated'] });
    const c = understand(m);
    const summary = messageSummary(m, { ...c, classification: { ...c.classification, matched: ['договор 7654321'] } });
    expect(summary).toMatchObject({
      messageId: '<m1@example.ru>', inReplyTo: '<r0@wellengineering.ru>', date: '2026-12-01T07:00:00.000Z', from: { name: 'Ivan', email: 'ivan@example.ru' },
      subject: 'Удаление, договор ******78', attachments: [], signed: false, warnings: ['part *****67 truncated'],
      classification: { requestType: 'deletion', matched: ['договор *****21'] }, missing: ['identity_document'],
    });
    expect((summary.identity as { name: string }).name).toBe('Иванов Иван Иванович');
    expect(JSON.stringify(summary)).not.toContain('Прошу удалить');
    const bare = messageSummary(m);
    expect(bare).not.toHaveProperty('classification');
    expect(bare).not.toHaveProperty('identity');
    expect(bare).not.toHaveProperty('missing');
  });

  it('takes the subject from the letter, else the forwarded sender, else the sender, and bounds its length', () => {
    const m = message();
    expect(subjectOf(m, understand(m))).toEqual({ name: 'Иванов Иван Иванович', email: 'ivan@example.ru' });
    const forwarded = message({ forwardedFrom: { name: 'Пётр', email: 'petr@example.ru' } });
    expect(subjectOf(forwarded, { classification: understand(forwarded).classification })).toEqual({ name: 'Пётр', email: 'petr@example.ru' });
    expect(subjectOf(message({ from: { email: 'x@example.ru' } }), { classification: understand(m).classification })).toEqual({ name: 'x@example.ru', email: 'x@example.ru' });
    expect(subjectOf(message({ from: undefined }), { classification: understand(m).classification })).toEqual({ name: 'Unknown sender' });
    const long = subjectOf(message({ from: { name: 'Я'.repeat(400), email: `${'a'.repeat(400)}@example.ru` } }), { classification: understand(m).classification });
    expect(long.name).toHaveLength(300);
    expect(long.email).toHaveLength(320);
  });
});
