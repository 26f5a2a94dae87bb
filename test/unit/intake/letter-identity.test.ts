import { afterEach, describe, expect, it, vi } from 'vitest';
import { normaliseAddress, normaliseMessageId } from '../../../domain/intake/mail-identity';
import type { ParsedMessage } from '../../../domain/intake/message';
import { bytesKey, letterKey } from '../../../intake/dedupe-key';
import { withTimeout } from '../../../intake/time-budget';

/** The edges of "the same letter": odd addresses and Message-IDs, which parts of a letter its key depends on. */
const message = (over: Partial<ParsedMessage> = {}): ParsedMessage => ({
  rawSha256: 'x', references: [], from: { email: 'ivan@example.ru' }, to: ['wellpro@wellengineering.ru'],
  subject: 'Запрос', text: 'Прошу предоставить сведения', attachments: [], signed: false, warnings: [], ...over,
});
const attachment = (sha256: string) => ({ contentType: 'application/pdf', size: 1, sha256 });

describe('normaliseAddress at the edges', () => {
  it('strips one pair of angle brackets and spaces, nothing inside', () => {
    expect(normaliseAddress(' <Ivan@Example.RU> ')).toBe('ivan@example.ru');
    expect(normaliseAddress('a<b@example.ru')).toBe('a<b@example.ru');
    expect(normaliseAddress('b@example.ru>x')).toBe('b@example.ru>x');
  });

  it('lower-cases what has no local part or no domain, without IDNA, and keeps a domain the URL parser refuses', () => {
    expect(normaliseAddress('@ПРИМЕР.РФ')).toBe('@пример.рф');
    expect(normaliseAddress('IVAN')).toBe('ivan');
    expect(normaliseAddress('Ivan@Exa mple.RU')).toBe('ivan@exa mple.ru');
    expect(normaliseAddress(null)).toBeUndefined();
    expect(normaliseAddress('<>')).toBeUndefined();
  });
});

describe('normaliseMessageId at the edges', () => {
  it('drops comments, spaces and the outer brackets; keeps the left part\'s case; an id without "@" stays as written', () => {
    expect(normaliseMessageId('<A1 (relay comment)@Example.RU>')).toBe('A1@example.ru');
    expect(normaliseMessageId('x<A1@b.ru')).toBe('x<A1@b.ru');
    expect(normaliseMessageId('NoAt(x)')).toBe('NoAt');
    expect(normaliseMessageId('(only a comment)')).toBeUndefined();
    expect(normaliseMessageId(undefined)).toBeUndefined();
  });
});

describe('the letter key without a Message-ID', () => {
  it('is a SHA-256, the same for recipients written in another case, other for other recipients or attachments', () => {
    expect(letterKey(message())).toMatch(/^body:[0-9a-f]{64}$/);
    expect(letterKey(message({ messageId: '<a@b.ru>' }))).toMatch(/^mid:[0-9a-f]{64}$/);
    expect(letterKey(message({ to: ['WellPro@WellEngineering.RU'] }))).toBe(letterKey(message()));
    expect(letterKey(message({ to: ['other@wellengineering.ru'] }))).not.toBe(letterKey(message()));
    expect(letterKey(message({ attachments: [attachment('ab'), attachment('c')] }))).not.toBe(letterKey(message({ attachments: [attachment('a'), attachment('bc')] })));
    expect(letterKey(message({ attachments: [attachment('a')] }))).not.toBe(letterKey(message({ attachments: [attachment('b')] })));
  });

  it('has a key for a letter without a sender, and an unreadable message is keyed by its bytes', () => {
    expect(letterKey(message({ from: undefined }))).not.toBe(letterKey(message()));
    expect(bytesKey('ab12')).toBe('raw:ab12');
  });
});

describe('withTimeout', () => {
  afterEach(() => vi.useRealTimers());

  it('ends work that never settles in MessageUnreadable, naming the budget', async () => {
    vi.useFakeTimers();
    const stalled = withTimeout(new Promise<never>(() => {}), 250).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(250);
    expect(await stalled).toMatchObject({ reason: 'time_budget_exceeded', message: 'The message cannot be read (time_budget_exceeded): the parse did not finish within 250 ms' });
  });

  it('hands back finished work and leaves no timer behind', async () => {
    vi.useFakeTimers();
    await expect(withTimeout(Promise.resolve('parsed'), 250)).resolves.toBe('parsed');
    expect(vi.getTimerCount()).toBe(0);
  });
});
