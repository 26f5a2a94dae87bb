/**
 * Raw 8-bit bytes with no declared charset (old Russian mail clients put cp1251 or KOI8-R straight into
 * Subject/From): valid UTF-8 first, else whichever of windows-1251 and KOI8-R reads more like Russian.
 * The two code pages hold the same letters at swapped places, so the wrong one yields rare letters and
 * capitals in the middle of words; a letter-frequency score with a penalty for those tells them apart.
 */

export type GuessedCharset = 'utf-8' | 'windows-1251' | 'koi8-r';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const decoders = { 'windows-1251': new TextDecoder('windows-1251'), 'koi8-r': new TextDecoder('koi8-r') };

// Relative frequency of Russian letters in ordinary prose, per mille.
const FREQUENCY: Record<string, number> = {
  о: 110, е: 85, а: 80, и: 74, н: 67, т: 63, с: 55, р: 47, в: 45, л: 44, к: 35, м: 32, д: 30, п: 28, у: 26,
  я: 20, ы: 19, ь: 17, г: 17, з: 17, б: 16, ч: 14, й: 12, х: 10, ж: 9, ш: 7, ю: 6, ц: 5, щ: 4, э: 3, ф: 3,
  ъ: 0.4, ё: 0.4,
};
const MID_WORD_CAPITAL_PENALTY = 4;

function isCyrillic(ch: string): boolean {
  return ch >= '\u0400' && ch <= '\u04ff';
}

/** Higher is more Russian-looking. */
export function russianScore(text: string): number {
  let score = 0;
  // A capital right after a small letter ("гЮОПНЯ") is what a wrong code page makes of "Запрос";
  // capitals after capitals are just a word in capitals.
  let previousSmall = false;
  for (const ch of text) {
    if (!isCyrillic(ch)) {
      previousSmall = /\p{Ll}/u.test(ch);
      continue;
    }
    const lower = ch.toLowerCase();
    score += Math.log1p(FREQUENCY[lower] ?? 0);
    if (previousSmall && ch !== lower) score -= MID_WORD_CAPITAL_PENALTY;
    previousSmall = ch === lower;
  }
  return score;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Which charset raw 8-bit bytes were most likely written in, and the text they decode to. */
export function guessCharset(bytes: Uint8Array): { charset: GuessedCharset; text: string } {
  if (isValidUtf8(bytes)) return { charset: 'utf-8', text: utf8.decode(bytes) };
  const cp1251 = decoders['windows-1251'].decode(bytes);
  const koi8 = decoders['koi8-r'].decode(bytes);
  // A tie (no Cyrillic at all) goes to windows-1251, by far the commoner of the two today.
  return russianScore(koi8) > russianScore(cp1251) ? { charset: 'koi8-r', text: koi8 } : { charset: 'windows-1251', text: cp1251 };
}
