import type { LetterLanguage } from './kinds';

/**
 * Filters the templates use. They throw on input they cannot format: a letter saying "undefined" or
 * "NaN" to a data subject is worse than a letter that waits in the outbox for a fix.
 */

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2025-11-10` → `10.11.2025` (ru) or `10 November 2025` (en). */
export function formatDay(value: unknown, language: LetterLanguage): string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const [, y, m, d] = match ?? [];
  const date = match ? new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))) : undefined;
  if (!date || date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(m) - 1) {
    throw new TypeError(`the "day" filter takes a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return language === 'ru' ? `${d}.${m}.${y}` : `${Number(d)} ${EN_MONTHS[Number(m) - 1]} ${y}`;
}

/**
 * `{{ n | plural: "рабочий день", "рабочих дня", "рабочих дней" }}` → `2 рабочих дня`; English takes
 * two forms (one, other). The CLDR rules decide which form a number takes.
 */
export function pluralize(value: unknown, language: LetterLanguage, forms: unknown[]): string {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`the "plural" filter takes a whole number, got ${JSON.stringify(value)}`);
  const needed = language === 'ru' ? 3 : 2;
  if (forms.length !== needed || forms.some((f) => typeof f !== 'string')) {
    throw new TypeError(`the "plural" filter needs ${needed} word forms in ${language}`);
  }
  const category = new Intl.PluralRules(language).select(value);
  const index = language === 'ru' ? { one: 0, few: 1 }[category as 'one' | 'few'] ?? 2 : category === 'one' ? 0 : 1;
  return `${value} ${forms[index] as string}`;
}
