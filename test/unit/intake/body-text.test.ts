import { describe, expect, it } from 'vitest';
import { MAX_HTML_CHARS, cleanBodyText, cleanHeaderValue, htmlToText, stripQuotedReply } from '../../../intake/body-text';

/** The body text the classifier reads and the officer sees, and what the triage view is warned about. */
describe('stripQuotedReply', () => {
  it('cuts the attribution line and the quoted history below a reply', () => {
    expect(stripQuotedReply('Удалите мои данные.\n\nИван Иванов пишет:\n> Ваше обращение зарегистрировано\n>\n')).toBe('Удалите мои данные.');
    expect(stripQuotedReply('Please delete my data.\nOn Mon, 1 Dec 2026, DPO wrote:\n> Your request\n\n')).toBe('Please delete my data.');
  });

  it('keeps an attribution-like last line with nothing quoted under it, and a letter that is all quote', () => {
    expect(stripQuotedReply('Удалите мои данные.\nИван пишет:')).toBe('Удалите мои данные.\nИван пишет:');
    expect(stripQuotedReply('> только цитата\n> и всё\n')).toBe('> только цитата\n> и всё');
    expect(stripQuotedReply('  \n')).toBe('');
  });
});

describe('cleanHeaderValue and cleanBodyText', () => {
  it('removes control characters from a header and says so; a clean value with outer spaces passes silently', () => {
    const warnings: string[] = [];
    expect(cleanHeaderValue('Запрос\r\nBcc: x@example.ru\u0000', 'subject', warnings)).toBe('Запрос Bcc: x@example.ru');
    expect(warnings).toEqual(['subject: control characters (CR/LF/NUL) removed']);
    expect(cleanHeaderValue('  Запрос  ', 'subject', warnings)).toBe('Запрос');
    expect(warnings).toHaveLength(1);
  });

  it('drops NUL bytes from the body and reports undecodable bytes', () => {
    const warnings: string[] = [];
    expect(cleanBodyText('Удалите\u0000 данные', warnings)).toBe('Удалите данные');
    expect(cleanBodyText('bad \ufffd byte', warnings)).toBe('bad \ufffd byte');
    expect(warnings).toEqual(['body: NUL bytes removed', 'body: bytes that do not decode in the declared charset were replaced']);
    expect(cleanBodyText('чистый текст', [])).toBe('чистый текст');
  });
});

describe('htmlToText', () => {
  it('converts an HTML body without links\' addresses or images, and warns when it cuts a huge one', () => {
    const warnings: string[] = [];
    expect(htmlToText('<p>Удалите <a href="https://x.example/track">мои</a> данные<img src="x.png" alt="logo"></p>', warnings)).toBe('Удалите мои данные');
    expect(warnings).toEqual([]);
    const huge = `<p>${'a'.repeat(MAX_HTML_CHARS)}</p><p>TAIL</p>`;
    const text = htmlToText(huge, warnings);
    expect(text).not.toContain('TAIL');
    expect(warnings).toEqual([`html body above ${MAX_HTML_CHARS} characters: converted up to there`]);
    const exact = `<p>${'b'.repeat(MAX_HTML_CHARS - 7)}</p>`;
    expect(exact).toHaveLength(MAX_HTML_CHARS);
    htmlToText(exact, warnings);
    expect(warnings).toHaveLength(1);
  });
});
