import { en, type Dictionary } from './en';
import { label } from './labels';
import { ru } from './ru';

export const LANGUAGES = ['ru', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
const DICTIONARIES: Record<Lang, Dictionary> = { ru, en };

/** What every template gets: the language, its phrases (with {name} placeholders filled) and the domain's names. */
export function translator(lang: Lang) {
  const dict = DICTIONARIES[lang];
  const locale = lang === 'ru' ? 'ru-RU' : 'en-GB';
  return {
    lang,
    t: (key: keyof Dictionary, vars: Record<string, string | number> = {}) =>
      dict[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')),
    l: (key: string) => label(lang, key),
    /** A YYYY-MM-DD date as the reader writes it (02.12.2026 or 02/12/2026). */
    date: (ymd: string) => { const [y, m, d] = ymd.split('-'); return lang === 'ru' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`; },
    /** An instant in the operator's time zone. */
    instant: (iso: string, timeZone: string) => new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso)),
    number: (n: number) => new Intl.NumberFormat(locale).format(n),
  };
}
export type Translator = ReturnType<typeof translator>;
