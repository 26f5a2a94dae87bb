/**
 * Dates as people write them in letters — 01.03.2015, 1.3.15 is too ambiguous and is not read, "1 марта 2015 г.",
 * "March 1, 2015", "1 March 2015", 2015-03-01 — read to an ISO calendar date without a clock or time zone.
 */
const RU_MONTHS = ['январ', 'феврал', 'март', 'апрел', 'ма[яй]', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'];
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_RU = `(?:${RU_MONTHS.map((m) => `${m}\\p{L}*`).join('|')})`;
const MONTH_EN = `(?:${EN_MONTHS.map((m) => `${m}\\p{L}*\\.?`).join('|')})`;

/** One regex source matching any supported date (no groups of its own: callers wrap it). */
export const DATE = [
  '\\d{1,2}[./]\\d{1,2}[./]\\d{4}',
  '\\d{4}-\\d{2}-\\d{2}',
  `\\d{1,2}\\s+${MONTH_RU}\\s+\\d{4}`,
  `\\d{1,2}\\s+${MONTH_EN}\\s+\\d{4}`,
  `${MONTH_EN}\\s+\\d{1,2},?\\s+\\d{4}`,
].map((s) => `(?:${s})`).join('|');

const pad = (n: number) => String(n).padStart(2, '0');

function valid(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2200) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function monthOf(word: string, months: readonly string[]): number {
  return months.findIndex((m) => new RegExp(`^${m}`, 'iu').test(word)) + 1;
}

/** The ISO date of one DATE match, or undefined when it is no calendar date (31.02 is kept: we read, not judge). */
export function isoDate(found: string): string | undefined {
  const text = found.trim().replace(/ё/gi, 'е');
  let m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
  if (m) return valid(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s+(\p{L}+)\.?\s+(\d{4})$/u.exec(text);
  if (m) {
    const month = monthOf(m[2] ?? '', /\p{Script=Cyrillic}/u.test(m[2] ?? '') ? RU_MONTHS : EN_MONTHS);
    return valid(Number(m[3]), month, Number(m[1]));
  }
  m = /^(\p{L}+)\.?\s+(\d{1,2}),?\s+(\d{4})$/u.exec(text);
  if (m) return valid(Number(m[3]), monthOf(m[1] ?? '', EN_MONTHS), Number(m[2]));
  return undefined;
}
