import { describe, expect, it } from 'vitest';
import { guessCharset, isValidUtf8, russianScore } from '../../../intake/charset-detect';

/** The score that tells windows-1251 from KOI8-R: letter frequencies, and a penalty for a capital inside a word. */
const o = Math.log1p(110);
const PENALTY = 4;

describe('russianScore', () => {
  it('adds the log-frequency of each Russian letter, in either case, and nothing for other text', () => {
    expect(russianScore('')).toBe(0);
    expect(russianScore('abc 123')).toBe(0);
    expect(russianScore('о')).toBeCloseTo(o, 12);
    expect(russianScore('О')).toBeCloseTo(o, 12);
    expect(russianScore('Ёё')).toBeCloseTo(2 * Math.log1p(0.4), 12);
    expect(russianScore('ї')).toBe(0);
  });

  it('takes a capital right after a small letter, Cyrillic or Latin, as a sign of the wrong code page', () => {
    expect(russianScore('оО')).toBeCloseTo(2 * o - PENALTY, 12);
    expect(russianScore('aО')).toBeCloseTo(o - PENALTY, 12);
    expect(russianScore('ӿО')).toBeCloseTo(o - PENALTY, 12);
    // U+0400, the first Cyrillic code point, is a capital too.
    expect(russianScore('оЀ')).toBeCloseTo(o - PENALTY, 12);
  });

  it('does not penalise a word in capitals or a capital after a space or a digit', () => {
    expect(russianScore('ОО')).toBeCloseTo(2 * o, 12);
    expect(russianScore('о О')).toBeCloseTo(2 * o, 12);
    expect(russianScore('1О')).toBeCloseTo(o, 12);
  });
});

describe('guessCharset', () => {
  it('reads valid UTF-8 as UTF-8', () => {
    expect(guessCharset(new TextEncoder().encode('Запрос'))).toEqual({ charset: 'utf-8', text: 'Запрос' });
    expect(isValidUtf8(Uint8Array.from([0xd0, 0x9f]))).toBe(true);
    expect(isValidUtf8(Uint8Array.from([0xd0]))).toBe(false);
  });

  it('gives a tie (no Russian letters either way) to windows-1251', () => {
    expect(guessCharset(Uint8Array.from([0x41, 0x98]))).toEqual({ charset: 'windows-1251', text: 'A\u0098' });
  });
});
