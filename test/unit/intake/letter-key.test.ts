import { describe, expect, it } from 'vitest';
import { normaliseAddress, normaliseMessageId } from '../../../domain/intake/mail-identity';
import type { ParsedMessage } from '../../../domain/intake/message';
import { letterKey } from '../../../intake/dedupe-key';

const message = (over: Partial<ParsedMessage> = {}): ParsedMessage => ({
  rawSha256: 'x', messageId: '<a1@example.ru>', references: [], from: { email: 'ivan@example.ru' }, to: ['wellpro@wellengineering.ru'],
  subject: 'Запрос', text: 'Прошу предоставить сведения', attachments: [], signed: false, warnings: [], ...over,
});

describe('sender addresses', () => {
  it('compare equal across letter case, IDNA and Unicode normal form', () => {
    expect(normaliseAddress('Vera.Subject@ПРИМЕР.рф')).toBe(normaliseAddress('vera.subject@xn--e1afmkfd.xn--p1ai'));
    expect(normaliseAddress('jose\u0301@example.ru')).toBe(normaliseAddress('jos\u00e9@EXAMPLE.ru'));
    expect(normaliseAddress('ivan@example.ru')).not.toBe(normaliseAddress('ivan@example.ru.evil.example'));
    expect(normaliseAddress('  ')).toBeUndefined();
  });
});

describe('the letter key', () => {
  it('is the Message-ID however written, with the sender', () => {
    expect(normaliseMessageId(' < a1@Example.RU > ')).toBe('a1@example.ru');
    expect(letterKey(message({ messageId: 'a1@EXAMPLE.ru' }))).toBe(letterKey(message()));
    expect(letterKey(message({ from: { email: 'IVAN@example.ru' } }))).toBe(letterKey(message()));
    // Another sender reusing (or forging) the Message-ID is another letter, not a duplicate to be dropped.
    expect(letterKey(message({ from: { email: 'attacker@evil.example' } }))).not.toBe(letterKey(message()));
    expect(letterKey(message({ messageId: '<a2@example.ru>' }))).not.toBe(letterKey(message()));
  });

  it('without a Message-ID is the body and the headers a relay leaves alone', () => {
    const bare = { messageId: undefined, date: 'Mon, 7 Dec 2026 10:00:00 +0300' };
    expect(letterKey(message(bare))).toMatch(/^body:/);
    expect(letterKey(message(bare))).toBe(letterKey(message({ ...bare, rawSha256: 'other bytes' })));
    expect(letterKey(message({ ...bare, text: 'Прошу удалить' }))).not.toBe(letterKey(message(bare)));
    expect(letterKey(message({ ...bare, date: 'Tue, 8 Dec 2026 10:00:00 +0300' }))).not.toBe(letterKey(message(bare)));
  });
});
